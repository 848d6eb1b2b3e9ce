"""Extraction of texts that are one run with no space (emoji, punctuation): seconds at each length.

spaCy's tokenizer takes time growing with the square of such a run's length; ``reading.py`` hands it pieces
of ``WORD_CHARS`` characters. ``python bench/long_runs.py --sizes 8000 16000 64000``
"""

import argparse
import datetime
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from events.extraction import Catalog, extract
from tests.extraction.test_reading import seed_articles

SHAPES = {
    "emoji": lambda n, _: "😀" * n,
    "!": lambda n, _: "!" * n,
    "(": lambda n, _: "(" * n,
    "'": lambda n, _: "'" * n,
    "mixed emoji": lambda n, rnd: "".join(rnd.choice("😀😁😂🤣😃😄😅😆") for _ in range(n)),
    "a!": lambda n, _: ("a!" * n)[:n],
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[8_000, 16_000, 64_000])
    parser.add_argument("--shapes", nargs="+", choices=SHAPES, default=list(SHAPES))
    args = parser.parse_args()
    participants, _ = seed_articles()
    catalog = Catalog(participants=participants)
    extract("Russia will attend.", published_on=datetime.date(2024, 1, 1), catalog=catalog)  # builds the matcher
    print("| run | characters | seconds | CPU seconds |\n| --- | --- | --- | --- |")
    for size in args.sizes:
        for shape in args.shapes:
            text = SHAPES[shape](size, random.Random(1))
            wall, cpu = time.perf_counter(), time.process_time()
            extract(text, published_on=datetime.date(2024, 1, 1), catalog=catalog)
            seconds, cpu = time.perf_counter() - wall, time.process_time() - cpu
            print(f"| {shape} | {size:,} | {seconds:.2f} | {cpu:.2f} |", flush=True)


if __name__ == "__main__":
    main()
