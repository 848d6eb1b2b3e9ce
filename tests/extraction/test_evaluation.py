"""The extraction assistant's evaluation: its arithmetic, its gold files, and the targets it must reach."""

import datetime
import json
from pathlib import Path

import pytest
from django.conf import settings

from events.extraction.evaluation import Score, _event, _match_new_event, evaluate, load_articles
from events.extraction.linking import NewEvent
from events.rules.quotes import quote_mismatch

SEEDS = Path(settings.BASE_DIR) / "seeds"
FIXTURES = Path(settings.BASE_DIR) / "fixtures"
SEED_ARTICLE = "afghanistan-will-not-attend-moscow-talks"
STATUSES = {"invited", "considering", "confirmed", "declined", "attended", "absent", "withdrawn"}


@pytest.fixture(scope="module")
def annotated():
    return load_articles(SEEDS, FIXTURES)


def test_score_arithmetic():
    score = Score()
    score.add({"a", "b", "c"}, {"b", "c", "d", "e"})
    assert (score.true_positives, score.false_positives, score.false_negatives) == (2, 1, 2)
    assert (score.precision, score.recall) == (2 / 3, 2 / 4)
    assert score.f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    # Nothing proposed where nothing was expected is no mistake.
    assert (Score().precision, Score().recall, Score().f1) == (1.0, 1.0, 1.0)


def test_a_new_event_counts_as_the_unknown_gold_event_of_its_date_or_city(annotated):
    _, articles = annotated
    gold = next(a for a in articles if a.name == "congo-rwanda-luanda-summit")
    unknown = [e for e in gold.events if e.slug not in gold.known]
    by_date = NewEvent("x", "Summit", "summit", datetime.date(2025, 1, 10))
    by_city = NewEvent("y", "Meeting", "meeting", datetime.date(2024, 12, 1), city="Luanda")
    neither = NewEvent("z", "Meeting", "meeting", datetime.date(2024, 12, 1), city="Kigali")
    assert [_match_new_event(e, unknown) for e in (by_date, by_city, neither)] == [
        "luanda-summit-2025",
        "luanda-ministerial-2024",
        "z",
    ]


def test_a_gold_event_the_article_leaves_undated_is_met_by_its_city_only():
    """A gold event with no day ("a follow-up meeting in Brazil, date to be set") loads, and a proposal in its
    city counts as it unless another event of that city has a day."""
    undated = _event(
        {"slug": "brazil-follow-up", "title": "Follow-up", "kind": "meeting", "start_date": None, "city": "Brasilia"}
    )
    dated = _event(
        {"slug": "brasilia-2023", "title": "Talks", "kind": "talks", "start_date": "2023-12-14", "city": "Brasilia"}
    )
    proposal = NewEvent("p", "Meeting", "meeting", datetime.date(2024, 3, 1), city="Brasilia")
    assert _match_new_event(proposal, [undated]) == "brazil-follow-up"
    assert _match_new_event(proposal, [undated, dated]) == "brasilia-2023"
    assert _match_new_event(NewEvent("q", "Meeting", "meeting", datetime.date(2024, 3, 1)), [undated]) == "q"


def test_the_annotated_articles_cover_what_the_issue_asks(annotated):
    """The seed article and at least ten more; every status; several events in one article; gold quotes hold."""
    participants, articles = annotated
    names = [a.name for a in articles]
    assert SEED_ARTICLE in names and len(names) >= 11
    assert {r["status"] for a in articles for r in a.reports} == STATUSES
    assert any(len({r["event"] for r in a.reports}) >= 3 for a in articles)
    known = {p.slug for p in participants}
    for article in articles:
        for report in article.reports:
            assert report["participant"] in known and (report.get("speaker") in known | {None})
            if "quote" in report:
                assert quote_mismatch(report["quote"], article.text) == "", (article.name, report["quote"])


def test_every_article_has_its_metadata(annotated):
    for meta_path in SEEDS.glob("*.json"):
        if meta_path.name.endswith(".gold.json") or meta_path.name == "participants.json":
            continue
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        assert {"title", "publisher", "published_on", "text_file"} <= set(meta)
        assert (SEEDS / meta["text_file"]).exists()


def test_the_seed_article_reaches_its_target(annotated):
    """F1 of (event, participant, status) at least 0.9 on the seed article (issue 6)."""
    participants, articles = annotated
    triples, _, _ = evaluate(participants, next(a for a in articles if a.name == SEED_ARTICLE))
    assert triples.f1 >= 0.9


def test_all_articles_reach_their_target(annotated):
    """F1 of (event, participant, status) at least 0.85 over every annotated article (issue 6)."""
    participants, articles = annotated
    total = Score()
    for article in articles:
        total.merge(evaluate(participants, article)[0])
    assert total.f1 >= 0.85


def test_a_gold_alias_with_its_article_is_the_proposed_name_without_it():
    from events.extraction.catalog import KnownParticipant
    from events.extraction.goldset import party_of

    parties = {"election-commission": {"election commission of ruritania", "the election commission"}}
    proposed = KnownParticipant("new-election-commission", "Election Commission", "organization")
    assert party_of(proposed, parties) == "election-commission"
    other = KnownParticipant("new-electoral-commission", "Electoral Commission", "organization")
    assert party_of(other, parties) == "new-electoral-commission"
