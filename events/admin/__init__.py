"""Curation in the Django admin: a module per record. The rules live in the models and services it calls."""

from events.admin import articles, attendances, events, participants, reports

__all__ = ["articles", "attendances", "events", "participants", "reports"]
