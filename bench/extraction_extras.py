"""Dev split only: each proposed triple that is not gold, classed by how it is wrong, with its quote.

Classes: status (the party is gold for that event with another status), event (the party and status are gold for
another event of the article), party (the party is gold in the article, not for this event and status), stranger
(the party is not among the article's gold parties). Never run on the test split while tuning.

    .venv/bin/python bench/extraction_extras.py [--list] [--misses]
"""

import collections
import os
import sys
from pathlib import Path

import django

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eventsapi.settings")
django.setup()

from events.extraction.evaluation import _match_new_event  # noqa: E402
from events.extraction.extractor import Extractor  # noqa: E402
from events.extraction.goldset import load_eval_article, load_split, party_of, shipped_catalog  # noqa: E402


def _class(triple, gold):
    event, party, status = triple
    if any(g[0] == event and g[1] == party for g in gold):
        return "status"
    if any(g[1] == party and g[2] == status for g in gold):
        return "event"
    if any(g[1] == party for g in gold):
        return "party"
    return "stranger"


def main(show, misses):
    eval_dir = BASE / "seeds" / "eval"
    catalog = shipped_catalog(BASE / "seeds", BASE / "fixtures")
    extractor = Extractor(catalog)
    counts = collections.Counter()
    for name in load_split(eval_dir)["dev"]:  # dev only
        article = load_eval_article(eval_dir, name)
        result = extractor.extract(article.text, article.published_on, article.publisher)
        gold = {(r["event"], r["participant"], r["status"]) for r in article.reports}
        quotes = {}
        for p in [*result.proposals, *getattr(result, "new_party_proposals", [])]:
            triple = (_match_new_event(p.event, article.events), party_of(p.participant, article.parties), p.status)
            quotes.setdefault(triple, p.quote)
        for triple, quote in sorted(quotes.items()):
            if triple in gold:
                continue
            kind = _class(triple, gold)
            counts[kind] += 1
            if show:
                print(f"{kind:8} {name[:38]:38} {' '.join(triple)}")
                print("    ", quote[:300].replace("\n", " "))
        if misses:
            for triple in sorted(gold - set(quotes)):
                print(f"miss     {name[:38]:38} {' '.join(triple)}")
    for key, n in sorted(counts.items()):
        print(key, n)


if __name__ == "__main__":
    main("--list" in sys.argv, "--misses" in sys.argv)
