"""Keep the rules for every way a record is written.

``loaddata`` saves raw, bypassing ``Model.save()`` and ``full_clean()``, and a
queryset ``delete()`` bypasses ``Model.delete()``; these receivers are the one
hook that all of them, the admin and the API share.
"""

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
        # A fixture carries its own curated_status; only the reports may override the status.
        instance.follow_latest_report()
    else:
        instance.clean()


@receiver(pre_save, sender=Report)
def remember_attendance_left(sender, instance, **kwargs):
    # A report built rather than read from the database (a fixture's, found by its uid)
    # has no loaded_attendance_id; look it up so that a move refreshes the attendance it left.
    if instance.pk is not None and instance.loaded_attendance_id is None:
        instance.loaded_attendance_id = (
            Report.objects.filter(pk=instance.pk).values_list("attendance_id", flat=True).first()
        )


@receiver(post_save, sender=Report)
def refresh_status_after_save(sender, instance, raw, **kwargs):
    # Moving a report to another attendance refreshes the one it left as well.
    affected = {instance.attendance_id, instance.loaded_attendance_id} - {None}
    Attendance.objects.filter(pk__in=affected).refresh_status(touch=not raw)
    instance.loaded_attendance_id = instance.attendance_id


@receiver(post_delete, sender=Report)
def refresh_status_after_delete(sender, instance, **kwargs):
    Attendance.objects.filter(pk=instance.attendance_id).refresh_status()
