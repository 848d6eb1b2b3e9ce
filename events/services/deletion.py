"""What a delete takes with it: a record's delete also deletes the records that cascade from it (an event's
attendances and their reports), and a writer may only delete what they may delete, as Django's admin asks
before it deletes (its "your account doesn't have permission to delete the following types of objects")."""

from django.db import router
from django.db.models.deletion import Collector


def kinds_beyond_permission(user, record):
    """The kinds of records (plural names) that deleting ``record`` would delete and ``user`` may not delete.

    A record that a protected relation keeps raises ``ProtectedError``, as the delete itself would.
    """
    collector = Collector(using=router.db_for_write(type(record), instance=record))
    collector.collect([record])
    return sorted(
        str(model._meta.verbose_name_plural)
        for model, found in collector.data.items()
        if found and not user.has_perm(f"{model._meta.app_label}.delete_{model._meta.model_name}")
    )


def beyond_permission_message(kinds):
    return f"Deleting this record would delete its {' and '.join(kinds)} too, which you may not delete."
