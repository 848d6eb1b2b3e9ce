"""The admin action "Propose reports" on articles, and what it says it did."""

import time

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from events.admin.common import counted
from events.services import has_text, propose_reports
from events.services.proposals import OUT_OF_TIME

# Less time left than this, an article is not started: it would only be refused for want of time.
STARTING_SECONDS = 1.0


# Shown only to who may propose (``has_propose_permission`` of the admin that lists it): a writer was shown it, to
# be refused when they chose it (tester 33).
@admin.action(description="Propose reports", permissions=["propose"])
def propose_reports_action(modeladmin, request, queryset):
    """Run the extraction assistant on each chosen article; its proposals become draft reports."""
    deadline = time.monotonic() + settings.EXTRACTION_SECONDS  # for the whole action: it is one request
    unread, first = [], True
    for article in queryset.order_by("pk"):
        if not has_text(article.body):
            modeladmin.message_user(request, f"“{article.title}” has no text to read.", messages.WARNING)
            continue
        left = max(0.0, deadline - time.monotonic())
        if not first and left < STARTING_SECONDS:
            unread.append(article.title)
            continue
        try:
            outcome = propose_reports(article=article, seconds=left)
        except ValidationError as error:
            if not first and OUT_OF_TIME in [each.code for each in getattr(error, "error_dict", {}).get("body", [])]:
                unread.append(article.title)  # the articles before it had the rest of the time: no fault of its own
            else:
                message = f"“{article.title}”: body: {' '.join(error.messages)}"
                modeladmin.message_user(request, message, messages.ERROR)
            continue
        finally:
            first = False
        modeladmin.message_user(request, proposal_summary(outcome), messages.SUCCESS)
    if unread:
        titles = ", ".join(f"“{title}”" for title in unread)
        modeladmin.message_user(
            request,
            f"Not read: {titles}. The articles before them took this request's "
            f"{settings.EXTRACTION_SECONDS:g} seconds: propose them again.",
            messages.WARNING,
        )


def proposal_summary(outcome):
    """What one run of the assistant on an article did, in a sentence or three."""
    article = outcome.article
    kept = len(outcome.items) - len(outcome.created_reports)
    text = (
        f"“{article.title}”: {counted(outcome.created_reports, 'new draft report')} ({kept} already there), "
        f"{counted(outcome.created_attendances, 'new attendance')}, {counted(outcome.created_events, 'new event')}."
    )
    pending = [party.name for party in outcome.parties if party.is_pending]
    if pending:
        text += " New parties to review on the article's page: " + ", ".join(pending) + "."
    if outcome.candidates:
        text += " Names no participant has: " + ", ".join(outcome.candidates) + "."
    return text
