"""The article page's review of what the extraction assistant read: propose reports, then settle new parties.

Above the article's fields and its report rows (``admin/events/article/change_form.html``): a button that
runs the assistant on this article, and the parties it proposed for names no participant has, each with
**Confirm** (name, kind and the aliases it is created with editable), **Merge into** (an existing participant)
and **Dismiss**. Each is a POST of its own (CSRF-protected) that the services carry out
(``events.services.parties``); the page comes back with the new draft reports in its rows, to verify there.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse

from events import services
from events.admin.common import counted
from events.admin.extraction import proposal_summary
from events.models import Participant, ParticipantKind, ParticipantProposal
from events.web.fields import PlainIdChoiceField


class AliasesField(forms.CharField):
    """Names one a line, as a list: blank lines and spaces around a name dropped."""

    widget = forms.Textarea(attrs={"aria-label": "Aliases, one a line", "rows": 3, "cols": 24})

    def to_python(self, value):
        return [line.strip() for line in super().to_python(value).splitlines() if line.strip()]

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list | tuple) else value


class ConfirmPartyForm(forms.Form):
    name = forms.CharField(max_length=200, widget=forms.TextInput(attrs={"aria-label": "Name", "size": 24}))
    kind = forms.ChoiceField(choices=ParticipantKind.choices, widget=forms.Select(attrs={"aria-label": "Kind"}))
    # The aliases the participant is created with, shown and editable: none is added unseen (tester 44, D3).
    aliases = AliasesField(required=False, help_text="Aliases it is created with, one a line.")


class MergePartyForm(forms.Form):
    into = PlainIdChoiceField(  # "３" is no id (tester 37, N2: it merged a party into participant 3)
        Participant.objects.all(),
        label="Merge into",
        # Served by the participants' admin search (names, slugs and aliases).
        widget=AutocompleteSelect(
            ParticipantProposal._meta.get_field("participant"), admin.site, attrs={"aria-label": "Merge into"}
        ),
    )


class PartyRow:
    """A proposed party as the article page shows it."""

    def __init__(self, proposal):
        self.proposal = proposal
        self.confirm_form = ConfirmPartyForm(
            initial={"name": proposal.name, "kind": proposal.kind, "aliases": proposal.aliases},
            prefix=f"party-{proposal.pk}",
        )
        self.merge_form = MergePartyForm(prefix=f"party-{proposal.pk}")
        self.statements = proposal.statements


class PartyReview:
    """ArticleAdmin's part: the article page's extraction section, and the POSTs it sends."""

    party_actions = ("confirm", "merge", "dismiss")

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        own = [
            path("<path:object_id>/propose/", self.admin_site.admin_view(self.propose_view), name=f"{name}_propose"),
            path(
                "<path:object_id>/parties/<int:proposal_id>/<str:action>/",
                self.admin_site.admin_view(self.party_view),
                name=f"{name}_party",
            ),
        ]
        return own + super().get_urls()

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None:
            context["may_propose"] = request.user.has_perms(services.PROPOSE_PERMISSIONS) and bool(obj.body)
            if services.may_review_parties(request.user, "dismiss"):
                proposals = list(obj.party_proposals.select_related("participant").order_by("pk"))
                context["party_rows"] = [PartyRow(p) for p in proposals if p.is_pending]
                context["settled_parties"] = [p for p in proposals if not p.is_pending]
                context["media"] = context["media"] + MergePartyForm().media
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    def _back(self, article):
        url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[article.pk])
        return HttpResponseRedirect(f"{url}#extraction")

    def _article(self, request, object_id):
        """The article, or ``None`` when there is none of that id (to this user): told as the admin's own pages tell
        it (``missing``), not as a 403 (tester 35, L12); a user who may not see articles is refused."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        article = self.get_object(request, object_id)
        if article is not None and not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def _missing(self, request, object_id):
        return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)

    def propose_view(self, request, object_id):
        """Run the extraction assistant on this article and come back to its page."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article(request, object_id)
        if article is None:
            return self._missing(request, object_id)
        if not request.user.has_perms(services.PROPOSE_PERMISSIONS):
            self.message_user(
                request,
                services.NOT_A_PROPOSER,
                messages.ERROR,
            )
        elif not services.has_text(article.body):
            self.message_user(request, f"“{article.title}” has no text to read.", messages.WARNING)
        else:
            try:
                outcome = services.propose_reports(article=article, seconds=settings.EXTRACTION_SECONDS)
            except ValidationError as error:  # the article cannot be read as it stands
                self.message_user(request, f"“{article.title}”: {_reasons(error)}", messages.ERROR)
            else:
                self.message_user(request, proposal_summary(outcome), messages.SUCCESS)
        return self._back(article)

    def party_view(self, request, object_id, proposal_id, action):
        """Confirm, merge or dismiss one proposed party of this article."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if action not in self.party_actions:
            raise Http404(f"No action “{action}” here: {', '.join(self.party_actions)}.")
        article = self._article(request, object_id)
        if article is None:
            return self._missing(request, object_id)
        try:  # before the proposal is looked up or its form read: a refusal names no party to who may not see it
            services.check_party_permission(request.user, action)
        except PermissionDenied as refused:
            self.message_user(request, str(refused), messages.ERROR)
            return self._back(article)
        proposal = ParticipantProposal.objects.filter(pk=proposal_id, article=article).first()
        if proposal is None:  # told on the article's page, as the admin tells a record not there (tester 36, M6)
            self.message_user(request, f"This article has no proposed party {proposal_id}.", messages.ERROR)
            return self._back(article)
        prefix = f"party-{proposal.pk}"
        try:
            if action == "confirm":
                form = ConfirmPartyForm(request.POST, prefix=prefix)
                if not form.is_valid():
                    raise ValidationError({field: list(errors) for field, errors in form.errors.items()})
                outcome = services.confirm_party(proposal=proposal, by=request.user, **form.cleaned_data)
            elif action == "merge":
                form = MergePartyForm(request.POST, prefix=prefix)
                if not form.is_valid():
                    raise ValidationError({"into": "Choose the participant to merge it into."})
                outcome = services.merge_party(proposal=proposal, into=form.cleaned_data["into"], by=request.user)
            else:
                outcome = services.dismiss_party(proposal=proposal, by=request.user)
        except PermissionDenied as refused:
            self.message_user(request, str(refused), messages.ERROR)
            return self._back(article)
        except ValidationError as error:
            self.message_user(request, f"“{proposal.name}”: nothing was changed. {_reasons(error)}", messages.ERROR)
            return self._back(article)
        self.message_user(request, _done(outcome, action), messages.SUCCESS)
        for problem in outcome.errors:
            self.message_user(request, f"Not written: {problem}", messages.WARNING)
        return self._back(article)


def _reasons(error):
    if not hasattr(error, "error_dict"):
        return " ".join(error.messages)
    return " ".join(f"{field.capitalize()}: {' '.join(texts)}" for field, texts in error.message_dict.items())


def _done(outcome, action):
    name = outcome.proposal.name
    if not outcome.changed:
        return f"“{name}” was already {outcome.proposal.status}: nothing more to do."
    if action == "dismiss":
        return f"Dismissed “{name}”: no participant, no report."
    verb = "Confirmed" if action == "confirm" else "Merged"
    target = "as a new participant" if action == "confirm" else "into"
    return (
        f"{verb} “{name}” {target} {outcome.participant}: {counted(outcome.created, 'new draft report')} "
        f"({len(outcome.reports) - len(outcome.created)} already there), to verify below."
    )
