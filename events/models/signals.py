"""The rules for the writes that bypass ``Model.save()`` and ``Model.delete()``.

``loaddata`` saves raw (``save_base(raw=True)``), skipping ``save()`` and ``full_clean()``,
and a queryset ``delete()`` skips ``Model.delete()``. A report's ordinary save and delete
refresh its attendance themselves (``Report.save()``, ``Report.delete()``); these receivers
do the same for fixtures and bulk deletes, and validate what a fixture loads.
"""

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from events.models import Article, Attendance, Event, Participant, Report


@receiver(pre_save, sender=Participant)
@receiver(pre_save, sender=Event)
@receiver(pre_save, sender=Article)
@receiver(pre_save, sender=Report)
@receiver(pre_save, sender=Attendance)
def validate_fixture_record(sender, instance, raw, **kwargs):
    """Fixtures obey the same field and model rules as the API and the admin."""
    if not raw:
        return
    instance.clean_fields()
    if isinstance(instance, Attendance):
        # Its reports may not be loaded yet: they refresh the status as they come.
        instance.apply_status_rule()
    instance.clean()
    if isinstance(instance, Report):
        instance.check_not_repeated()
    # loaddata writes the row as given: settle its version and what its history records.
    instance.settle_raw_save()
    if isinstance(instance, Report):
        # The attendance a changed report had, so that moving it refreshes both.
        instance.attendance_left_id = (
            None
            if instance.pk is None
            else Report.objects.filter(pk=instance.pk).values_list("attendance_id", flat=True).first()
        )


@receiver(post_save, sender=Report)
def refresh_status_after_raw_save(sender, instance, raw, **kwargs):
    if not raw:
        return  # Report.save() did it.
    affected = {instance.attendance_id, getattr(instance, "attendance_left_id", None)} - {None}
    Attendance.objects.filter(pk__in=affected).refresh_status(touch=False)


@receiver(post_delete, sender=Report)
def refresh_status_after_bulk_delete(sender, instance, origin=None, **kwargs):
    # Report.delete() refreshes for itself; when the report goes because its attendance or event
    # is deleted, there is nothing to refresh.
    if isinstance(origin, QuerySet) and origin.model is Report:
        Attendance.objects.filter(pk=instance.attendance_id).refresh_status()
