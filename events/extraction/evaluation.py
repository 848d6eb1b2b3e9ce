"""Precision, recall and F1 of the extractor on the annotated articles of ``seeds/``.

Each article ``seeds/NAME.txt`` has its metadata ``NAME.json`` and its gold records:
``NAME.gold.json`` (events, marked ``known`` when the catalog holds them before
extraction, and reports), or the seed fixture for the seed article. The catalog
holds every participant of ``seeds/participants.json`` and of the seed fixture, and
the article's known events. A proposed new event counts as a gold event the
catalog did not hold when they share their start date or their city.
"""

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from events.extraction.catalog import Catalog, KnownEvent, KnownParticipant
from events.extraction.extractor import extract
from events.extraction.linking import NewEvent

SEED_FIXTURE = "seed.json"


@dataclass
class Score:
    """Counts of hits, false alarms and misses, and what they make."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    details: list = field(default_factory=list)

    def add(self, proposed, gold):
        self.true_positives += len(proposed & gold)
        self.false_positives += len(proposed - gold)
        self.false_negatives += len(gold - proposed)
        self.details += [f"hit   {item}" for item in sorted(proposed & gold)]
        self.details += [f"extra {item}" for item in sorted(proposed - gold)]
        self.details += [f"miss  {item}" for item in sorted(gold - proposed)]

    def merge(self, other):
        self.true_positives += other.true_positives
        self.false_positives += other.false_positives
        self.false_negatives += other.false_negatives

    @property
    def precision(self):
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self):
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def f1(self):
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class GoldArticle:
    name: str
    text: str
    published_on: datetime.date
    publisher: str
    events: list  # KnownEvent, with ``known`` kept apart
    known: set
    reports: list  # dicts: event, participant, status, speaker


def _participant(record):
    return KnownParticipant(
        slug=record["slug"],
        name=record["name"],
        kind=record.get("kind", "other"),
        country=record.get("country") or "",
        aliases=tuple(record.get("aliases") or ()),
        affiliation=record.get("affiliation"),
    )


def _event(record):
    return KnownEvent(
        slug=record["slug"],
        title=record["title"],
        kind=record["kind"],
        start_date=datetime.date.fromisoformat(record["start_date"]) if record.get("start_date") else None,
        end_date=datetime.date.fromisoformat(record["end_date"]) if record.get("end_date") else None,
        city=record.get("city") or "",
        country=record.get("country") or "",
        host=record.get("host"),
    )


def _first(value):
    return value[0] if isinstance(value, list) else value


def load_seed_fixture(path):
    """The seed article, its participants and its gold records, from the seed fixture."""
    records = json.loads(Path(path).read_text(encoding="utf-8"))
    participants, events, reports, article = [], [], [], None
    for record in records:
        fields, model = record["fields"], record["model"]
        if model == "events.participant":
            participants.append(_participant({**fields, "affiliation": _first(fields.get("affiliation"))}))
        elif model == "events.event":
            events.append(_event({**fields, "host": _first(fields.get("host"))}))
        elif model == "events.report":
            event_slug, participant_slug = fields["attendance"]
            reports.append(
                {
                    "event": event_slug,
                    "participant": participant_slug,
                    "status": fields["status"],
                    "speaker": _first(fields.get("speaker")),
                }
            )
        elif model == "events.article":
            article = fields
    return participants, events, reports, article


def load_articles(seeds_dir, fixtures_dir):
    """The participants every article may mention, and each annotated article with its gold records."""
    seeds_dir, fixtures_dir = Path(seeds_dir), Path(fixtures_dir)
    participants, seed_events, seed_reports, seed_article = load_seed_fixture(fixtures_dir / SEED_FIXTURE)
    shared = seeds_dir / "participants.json"
    if shared.exists():
        participants += [_participant(r) for r in json.loads(shared.read_text(encoding="utf-8"))]
    articles = []
    for meta_path in sorted(seeds_dir.glob("*.json")):
        if meta_path.name.endswith(".gold.json") or meta_path.name == "participants.json":
            continue
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        text = (seeds_dir / meta.get("text_file", meta_path.with_suffix(".txt").name)).read_text(encoding="utf-8")
        gold_path = meta_path.with_name(meta_path.stem + ".gold.json")
        if gold_path.exists():
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            events = [_event(e) for e in gold["events"]]
            known = {e["slug"] for e in gold["events"] if e.get("known", True)}
            reports = gold["reports"]
        elif seed_article is not None and seed_article["title"] == meta["title"]:
            events, known, reports = seed_events, {e.slug for e in seed_events}, seed_reports
        else:
            continue
        articles.append(
            GoldArticle(
                name=meta_path.stem,
                text=text,
                published_on=datetime.date.fromisoformat(meta["published_on"]),
                publisher=meta.get("publisher", ""),
                events=events,
                known=known,
                reports=reports,
            )
        )
    return participants, articles


def _days_apart(gold_day, day):
    return abs((gold_day - day).days) if gold_day is not None else float("inf")


def _match_new_event(event, unknown):
    """The gold event the catalog did not hold that a proposed new event stands for, if any."""
    for gold in unknown:
        if gold.start_date is not None and event.start_date == gold.start_date:
            return gold.slug
    same_city = [
        gold for gold in unknown if event.city and gold.city and event.city.casefold() == gold.city.casefold()
    ]
    if same_city:  # of several events in one city, the one nearest in date; an undated gold event last
        return min(same_city, key=lambda gold: _days_apart(gold.start_date, event.start_date)).slug
    return event.slug


def evaluate(participants, article):
    """(triple score, speaker score, proposals) of the extractor on one annotated article."""
    catalog = Catalog(participants=participants, events=[e for e in article.events if e.slug in article.known])
    result = extract(article.text, published_on=article.published_on, catalog=catalog, publisher=article.publisher)
    unknown = [e for e in article.events if e.slug not in article.known]
    proposed_triples, proposed_speakers = set(), set()
    for proposal in result.proposals:
        event = proposal.event
        slug = _match_new_event(event, unknown) if isinstance(event, NewEvent) else event.slug
        triple = (slug, proposal.participant.slug, proposal.status)
        proposed_triples.add(triple)
        if proposal.speaker is not None:
            proposed_speakers.add((*triple, proposal.speaker.slug))
    return (*scored(proposed_triples, proposed_speakers, article.reports), result)


def scored(proposed_triples, proposed_speakers, reports):
    """The triples' and the speakers' ``Score`` of what was proposed, against the gold ``reports``."""
    gold_triples = {(r["event"], r["participant"], r["status"]) for r in reports}
    gold_speakers = {(r["event"], r["participant"], r["status"], r["speaker"]) for r in reports if r.get("speaker")}
    triples, speakers = Score(), Score()
    triples.add(proposed_triples, gold_triples)
    speakers.add(proposed_speakers, gold_speakers)
    return triples, speakers
