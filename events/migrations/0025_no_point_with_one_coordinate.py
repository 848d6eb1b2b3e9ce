# An event saved through the API with one coordinate given as null and a city kept the other one, looked up
# (tester 44, D2): a point with one coordinate, which the rule "both or neither" then refused every later write
# for, which GeoJSON left out and which import_records refused in an export. Each such event gets both looked up
# for its place, or neither where the place is not known: a new version of it, and every ETag and kept answer
# moves (a NameChange, as refresh_answers logs); the history is kept as it was written.

from django.db import migrations
from django.db.models import F, Q
from django.utils import timezone


def whole_points(apps, schema_editor):
    from events.rules.places import coordinates  # the gazetteer's data, not a model: as the events were placed

    Event = apps.get_model("events", "Event")
    halves = Event.objects.filter(Q(latitude=None) ^ Q(longitude=None))
    changed, now = 0, timezone.now()
    for pk, city, country in halves.values_list("pk", "city", "country").iterator():
        latitude, longitude = coordinates(city, country) or (None, None)
        changed += Event.objects.filter(pk=pk).update(
            latitude=latitude, longitude=longitude, version=F("version") + 1, updated_at=now
        )
    if changed:
        apps.get_model("events", "NameChange").objects.create(reason=f"{changed} events' coordinates made whole")


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0024_language_tags_in_recommended_case"),
    ]

    operations = [migrations.RunPython(whole_points, migrations.RunPython.noop)]
