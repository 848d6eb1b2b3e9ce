"""The extraction benchmark (``make bench-extract``): seconds and characters/second at 10k to 500k characters.

    python bench/extraction.py
    python bench/extraction.py --sizes 10000 20000 100000 500000 --repeat 3

The articles are the seed articles (``seeds/*.txt``, ``seeds/eval/*.txt``) written one after
another until the size is reached, each copy with its own names and dates (cities, years and
days of the month move on from copy to copy), so a long article speaks of many events and
places as a real digest would. The catalog is the evaluation's: every participant of the seed
fixture and of ``seeds/participants.json``, and the events the seed articles know.

For each size it prints the best of ``--repeat`` runs of ``extract``, each from cold caches:
wall-clock and CPU seconds, and characters a CPU second (steadier than wall-clock time on a
shared machine), beside its baseline measured in the same process on the same text: spaCy's
own tokeniser over its paragraphs, the least any reading of the text can cost. The ratio of
each size's rate to the first size's (10k) says how linear extraction is (1.00: perfectly).
``--results`` appends the table to bench/RESULTS.md.
"""

import argparse
import datetime
import itertools
import os
import platform
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eventsapi.settings.local")

SIZES = (10_000, 20_000, 100_000, 500_000)
PUBLISHED_ON = datetime.date(2020, 6, 15)
# The cities a copy of a seed article moves its places to, in turn.
CITIES = [
    "Geneva", "Doha", "Moscow", "Cairo", "Vienna", "Astana", "Nairobi", "Addis Ababa", "Luanda", "Oslo",
    "Havana", "Istanbul", "Muscat", "Jeddah", "Algiers", "Berlin", "Sochi", "Naqoura", "Granada", "Jakarta",
]  # fmt: skip
_CITY = re.compile(r"\b(" + "|".join(re.escape(c) for c in CITIES) + r")\b")
_YEAR = re.compile(r"\b(19[89]\d|20[0-2]\d)\b")
_DAY = re.compile(
    r"\b((?:January|February|March|April|May|June|July|August|September|October|November|December) )(\d{1,2})\b"
)


def seed_texts():
    """The texts of every seed article, in a fixed order."""
    return [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("**/*.txt"))]


def article(length):
    """An article of ``length`` characters: the seed articles one after another, each copy with its own names."""
    parts, size = [], 0
    for copy, text in enumerate(itertools.cycle(seed_texts())):
        if size >= length:
            break
        text = _CITY.sub(lambda m, n=copy: CITIES[(CITIES.index(m.group(1)) + n) % len(CITIES)], text)
        text = _YEAR.sub(lambda m, n=copy: str(int(m.group(1)) - n % 7), text)
        text = _DAY.sub(lambda m, n=copy: f"{m.group(1)}{(int(m.group(2)) + n) % 28 + 1}", text)
        parts.append(text.strip())
        size += len(parts[-1]) + 2
    return "\n\n".join(parts)[:length]


def statements(length):
    """The worst shape measured: one statement after another, each naming a new event by its place and day."""
    months = ["January", "March", "May", "July", "September", "November"]
    parts, size, copy = [], 0, 0
    while size < length:
        parts.append(
            f"Russia will attend the talks in {CITIES[copy % len(CITIES)]} on {months[copy % 6]} {copy % 28 + 1}, "
            f"Iran said it would not take part in the meeting in Doha on {months[(copy + 3) % 6]} "
            f"{copy * 7 % 28 + 1}. "
        )
        size += len(parts[-1])
        copy += 1
    return "".join(parts)[:length]


# The shapes of text measured: --shape.
SHAPES = {
    "articles": article,
    "one-paragraph": lambda length: " ".join(article(length).split()),
    "no-full-stops": lambda length: re.sub(r"[.!?]", "", " ".join(article(length).split())),
    "statements": statements,
}


