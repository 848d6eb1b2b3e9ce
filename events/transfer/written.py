"""The natural keys of the rows an import wrote, for the records after them that refer to those rows."""

import sys
from collections import defaultdict

from events.rules.values import as_stored
from events.transfer.keyed import REFERRED_TO, RELATED_FIELDS_READ, natural_key_lookups

# How many rows of one model are kept: their ids alone take some 200 bytes a row (the 100,000-event dataset's
# 1,029,497 attendances, all of them, so that no report batch looks its attendances up in the database), a
# whole instance several times that.
MOST_IDS = 2_000_000
MOST_INSTANCES = 100_000


class WrittenKeys:
    """By model, natural key -> the row written: its id alone where the records that refer to it read nothing
    else of it (a report of its attendance), the instance where the rules read more (``RELATED_FIELDS_READ``:
    an event's host, an article's text). Past the model's limit, the rows kept are forgotten and looked up
    in the database again."""

    def __init__(self):
        self.by_model = defaultdict(dict)

    def found(self, model, keys):
        """Of these keys, those of rows written, with the row (an id or an instance) each. A row is kept by its key
        as stored, so a key written otherwise (" kabul ") finds it too (``events.rules.values.as_stored``)."""
        written = self.by_model[model]
        found = {}
        for key in keys:
            row = written.get(key)
            if row is None:
                row = written.get(as_stored(key))
            if row is not None:
                found[key] = row
        return found

    def remember(self, model, instances, links, good):
        """Keep the natural keys of the rows just written (``instances[index]`` for the indexes in ``good``,
        ``links[index]`` the natural keys of their relations as given)."""
        if model not in REFERRED_TO:  # nothing refers to a report
            return
        written = self.by_model[model]
        whole = model in RELATED_FIELDS_READ
        if len(written) > (MOST_INSTANCES if whole else MOST_IDS):
            written.clear()
        related_keys = {link.name: link for link in model._meta.concrete_fields if link.many_to_one}
        lookups = [(lookup.partition("__")[0], "__" in lookup) for lookup in natural_key_lookups(model)]
        intern = sys.intern  # a participant's slug is a part of thousands of attendances' keys: one string
        for index in good:
            instance = instances[index]
            key = tuple(
                intern(as_stored(links[index][related_keys[name]])[0]) if related else str(getattr(instance, name))
                for name, related in lookups
            )
            written[key] = instance if whole else instance.pk
