"""Create the ``curators`` group, which may add, change, delete and view every record."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["participant", "event", "attendance", "report", "article"]
ACTIONS = ["add", "change", "delete", "view"]


def create_curators(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    app_config = apps.get_app_config("events")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    curators, _ = Group.objects.get_or_create(name="curators")
    codenames = [f"{action}_{model}" for model in MODELS for action in ACTIONS]
    curators.permissions.add(*Permission.objects.filter(content_type__app_label="events", codename__in=codenames))


def remove_curators(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="curators").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_curators, remove_curators)]
