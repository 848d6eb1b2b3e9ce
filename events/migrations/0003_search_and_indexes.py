"""Schema for issue 3 (indexes and search)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("events", "0002_curators_group")]

    operations = []
