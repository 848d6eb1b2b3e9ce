"""The admin action "Propose reports" on articles, and what it says it did."""

import time

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from events.services import NOT_A_PROPOSER, PROPOSE_PERMISSIONS, has_text, propose_reports


@admin.action(description="Propose reports")
def propose_reports_action(modeladmin, request, queryset):
    """Run the extraction assistant on each chosen article; its proposals become draft reports."""
    if not request.user.has_perms(PROPOSE_PERMISSIONS):
        modeladmin.message_user(request, NOT_A_PROPOSER, messages.ERROR)
        return
    deadline = time.monotonic() + settings.EXTRACTION_SECONDS  # for the whole action: it is one request
    for article in queryset.order_by("pk"):
        if not has_text(article.body):
            modeladmin.message_user(request, f"“{article.title}” has no text to read.", messages.WARNING)
            continue
        try:
            outcome = propose_reports(article=article, seconds=max(0.0, deadline - time.monotonic()))
        except ValidationError as error:
            modeladmin.message_user(request, f"“{article.title}”: body: {' '.join(error.messages)}", messages.ERROR)
            continue
        modeladmin.message_user(request, proposal_summary(outcome), messages.SUCCESS)


def proposal_summary(outcome):
    """What one run of the assistant on an article did, in a sentence or three."""
    article = outcome.article
    kept = len(outcome.items) - len(outcome.created_reports)
    text = (
        f"“{article.title}”: {len(outcome.created_reports)} new draft reports ({kept} already there), "
        f"{len(outcome.created_attendances)} new attendances, {len(outcome.created_events)} new events."
    )
    pending = [party.name for party in outcome.parties if party.is_pending]
    if pending:
        text += " New parties to review on the article's page: " + ", ".join(pending) + "."
    if outcome.candidates:
        text += " Names no participant has: " + ", ".join(outcome.candidates) + "."
    return text
