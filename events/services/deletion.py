"""What a delete takes with it: a record's delete also deletes the records that cascade from it (an event's
attendances and their reports), and a writer may only delete what they may delete, as Django's admin asks
before it deletes (its "your account doesn't have permission to delete the following types of objects")."""

from django.db import router
from django.db.models.deletion import Collector


def kinds_beyond_permission(user, record, shown=None):
    """The kinds of records (plural names) that deleting ``record`` would delete and ``user`` may not delete.

    ``shown(record)``: whether the user may know of a record; a kind of which they see none is not named, and
    is ``OTHER_RECORDS`` when no kind is shown (a refusal must not tell of drafts the user cannot read).
    A record that a protected relation keeps raises ``ProtectedError``, as the delete itself would.
    """
    collector = Collector(using=router.db_for_write(type(record), instance=record))
    collector.collect([record])
    beyond = {
        model: found
        for model, found in collector.data.items()
        if found and not user.has_perm(f"{model._meta.app_label}.delete_{model._meta.model_name}")
    }
    named = sorted(
        str(model._meta.verbose_name_plural)
        for model, found in beyond.items()
        if shown is None or any(shown(each) for each in found)
    )
    return named or ([OTHER_RECORDS] if beyond else [])


OTHER_RECORDS = "records you do not see"


def beyond_permission_message(kinds):
    if kinds == [OTHER_RECORDS]:
        return f"Deleting this record would delete {OTHER_RECORDS} too, which you may not delete."
    return f"Deleting this record would delete its {' and '.join(kinds)} too, which you may not delete."
