"""The gold set of ``seeds/eval/`` scored as a curator meets an article: the shipped catalog only, no event known.

Each article ``seeds/eval/NAME.txt`` has its metadata ``NAME.json`` and its gold records
``NAME.gold.json``: the parties it names (with the names and aliases by which a proposal
counts as them), its events and its reports. ``split.json`` splits the articles once into
``dev`` (read and tuned on) and ``test`` (frozen: never read while tuning, only scored);
``test.sha256`` holds the checksum of every test file, checked before anything is scored.

The catalog is the one the project ships (``seeds/participants.json``, the seed fixture and the
gazetteer),
never one written for these articles, and no event is given as known: every event must be
proposed. A proposed participant counts as a gold party when it is that party's
slug or when one of its names is one of the party's names or aliases; a proposed new event
counts as a gold event when they share their start date or their city.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from events.extraction.catalog import Catalog
from events.extraction.evaluation import _event, _match_new_event, _participant, load_seed_fixture, scored
from events.extraction.gazetteer import extend
from events.extraction.text import fold

SPLITS = ("dev", "test")
SPLIT_FILE = "split.json"
CHECKSUMS = "test.sha256"


class FrozenSplitChanged(Exception):
    """The test split's files are not those whose checksums were committed."""


@dataclass
class EvalArticle:
    name: str
    text: str
    published_on: datetime.date
    publisher: str
    parties: dict  # slug -> set of folded names
    events: list  # KnownEvent, none of them given to the extractor
    reports: list  # dicts: event, participant, status, speaker


def verify_test_split(eval_dir):
    """Raise ``FrozenSplitChanged`` unless every file of ``test.sha256`` is there with its checksum."""
    eval_dir = Path(eval_dir)
    changed = []
    for line in (eval_dir / CHECKSUMS).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        digest, name = line.split(maxsplit=1)
        path = eval_dir / name.strip().lstrip("*")
        if not path.exists() or hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            changed.append(path.name)
    if changed:
        raise FrozenSplitChanged(f"the frozen test split changed: {', '.join(changed)} ({eval_dir / CHECKSUMS})")


def load_split(eval_dir):
    """``{"dev": [names], "test": [names]}`` from ``split.json``."""
    split = json.loads((Path(eval_dir) / SPLIT_FILE).read_text(encoding="utf-8"))
    return {name: split.get(name, []) for name in SPLITS}


def load_eval_article(eval_dir, name):
    eval_dir = Path(eval_dir)
    meta = json.loads((eval_dir / f"{name}.json").read_text(encoding="utf-8"))
    gold = json.loads((eval_dir / f"{name}.gold.json").read_text(encoding="utf-8"))
    parties = {
        slug: {fold(n) for n in (party["name"], *party.get("aliases", ())) if n}
        for slug, party in gold.get("parties", {}).items()
    }
    return EvalArticle(
        name=name,
        text=(eval_dir / meta.get("text_file", f"{name}.txt")).read_text(encoding="utf-8"),
        published_on=datetime.date.fromisoformat(meta["published_on"]),
        publisher=meta.get("publisher", ""),
        parties=parties,
        events=[_event(e) for e in gold["events"]],
        reports=gold["reports"],
    )


def shipped_participants(seeds_dir, fixtures_dir):
    """The participants the project ships: the seed fixture's and ``seeds/participants.json``."""
    participants = load_seed_fixture(Path(fixtures_dir) / "seed.json")[0]
    shared = Path(seeds_dir) / "participants.json"
    if shared.exists():
        participants += [_participant(r) for r in json.loads(shared.read_text(encoding="utf-8"))]
    return participants


def shipped_catalog(seeds_dir, fixtures_dir):
    """The catalog a curator meets: the shipped participants extended by the gazetteer; no event."""
    return Catalog(participants=extend(shipped_participants(seeds_dir, fixtures_dir)), events=[])


def party_of(participant, parties):
    """The gold party that a proposed participant stands for, or its own slug when none."""
    if participant is None:
        return None
    if participant.slug in parties:
        return participant.slug
    names = {_bare(fold(n)) for n in participant.names}
    for slug, gold_names in parties.items():
        if names & {_bare(n) for n in gold_names}:
            return slug
    return participant.slug


def _bare(name):
    """A folded name without its leading article: the gold's alias "the Election Commission" is the new party
    "Election Commission" (new parties' names drop their "the", as the admin's do)."""
    return name[4:] if name.startswith("the ") else name


def evaluate_as_met(catalog, article, extractor):
    """(triple score, speaker score, extraction) of ``extractor`` on one gold article, no event known."""
    result = extractor.extract(article.text, article.published_on, article.publisher)
    proposed_triples, proposed_speakers = set(), set()
    for proposal in [*result.proposals, *getattr(result, "new_party_proposals", [])]:
        slug = _match_new_event(proposal.event, article.events)
        triple = (slug, party_of(proposal.participant, article.parties), proposal.status)
        proposed_triples.add(triple)
        if proposal.speaker is not None:
            proposed_speakers.add((*triple, party_of(proposal.speaker, article.parties)))
    return (*scored(proposed_triples, proposed_speakers, article.reports), result)
