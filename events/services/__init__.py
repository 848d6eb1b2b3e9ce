"""Writes that span several records, each one ``@transaction.atomic`` function with keyword-only arguments.

The API, the admin and the management commands call the same functions, so every entry point keeps the
same rules: ``reports`` (create, review), ``merge`` (duplicate participants), ``proposals`` (the
extraction assistant's drafts).
"""

from events.services.merge import ParticipantMerge, merge_participants, merge_plan
from events.services.proposals import PROPOSE_PERMISSIONS, ProposalOutcome, database_catalog, propose_reports
from events.services.reports import attendance_for, create_report, may_add_attendance, review_reports

__all__ = [
    "PROPOSE_PERMISSIONS",
    "ParticipantMerge",
    "ProposalOutcome",
    "attendance_for",
    "create_report",
    "database_catalog",
    "may_add_attendance",
    "merge_participants",
    "merge_plan",
    "propose_reports",
    "review_reports",
]
