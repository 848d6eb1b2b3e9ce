"""Who sees what: drafts, rejected reports, usernames and history are for the users who may change reports.

Everyone else, anonymous or signed in, reads ``verified`` reports only, no username (``reviewed_by`` reads
``null``) and no event or attendance awaiting review (``events.models.review``). Every read that shows reports,
usernames, events or attendances asks ``sees_drafts()``; what it compiles or keeps once a process is kept by
the answer too.
"""

from events.models import Report
from events.models.review import NOT_A_REVIEWER as NOT_A_REVIEWER  # the API's words, said by the rule's home
from events.models.review import may_review, on_the_record


def sees_drafts(request):
    """Whether the user of ``request`` may see drafts, rejected reports and usernames (the curators)."""
    return request is not None and may_review(getattr(request, "user", None))


def knows_of(request, record):
    """Whether the user of ``request`` may know that ``record`` exists: curators know of every one, others of
    the public record only. A refusal names only what its user knows of."""
    return sees_drafts(request) or on_the_record(record)


def visible_reports(request, queryset=None):
    """``queryset`` (all reports by default) as the user of ``request`` may read it."""
    queryset = Report.objects.all() if queryset is None else queryset
    return queryset.visible(sees_drafts(request))


def visible_records(request, queryset):
    """Events or attendances as the user of ``request`` may read them: those awaiting review for curators only."""
    return queryset.visible(sees_drafts(request))


def audience(request):
    """A key part for what is compiled or kept per reader: ``curator`` or ``public``."""
    return "curator" if sees_drafts(request) else "public"
