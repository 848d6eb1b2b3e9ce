"""Curation in the Django admin: a module per record. The rules live in the models and services it calls."""

from django.contrib import admin

from events.admin import articles, attendances, events, participants, reports

# The admin's "View site" leads to the public landing page (Django's default, stated: the page exists now).
admin.site.site_url = "/"

__all__ = ["articles", "attendances", "events", "participants", "reports"]
