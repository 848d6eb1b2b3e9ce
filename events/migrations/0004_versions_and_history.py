"""Schema for issue 4 (record versions and history)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("events", "0003_search_and_indexes")]

    operations = []
