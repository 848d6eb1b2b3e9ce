"""Event codes: each event kind and each report status as the codes conflict-event datasets use.

CAMEO (Conflict and Mediation Event Observations, Schrodt's codebook, version 1.1b3) codes an
interaction by a three- or four-digit code; PLOVER (Political Language Ontology for Verifiable
Event Records, the Open Event Data Alliance's successor to CAMEO) by an event type and a mode.
The PLOVER type and mode of each CAMEO code here are those of the Open Event Data Alliance's
crosswalk (``CAMEO2PLOVER-2021.txt`` in the PLOVER repository). docs/interoperability.md has the
table with each code's meaning and sources.

A kind or status with no fitting code has none: its columns are empty (``None``). The codes are
stored on each row (``Event.cameo_code``, ``plover_type``, ``plover_mode``; ``Report.cameo_code``)
so that filters and exports read a column; a change to these tables needs a data migration that
fills them again (``fill_codes`` in the migrations).
"""

from dataclasses import dataclass

from events.rules.choices import AttendanceStatus, EventKind


@dataclass(frozen=True)
class Code:
    """A CAMEO code with its PLOVER event type and mode (``None`` where there is none)."""

    cameo: str | None
    plover_type: str | None = None
    plover_mode: str | None = None
    meaning: str = ""


NO_CODE = Code(None)

# An event kind: what the event is, as one interaction between its participants.
EVENT_KIND_CODES = {
    EventKind.PEACE_TALKS: Code("046", "CONSULT", None, "Engage in negotiation"),
    EventKind.NEGOTIATION: Code("046", "CONSULT", None, "Engage in negotiation"),
    EventKind.CONFERENCE: Code("040", "CONSULT", None, "Consult, not specified below"),
    EventKind.SUMMIT: Code("040", "CONSULT", None, "Consult, not specified below"),
    EventKind.MEETING: Code("040", "CONSULT", None, "Consult, not specified below"),
    EventKind.CEASEFIRE: Code("0871", "RETREAT", "ceasefire", "Declare truce, ceasefire"),
    EventKind.OTHER: NO_CODE,
}

# A report's status: what the participant did (or, for ``invited``, what was done to it).
REPORT_STATUS_CODES = {
    AttendanceStatus.INVITED: Code("026", None, None, "Appeal to others to meet or negotiate"),
    AttendanceStatus.NOT_INVITED: NO_CODE,
    AttendanceStatus.CONSIDERING: Code("014", None, None, "Consider policy option"),
    AttendanceStatus.CONFIRMED: Code("036", "AGREE", None, "Express intent to meet or negotiate"),
    AttendanceStatus.DECLINED: Code("125", "REJECT", "meet", "Reject proposal to meet, discuss, or negotiate"),
    AttendanceStatus.ATTENDED: Code("040", "CONSULT", None, "Consult, not specified below"),
    AttendanceStatus.ABSENT: NO_CODE,
    AttendanceStatus.WITHDRAWN: Code("164", "SANCTION", "withdraw", "Halt negotiations"),
}


def event_code(kind):
    """The codes of an event of ``kind`` (``NO_CODE`` for an unknown kind)."""
    return EVENT_KIND_CODES.get(kind, NO_CODE)


def report_code(status):
    """The codes of a report of ``status`` (``NO_CODE`` for an unknown status)."""
    return REPORT_STATUS_CODES.get(status, NO_CODE)


def kinds_with(*, cameo=None, plover_type=None):
    """The event kinds whose codes are these (for the filters' documentation and tests)."""
    return [
        kind
        for kind, code in EVENT_KIND_CODES.items()
        if (cameo is None or code.cameo == cameo) and (plover_type is None or code.plover_type == plover_type)
    ]


def cameo_choices(table):
    """The distinct CAMEO codes of ``table``, in order: the values a ``cameo_code`` filter takes."""
    return sorted({code.cameo for code in table.values() if code.cameo})


def plover_type_choices(table):
    return sorted({code.plover_type for code in table.values() if code.plover_type})
