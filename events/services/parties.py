"""A curator's answer to a party the extraction assistant proposed (``events.services.new_parties``).

``confirm_party`` creates the participant, ``merge_party`` adds the name to an existing one as an alias;
both turn the party's statements into draft reports. ``dismiss_party`` drops them. Each is idempotent
and is a curator's: it needs the permissions to review reports and to add participants (``PARTY_PERMISSIONS``).
"""

import collections
import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from slugify import slugify

from events.extraction import NewEvent
from events.models import Event, Participant, ParticipantKind, ParticipantProposal, PartyProposalState
from events.models.review import REVIEW_PERMISSION, may_review
from events.rules.names import hidden_character
from events.rules.parties import is_noise, name_key, normalize_name
from events.rules.slugs import RESERVED_SLUGS
from events.services.drafts import PROPOSE_PERMISSIONS, event_for, write_draft

ADD_PARTICIPANT_PERMISSION = "events.add_participant"
# A proposed party's statements name events awaiting review and unreviewed statuses: the parties are for those who
# may review (events.models.review), as the API's extraction answer is, to see and to answer, dismissing too.
# Confirming and merging write the party's draft reports (and the events and attendances they need).
PARTY_PERMISSIONS = {
    "confirm": (ADD_PARTICIPANT_PERMISSION, *PROPOSE_PERMISSIONS),
    "merge": (ADD_PARTICIPANT_PERMISSION, "events.change_participant", *PROPOSE_PERMISSIONS),
    "dismiss": (ADD_PARTICIPANT_PERMISSION, REVIEW_PERMISSION),
}
# A confirmed party's provenance (until migration 0029, the opening of its description, which the migration reads).
PROVENANCE = "Proposed by the extraction assistant from “{title}”."


@dataclass
class PartyOutcome:
    """What confirming, merging or dismissing a proposed party did."""

    proposal: ParticipantProposal
    participant: Participant | None = None
    changed: bool = True  # False when the proposal had already been settled so
    reports: list = field(default_factory=list)  # the draft reports of its statements, new or already there
    created: list = field(default_factory=list)  # those written now
    errors: list = field(default_factory=list)


def may_review_parties(user, action="confirm"):
    """Whether ``user`` may ``confirm``, ``merge`` or ``dismiss`` proposed parties (``dismiss``: see them)."""
    return may_review(user) and user.has_perms(PARTY_PERMISSIONS[action])


def check_party_permission(user, action):
    """Raise ``PermissionDenied``, naming the permissions needed, unless ``user`` may ``action`` a proposed party."""
    if not may_review_parties(user, action):
        needed = ", ".join(PARTY_PERMISSIONS[action])
        raise PermissionDenied(f"To {action} a proposed party you need the permissions {needed}.")


# ------------------------------------------------------------------------------
# a curator's answer
# ------------------------------------------------------------------------------
def _locked(proposal):
    return ParticipantProposal.objects.select_for_update().select_related("article").get(pk=proposal.pk)


def _already(proposal, status, participant=None):
    """The outcome of asking again for what was done, or an error when the proposal was settled otherwise."""
    if proposal.status == status and (participant is None or proposal.participant_id == participant.pk):
        return PartyOutcome(proposal=proposal, participant=proposal.participant, changed=False)
    if proposal.status == PartyProposalState.PENDING:
        return None
    into = f" into {proposal.participant}" if proposal.participant_id else ""
    raise ValidationError(f"“{proposal.name}” was already {proposal.status}{into}: nothing was changed.")


def participant_named(name):
    """The participant whose name or an alias is ``name`` under another spelling, if any."""
    key = name_key(name)
    for participant in Participant.objects.only("pk", "slug", "name", "aliases").order_by("pk").iterator():
        if any(name_key(n) == key for n in (participant.name, *(participant.aliases or ()))):
            return participant
    return None


def _new_names(names, *, besides):
    """``names`` that none of ``besides`` already is under another spelling, once each."""
    seen = {name_key(name) for name in besides}
    new = []
    for name in names:
        if name_key(name) not in seen:
            seen.add(name_key(name))
            new.append(name)
    return new


