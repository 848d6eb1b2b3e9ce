"""Dev split only: for each gold triple with a speaker, what the extractor proposed as its speaker, classed.

Classes: triple-missed (the triple itself was not proposed), none (no speaker), party (the party itself when the
gold speaker is someone else), wrong (another catalog entry), right. Never run on the test split while tuning.

    .venv/bin/python bench/speaker_misses.py [--list]
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


def main(show):
    eval_dir = BASE / "seeds" / "eval"
    catalog = shipped_catalog(BASE / "seeds", BASE / "fixtures")
    extractor = Extractor(catalog)
    counts = collections.Counter()
    slugs = {p.slug for p in catalog.participants}
    for name in load_split(eval_dir)["dev"]:  # dev only
        article = load_eval_article(eval_dir, name)
        result = extractor.extract(article.text, article.published_on, article.publisher)
        proposed, quotes = {}, {}
        for p in [*result.proposals, *getattr(result, "new_party_proposals", [])]:
            slug = _match_new_event(p.event, article.events)
            speaker = party_of(p.speaker, article.parties) if p.speaker is not None else None
            proposed[(slug, party_of(p.participant, article.parties), p.status)] = speaker
            quotes[(slug, party_of(p.participant, article.parties), p.status)] = p.quote
        for r in article.reports:
            if not r.get("speaker"):
                continue
            triple = (r["event"], r["participant"], r["status"])
            if triple not in proposed:
                kind, got = "triple-missed", None
            else:
                got = proposed[triple]
                if got == r["speaker"]:
                    kind = "right"
                elif got is None:
                    kind = "none"
                elif got == r["participant"]:
                    kind = "party"
                else:
                    kind = "wrong"
            known = "in-catalog" if r["speaker"] in slugs else "not-in-catalog"
            counts[(kind, known)] += 1
            if show and kind != "right":
                print(f"{kind:13} {known:14} {name[:40]:40} {r['participant']:24} gold={r['speaker']} got={got}")
                if triple in quotes:
                    print("    ", quotes[triple][:240])
    for key, n in sorted(counts.items()):
        print(*key, n)


if __name__ == "__main__":
    main("--list" in sys.argv)
