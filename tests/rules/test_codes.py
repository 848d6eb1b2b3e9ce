"""The mapping table of event codes: every kind and status is in it, and every code is well formed."""

import re

from events.rules import codes
from events.rules.choices import AttendanceStatus, EventKind

# The PLOVER event types (the Open Event Data Alliance's codebook).
PLOVER_TYPES = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "INVESTIGATE",
    "DEMAND",
    "DISAPPROVE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "CRIME",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
    "ACCUSE",
}


def test_every_event_kind_and_report_status_has_its_row():
    assert set(codes.EVENT_KIND_CODES) == set(EventKind.values)
    assert set(codes.REPORT_STATUS_CODES) == set(AttendanceStatus.values)


def test_every_code_is_a_cameo_code_with_a_plover_type_or_none():
    for code in [*codes.EVENT_KIND_CODES.values(), *codes.REPORT_STATUS_CODES.values()]:
        assert code.cameo is None or re.fullmatch(r"0\d{2,3}|1\d{2,3}|20\d{0,2}", code.cameo), code
        assert code.plover_type is None or code.plover_type in PLOVER_TYPES, code
        assert code.cameo is None or code.meaning, code


def test_the_codes_of_talks_and_of_statuses():
    """The CAMEO codebook's codes for negotiating, intending to meet, refusing to meet and halting talks."""
    assert codes.event_code("peace_talks") == codes.Code("046", "CONSULT", None, "Engage in negotiation")
    assert codes.event_code("ceasefire").cameo == "0871"
    assert codes.event_code("ceasefire").plover_mode == "ceasefire"
    assert [codes.report_code(status).cameo for status in ("invited", "confirmed", "declined", "withdrawn")] == [
        "026",
        "036",
        "125",
        "164",
    ]


def test_a_status_with_no_code_and_an_unknown_value_have_none():
    assert codes.report_code("not_invited") == codes.NO_CODE
    assert codes.report_code("no such status").cameo is None
    assert codes.event_code("other").plover_type is None
