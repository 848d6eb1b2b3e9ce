"""What proposing new parties adds to the extraction assistant's reading of an article.

``propose_reports`` reads an article once against the catalog; when the text names parties the
catalog lacks, ``record_parties`` reads it a second time with those names as participants. This
prints both readings' times for the seed articles cut to a few lengths, in the same process:

    .venv/bin/python bench/parties.py [--sizes 10000,20000]
"""

import argparse
import datetime
import json
import os
import pathlib
import sys
import time
from types import SimpleNamespace

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eventsapi.settings.test")

import django  # noqa: E402

django.setup()

from events.extraction import Catalog, KnownParticipant, extract  # noqa: E402
from events.services.new_parties import judge_candidates, read_parties  # noqa: E402

SEEDS = ROOT / "seeds"


def catalog():
    """The participants the evaluation reads against (``seeds/participants.json``)."""
    rows = json.loads((SEEDS / "participants.json").read_text(encoding="utf-8"))
    return Catalog(
        participants=[
            KnownParticipant(r["slug"], r["name"], r["kind"], r.get("country") or "", tuple(r.get("aliases") or ()))
            for r in rows
        ]
    )


def text_of(size):
    text = "\n\n".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))
    while len(text) < size:
        text += "\n\n" + text
    return text[:size]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,20000", help="article lengths in characters, comma-separated")
    sizes = [int(size) for size in parser.parse_args().sizes.split(",")]
    known, published_on = catalog(), datetime.date(2024, 1, 1)
    extract("Russia will attend the talks.", published_on=published_on, catalog=known)  # loads spaCy
    print(f"{'characters':>10}  {'reading s':>9}  {'parties s':>9}  {'names':>5}  {'statements':>10}")
    for size in sizes:
        article = SimpleNamespace(body=text_of(size), published_on=published_on, publisher="")
        start = time.perf_counter()
        reading = extract(article.body, published_on=published_on, catalog=known)
        first = time.perf_counter() - start
        start = time.perf_counter()
        names = judge_candidates(reading.candidates, known)
        parties = read_parties(article, known, names) if names else {}
        second = time.perf_counter() - start
        said = sum(len(party.statements) for party in parties.values())
        print(f"{size:>10,}  {first:>9.2f}  {second:>9.2f}  {len(names):>5}  {said:>10}")


if __name__ == "__main__":
    main()
