"""Parties the catalog lacks, proposed from an article: the names the extraction assistant could not match.

``record_parties`` (called by ``propose_reports``) keeps each name, once normalised and judged no noise
(``events.rules.parties``), as a pending ``ParticipantProposal`` with the statements it would have given;
``events.services.parties`` carries out the curator's answer.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

from events import extraction
from events.extraction import Catalog, KnownParticipant, NewEvent
from events.extraction.partynames import names_only
from events.models import ParticipantKind, ParticipantProposal
from events.rules.parties import name_key, party_name_and_kind

# The slugs names are read again under: no participant's slug holds "~".
PROVISIONAL = "~party-"


@dataclass
class NewParty:
    """A party worth proposing, before it is stored: its name, kind, other names, and what the article says of it."""

    name: str
    kind: str
    country: str = ""
    aliases: tuple = ()
    statements: list = field(default_factory=list)

    def add(self, proposal):
        statement = _statement(proposal)
        if statement not in self.statements:
            self.statements.append(statement)


@transaction.atomic
def record_parties(*, article, candidates, catalog, proposals=None, dry_run=False):
    """The parties ``article`` proposes for names the extraction assistant could not match.

    ``proposals`` are the reader's own proposals about parties the database lacks, when it gives them
    (each ``participant`` a party that is no database participant, with its name, kind, country and
    aliases). Without them, the ``candidates`` (names) are read again as if they were participants
    (``read_parties``). Either way a name that is noise, or that a participant of the catalog already
    has under another spelling ("U.S." for "US"), is left out, and so is a name the text gives no status
    for; the others become pending ``ParticipantProposal``s holding their statements. A name the
    article proposed before is that proposal, whatever became of it (a dismissed party is not proposed
    again). Returns the proposals, old and new, of this reading; with ``dry_run``, the new ones unsaved.
    """
    stored = {proposal.key: proposal for proposal in article.party_proposals.all()} if article.pk else {}
    if proposals is None:
        judged = judge_candidates(candidates, catalog)
        new = {key: value for key, value in judged.items() if key not in stored}
        parties = read_parties(article, catalog, new) if new else {}
        keys = list(judged)
    else:
        parties = parties_of(proposals, catalog)
        keys = list(parties)
    result = [stored[key] for key in keys if key in stored]
    for key, party in parties.items():
        if key in stored or not party.statements:
            continue
        proposal = ParticipantProposal(
            article=article,
            name=party.name,
            kind=party.kind,
            country=party.country,
            aliases=list(party.aliases),
            quote=party.statements[0]["quote"],
            statements=party.statements,
        )
        if dry_run:  # checked as it would be, not stored (the article itself may be unsaved)
            proposal.full_clean(exclude=None if article.pk else ["article"], validate_constraints=False)
            result.append(proposal)
            continue
        proposal.full_clean()
        try:
            with transaction.atomic():
                proposal.save()
        except IntegrityError:  # another run over the same article proposed it first
            proposal = ParticipantProposal.objects.get(article=article, key=proposal.key)
        result.append(proposal)
    return result


def judge_candidates(candidates, catalog):
    """The candidates worth proposing, by name key: ``{key: (name, kind)}``, noise and known names left out."""
    known = {name_key(name) for participant in catalog.participants for name in participant.names}
    judged = {}
    for candidate in candidates:
        found = party_name_and_kind(candidate)
        if found is None:
            continue
        name, kind = found
        key = name_key(name)
        if key not in known and key not in judged:
            judged[key] = (name, kind)
    return judged


def read_parties(article, catalog, names):
    """``article`` read again with ``names`` (``{key: (name, kind)}``) as if they were participants: each name
    as a ``NewParty`` with the statements the article makes about it (none for most)."""
    provisional = {f"{PROVISIONAL}{number}": key for number, key in enumerate(names)}
    parties = [
        KnownParticipant(slug=slug, name=names[key][0], kind=names[key][1]) for slug, key in provisional.items()
    ]
    extended = Catalog(participants=[*catalog.participants, *parties], events=catalog.events)
    reading = extraction.extract(
        article.body, published_on=article.published_on, catalog=extended, publisher=article.publisher
    )
    found = {key: NewParty(*names[key]) for key in names}
    for proposal in reading.proposals:
        key = provisional.get(proposal.participant.slug)
        if key is not None:
            found[key].add(proposal)
    return found


def parties_of(proposals, catalog):
    """The reader's proposals about parties the database lacks, as ``NewParty``s by name key.

    Their parties may be in ``catalog`` (a gazetteer's state that no participant is yet): only the other
    participants' names count as known.
    """
    own = {proposal.participant.slug for proposal in proposals}
    known = {name_key(n) for p in catalog.participants if p.slug not in own for n in p.names}
    parties = {}
    for proposal in proposals:
        participant = proposal.participant
        found = party_name_and_kind(participant.name)
        if found is None:
            continue
        name, guessed = found
        key = name_key(name)
        if key in known:
            continue
        if key not in parties:
            kind = participant.kind if participant.kind not in ("", ParticipantKind.OTHER) else guessed
            # its names, not the gazetteer's phrases for it ("Omani officials") nor a capital (tester 44, D3)
            aliases = tuple(dict.fromkeys(a for a in names_only(participant.aliases) if name_key(a) != key))
            parties[key] = NewParty(name, kind, getattr(participant, "country", "") or "", aliases)
        parties[key].add(proposal)
    return parties


def _statement(proposal):
    """A proposal as a proposed party keeps it: plain JSON."""
    event = proposal.event
    speaker = proposal.speaker.slug if proposal.speaker else None
    status_on = getattr(proposal, "status_on", None)
    return {
        "event": event.slug,
        "event_title": event.title,
        "new_event": (
            {
                "title": event.title,
                "kind": event.kind,
                "start_date": event.start_date.isoformat(),
                "city": event.city,
                "country": event.country,
                "status": event.status,
                "sentence": event.sentence,
            }
            if isinstance(event, NewEvent)
            else None
        ),
        "status": proposal.status,
        "quote": proposal.quote,
        "reported_on": proposal.reported_on.isoformat(),
        # A reader that tells the day a status held and a host's or mediator's role gives them; others do not.
        "status_on": status_on.isoformat() if status_on else None,
        "role": getattr(proposal, "role", "") or "",
        "speaker": None if speaker is None or speaker.startswith(PROVISIONAL) else speaker,
        "via": proposal.via,
    }