def _free_slug(name):
    """A slug for a new participant of this name, in any script ("Фронт освобождения": front-osvobozhdeniia),
    that no participant has and that no address of the API takes ("export": export-2)."""
    base = slugify(name, max_length=90, word_boundary=True) or "participant"
    slug, number = base, 1
    while slug in RESERVED_SLUGS or Participant.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def confirm_party(*, proposal, by, name=None, kind=None, aliases=None):
    """Create the participant ``proposal`` names (``name``, ``kind`` and ``aliases`` as the curator corrects them:
    ``aliases`` None takes the proposal's) and write its statements as draft reports. Asked again, it does nothing
    more. The name the article gives is an alias too when the curator chose another name.

    Raises ``ValidationError`` naming ``name`` or ``kind`` (and writes nothing) for noise, an unknown
    kind, or a name a participant already has (merge into it instead).
    """
    check_party_permission(by, "confirm")
    proposal = _locked(proposal)
    done = _already(proposal, PartyProposalState.CONFIRMED)
    if done is not None:
        return done
    if name is not None and (hidden := hidden_character(name)):
        # What the curator typed is refused as any name is, not stored as another (tester 35, L9).
        raise ValidationError({"name": hidden})
    name = normalize_name(proposal.name if name is None else name)
    kind = proposal.kind if kind in (None, "") else kind
    if is_noise(name):
        raise ValidationError({"name": f"“{name}” names no party: too short, all lower case or a common word."})
    if kind not in ParticipantKind.values:
        raise ValidationError({"kind": f"“{kind}” is not a kind; choose one of {', '.join(ParticipantKind.values)}."})
    same = participant_named(name)
    if same is not None:
        raise ValidationError({"name": f"{same} ({same.slug}) is already called “{name}”: merge into it instead."})
    participant = Participant(
        slug=_free_slug(name),
        name=name,
        kind=kind,
        country=proposal.country,
        # The names the curator kept of those shown (tester 44, D3), and the article's, when the curator chose another.
        aliases=_new_names([proposal.name, *(proposal.aliases if aliases is None else aliases)], besides=[name]),
        # Where it comes from is for curators (the admin), not its public description: as a proposed event's.
        provenance=PROVENANCE.format(title=proposal.article.title),
    )
    participant.full_clean()
    participant.save()
    return _settle(proposal, participant, PartyProposalState.CONFIRMED, by)


@transaction.atomic
def merge_party(*, proposal, into, by):
    """Add ``proposal``'s name to participant ``into`` as an alias and write its statements as ``into``'s
    draft reports. Asked again with the same participant, it does nothing more."""
    check_party_permission(by, "merge")
    proposal = _locked(proposal)
    done = _already(proposal, PartyProposalState.MERGED, participant=into)
    if done is not None:
        return done
    into = Participant.objects.select_for_update().get(pk=into.pk)
    names = _new_names([proposal.name, *proposal.aliases], besides=[into.name, *(into.aliases or ())])
    if names:
        into.aliases = [*(into.aliases or ()), *names]
        into.full_clean()
        into.save()
    return _settle(proposal, into, PartyProposalState.MERGED, by)


@transaction.atomic
def dismiss_party(*, proposal, by):
    """Drop ``proposal`` and its statements: no participant, no report. Asked again, it does nothing more."""
    check_party_permission(by, "dismiss")
    proposal = _locked(proposal)
    done = _already(proposal, PartyProposalState.DISMISSED)
    if done is not None:
        return done
    proposal.statements = []
    _mark(proposal, PartyProposalState.DISMISSED, None, by)
    return PartyOutcome(proposal=proposal)


def _mark(proposal, status, participant, by):
    proposal.status, proposal.participant = status, participant
    proposal.reviewed_by, proposal.reviewed_at = by, timezone.now()
    proposal.save()


def _settle(proposal, participant, status, by):
    """Write ``proposal``'s statements as ``participant``'s draft reports, then mark it ``status``."""
    outcome = PartyOutcome(proposal=proposal, participant=participant)
    article = proposal.article
    speakers = Participant.objects.in_bulk(
        [s["speaker"] for s in proposal.statements if s["speaker"]], field_name="slug"
    )
    linked = collections.defaultdict(set)  # the events each statement is linked to
    for statement in proposal.statements:
        linked[(statement["status"], statement["quote"])].add(statement.get("event"))
    for statement in proposal.statements:
        try:
            event = _event_of(statement, article)
            draft = write_draft(
                article=article,
                event=event,
                participant=participant,
                status=statement["status"],
                quote=statement["quote"],
                reported_on=datetime.date.fromisoformat(statement["reported_on"]),
                status_on=datetime.date.fromisoformat(statement["status_on"]) if statement.get("status_on") else None,
                role=statement.get("role") or None,
                speaker=speakers.get(statement["speaker"]),
                via=statement["via"],
                linked_too=linked[(statement["status"], statement["quote"])] - {None},
            )
        except ValidationError as error:
            outcome.errors.append(f"“{statement['quote']}”: {'; '.join(error.messages)}")
            continue
        outcome.reports.append(draft.report)
        if draft.created:
            outcome.created.append(draft.report)
    _mark(proposal, status, participant, by)
    return outcome


def _event_of(statement, article):
    new = statement["new_event"]
    if new is None:
        event = Event.objects.filter(slug=statement["event"]).first()
        if event is None:
            raise ValidationError(f"the event {statement['event']} no longer exists.")
        return event
    start_date = datetime.date.fromisoformat(new["start_date"])
    return event_for(NewEvent(slug=statement["event"], **{**new, "start_date": start_date}), article)[0]
