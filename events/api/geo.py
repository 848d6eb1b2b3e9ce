"""``/api/events/?format=geojson``: the filtered events that have coordinates, as an RFC 7946 FeatureCollection."""

import orjson
from django.urls import reverse

from events.api import reads
from events.api.formats import WholeListRenderer
from events.transfer.geojson import feature_collection


class GeoJSONRenderer(WholeListRenderer):
    """Each event a Point feature (``[longitude, latitude]``), its other fields (the list's) as properties."""

    media_type = "application/geo+json"
    format = "geojson"
    openapi_schema = {
        "type": "object",
        "description": "An RFC 7946 FeatureCollection: a Point for every matching event that has coordinates.",
        "properties": {
            "type": {"type": "string", "enum": ["FeatureCollection"]},
            "features": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "type": {"type": "string", "enum": ["Feature"]},
                        "id": {"type": "string", "description": "The event's slug."},
                        "geometry": {
                            "type": "object",
                            "properties": {
                                "type": {"type": "string", "enum": ["Point"]},
                                "coordinates": {
                                    "type": "array",
                                    "description": "[longitude, latitude], WGS 84 degrees.",
                                    "items": {"type": "number"},
                                    "minItems": 2,
                                    "maxItems": 2,
                                },
                            },
                            "required": ["type", "coordinates"],
                        },
                        "properties": {"type": "object", "description": "The event's fields, as the list's rows."},
                    },
                    "required": ["type", "id", "geometry", "properties"],
                },
            },
        },
        "required": ["type", "features"],
    }

    def shape(self, events, request):
        return events.exclude(latitude=None).exclude(longitude=None)

    def document(self, events, request):
        rows = [reads.EVENT.shape(row) for row in reads.EVENT.values(events, extra=reads.ordering_lookups(events))]
        for row in rows:
            row["page_url"] = request.build_absolute_uri(reverse("event-page", kwargs={"slug": row["slug"]}))
        return orjson.dumps(feature_collection(rows), option=orjson.OPT_UTC_Z)
