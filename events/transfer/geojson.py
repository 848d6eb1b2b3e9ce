"""Events as GeoJSON (RFC 7946): a FeatureCollection of Points, ``[longitude, latitude]`` in WGS 84.

Used by the API's ``?format=geojson`` and by the public index's map, so that both draw the same features.
"""

POSITION = ("latitude", "longitude")


def feature(row, *, key="slug"):
    """One event row (a dict with ``latitude`` and ``longitude``) as a Feature; the other keys are its properties."""
    return {
        "type": "Feature",
        "id": row[key],
        "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
        "properties": {name: value for name, value in row.items() if name not in POSITION},
    }


def feature_collection(rows, *, key="slug"):
    """The rows that have coordinates, as a FeatureCollection (the others are left out: they have no geometry)."""
    return {
        "type": "FeatureCollection",
        "features": [
            feature(row, key=key) for row in rows if row["latitude"] is not None and row["longitude"] is not None
        ],
    }
