"""The extraction assistant: proposes draft reports from an article's text (see README, "Extraction assistant")."""

from events.extraction.catalog import Catalog, KnownEvent, KnownParticipant, proposed_marker
from events.extraction.extractor import Extraction, Proposal, extract
from events.extraction.linking import NewEvent

__all__ = [
    "Catalog",
    "Extraction",
    "KnownEvent",
    "KnownParticipant",
    "NewEvent",
    "Proposal",
    "extract",
    "proposed_marker",
]