def catalog():
    """The evaluation's catalog: the seed participants and the events the seed articles know."""
    from events.extraction import Catalog
    from events.extraction.evaluation import load_articles

    participants, articles = load_articles(ROOT / "seeds", ROOT / "fixtures")
    events = {e.slug: e for a in articles for e in a.events if e.slug in a.known}
    return Catalog(participants=participants, events=list(events.values()))


def tokenise(text):
    """The baseline: a new spaCy tokeniser (its cache empty) over the text's paragraphs, and nothing else."""
    import spacy

    tokenizer = spacy.blank("en").tokenizer
    return lambda: sum(len(tokenizer(p)) for p in text.split("\n\n"))


def forget():
    """Empties what extraction keeps between articles (folded words, dates read, cue matchers), so no run of a
    text is helped by an earlier run of the same text."""
    from events.extraction import dates, text
    from events.extraction.vocabulary import default_vocabulary

    dates._parse.cache_clear()
    text._fold_kept.cache_clear()
    default_vocabulary().matcher._matcher_of.cache_clear()


def best_of(repeat, prepare):
    """(wall seconds, CPU seconds, result) of the fastest of ``repeat`` runs of what ``prepare()`` returns, each
    from cold caches."""
    runs = []
    for _ in range(repeat):
        forget()
        work = prepare()
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()
        runs.append((time.perf_counter() - wall, time.process_time() - cpu))
    wall, cpu = min(runs)
    return wall, cpu, result


def measure(sizes, repeat, shape="articles"):
    """One row a size: (characters, proposals, extract wall s, extract CPU s, tokenise wall s)."""
    from events.extraction import extract

    known = catalog()
    extract(seed_texts()[0], published_on=PUBLISHED_ON, catalog=known)  # spaCy and the vocabulary load once
    rows = []
    for size in sizes:
        text = SHAPES[shape](size)
        wall, cpu, result = best_of(
            repeat, lambda text=text: lambda: extract(text, published_on=PUBLISHED_ON, catalog=known)
        )
        baseline, _, _ = best_of(repeat, lambda text=text: tokenise(text))
        rows.append((len(text), len(result.proposals), wall, cpu, baseline))
        print(f"{len(text):,} characters: {wall:.3f} s", file=sys.stderr, flush=True)
    return rows


def table(rows):
    first_rate = rows[0][0] / rows[0][3]
    lines = [
        "| characters | proposals | extract s | CPU s | characters/CPU s | rate / first rate | tokenise s | "
        "extract / tokenise |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for size, proposals, wall, cpu, baseline in rows:
        rate = size / cpu
        lines.append(
            f"| {size:,} | {proposals:,} | {wall:.3f} | {cpu:.3f} | {rate:,.0f} | {rate / first_rate:.2f} | "
            f"{baseline:.3f} | {wall / baseline:.1f}× |"
        )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="article lengths, in characters")
    parser.add_argument("--repeat", type=int, default=3, help="runs a size; the best is kept")
    parser.add_argument(
        "--shape",
        choices=sorted(SHAPES),
        default="articles",
        help="articles (default); the same as one-paragraph, or with no-full-stops; or statements, one after "
        "another, each naming a new event",
    )
    parser.add_argument("--results", help="append the table to this Markdown file (bench/RESULTS.md)")
    options = parser.parse_args()

    import django

    django.setup()
    load = os.getloadavg()[0]
    rows = measure(options.sizes, options.repeat, options.shape)
    command = "python bench/extraction.py " + " ".join(sys.argv[1:])
    section = "\n".join(
        [
            f"## Extraction, {options.shape}: {', '.join(f'{s:,}' for s in options.sizes)} characters — "
            f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
            "",
            f"- machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
            f"{platform.platform()}, Python {platform.python_version()}; load average {load:.1f} at the start",
            f"- command: `{command.strip()}` (best of {options.repeat})",
            "",
            table(rows),
            "",
        ]
    )
    print(section)
    if options.results:
        with open(options.results, "a", encoding="utf-8") as handle:
            handle.write("\n" + section)


if __name__ == "__main__":
    main()
