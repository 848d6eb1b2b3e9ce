"""Writes that span several records, each one ``@transaction.atomic`` function with keyword-only arguments.

The API, the admin and the management commands call the same functions, so every entry point keeps the
same rules: ``reports`` (create, review), ``merge`` (duplicate participants), ``proposals`` (the
extraction assistant's drafts, written by ``drafts``), ``new_parties`` (the parties it proposes for
names no participant has) and ``parties`` (a curator's answer to them).
"""

from events.services.clashes import once_more_after_a_clash
from events.services.deletion import beyond_permission_message, kinds_beyond_permission
from events.services.merge import ParticipantMerge, merge_participants, merge_plan
from events.services.new_parties import record_parties
from events.services.parties import (
    PARTY_PERMISSIONS,
    PartyOutcome,
    check_party_permission,
    confirm_party,
    dismiss_party,
    may_review_parties,
    merge_party,
)
from events.services.proposals import (
    NO_TEXT,
    NOT_A_PROPOSER,
    PROPOSE_PERMISSIONS,
    ProposalOutcome,
    database_catalog,
    has_text,
    propose_reports,
)
from events.services.reports import (
    attendance_for,
    create_report,
    hand_over,
    make_way,
    may_add_attendance,
    proposal_in_the_way,
    review_reports,
    save_in_place_of_proposal,
    take_over_proposal,
    take_place_of_proposal,
)

__all__ = [
    "NOT_A_PROPOSER",
    "NO_TEXT",
    "PARTY_PERMISSIONS",
    "PROPOSE_PERMISSIONS",
    "ParticipantMerge",
    "PartyOutcome",
    "ProposalOutcome",
    "attendance_for",
    "beyond_permission_message",
    "check_party_permission",
    "confirm_party",
    "create_report",
    "database_catalog",
    "dismiss_party",
    "hand_over",
    "has_text",
    "kinds_beyond_permission",
    "make_way",
    "may_add_attendance",
    "may_review_parties",
    "merge_participants",
    "merge_party",
    "merge_plan",
    "once_more_after_a_clash",
    "proposal_in_the_way",
    "propose_reports",
    "record_parties",
    "review_reports",
    "save_in_place_of_proposal",
    "take_over_proposal",
    "take_place_of_proposal",
]
