"""The extraction assistant: pure text processing, from an article's text to proposed statuses.

It imports no Django model, no DRF and no admin: it reads plain text against a plain ``Catalog``
(``events.services.proposals`` builds one from the database and writes the proposals). spaCy
loads with the extractor, the first time ``extract`` is used, not with every Django process.
"""

from events.extraction.catalog import (
    Catalog,
    KnownEvent,
    KnownParticipant,
    proposed_marker,
    sentence_place,
    without_note,
)
from events.extraction.deadline import OutOfTime, check_time, deadline_in
from events.extraction.linking import NewEvent

LOADED_ON_USE = {"Extraction", "Proposal", "extract"}

__all__ = [
    "Catalog",
    "KnownEvent",
    "KnownParticipant",
    "NewEvent",
    "OutOfTime",
    "check_time",
    "deadline_in",
    "proposed_marker",
    "sentence_place",
    "without_note",
    *sorted(LOADED_ON_USE),
]


def __getattr__(name):
    if name in LOADED_ON_USE:
        from events.extraction import extractor

        return getattr(extractor, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
