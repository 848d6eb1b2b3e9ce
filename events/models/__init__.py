"""The records of eventsapi, importable from one place: ``from events.models import Event``.

One module a record (imported here in the app's model order); what they are built on in
``versioning`` and ``history``; how they are read in ``querysets`` and ``search``.
"""

# isort: off
# The app's model order (dumpdata, the admin's apps) is the order the records are defined in.
from events.models.participant import Participant, UnicodeJSONEncoder, validate_alias, validate_aliases
from events.models.event import Event
from events.models.attendance import Attendance
from events.models.article import Article
from events.models.report import DraftReport, Report
from events.models.party import ParticipantProposal

# isort: on
from events.models.changes import Change, FeedCursor, NameChange
from events.models.versioning import RecordChanged
from events.rules.choices import (
    AttendanceRole,
    AttendanceStatus,
    EventKind,
    EventStatus,
    ParticipantKind,
    PartyProposalState,
    ReviewState,
)

__all__ = [
    "Article",
    "Attendance",
    "AttendanceRole",
    "AttendanceStatus",
    "Change",
    "DraftReport",
    "Event",
    "EventKind",
    "EventStatus",
    "FeedCursor",
    "NameChange",
    "Participant",
    "ParticipantKind",
    "ParticipantProposal",
    "PartyProposalState",
    "RecordChanged",
    "Report",
    "ReviewState",
    "UnicodeJSONEncoder",
    "validate_alias",
    "validate_aliases",
]
