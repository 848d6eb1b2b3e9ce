"""``manage.py shell``: Django's, its automatic imports without simple-history's historical models.

Django 5.2 imports every model at the start of a shell, each by its ``__module__`` and name. A historical model's
module is the app's (``events``), which holds no such name, so every start said "5 objects could not be
automatically imported: events.HistoricalReport …". They are left out, the supported way (``get_auto_imports``);
each is its record's ``history.model`` (``Report.history.model``).
"""

from django.apps import apps
from django.core.management.commands import shell
from simple_history.models import HistoricalChanges


class Command(shell.Command):
    def get_auto_imports(self):
        historical = {
            f"{model.__module__}.{model.__name__}"
            for model in apps.get_models()
            if issubclass(model, HistoricalChanges)
        }
        return [path for path in super().get_auto_imports() if path not in historical]
