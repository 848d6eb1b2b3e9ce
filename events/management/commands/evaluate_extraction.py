"""Precision, recall and F1 of the extraction assistant on the gold set, as a curator meets an article."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from events.extraction.evaluation import Score, evaluate, load_articles
from events.extraction.goldset import (
    SPLITS,
    FrozenSplitChanged,
    evaluate_as_met,
    load_eval_article,
    load_split,
    shipped_catalog,
    verify_test_split,
)


class Command(BaseCommand):
    help = (
        "Score the extraction assistant on the gold set of seeds/eval/ (splits dev and test), with the shipped "
        "catalog only and no event given as known: precision, recall and F1 of its (event, participant, status) "
        "triples and of its speakers, per article, per split. Checks the frozen test split's checksums first."
    )

    def add_arguments(self, parser):
        base = Path(settings.BASE_DIR)
        parser.add_argument("--seeds", default=str(base / "seeds"), help="the shipped participants")
        parser.add_argument("--eval", default=str(base / "seeds" / "eval"), help="the gold set and its split")
        parser.add_argument("--fixtures", default=str(base / "fixtures"), help="where seed.json is")
        parser.add_argument("--split", choices=[*SPLITS, "all"], default="all", help="which split to score")
        parser.add_argument(
            "--own",
            action="store_true",
            help="score instead the articles the rules were written on (seeds/*.gold.json), each with its own "
            "catalog and known events: the flattering figure",
        )
        parser.add_argument("--verbose", action="store_true", help="list each proposal, hit or miss, and each miss")

    def handle(self, *args, seeds, fixtures, verbose=False, own=False, split="all", **options):
        if own:
            participants, articles = load_articles(seeds, fixtures)
            self.table("own articles", [(a.name, *evaluate(participants, a)[:2]) for a in articles], verbose)
            return
        eval_dir = options["eval"]
        try:
            verify_test_split(eval_dir)
        except FrozenSplitChanged as error:
            raise CommandError(f"{error}; refusing to score") from error
        from events.extraction.extractor import Extractor

        catalog = shipped_catalog(seeds, fixtures)
        extractor = Extractor(catalog)
        names = load_split(eval_dir)
        for which in SPLITS if split == "all" else (split,):
            rows = []
            for name in names[which]:
                article = load_eval_article(eval_dir, name)
                triples, speakers, _ = evaluate_as_met(catalog, article, extractor)
                rows.append((name, triples, speakers))
            self.table(f"{which} split", rows, verbose and which == "dev")

    def table(self, title, rows, verbose):
        header = f"{title:<44} {'triples P':>9} {'R':>5} {'F1':>5}   {'speakers P':>10} {'R':>5} {'F1':>5}"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        triples_total, speakers_total = Score(), Score()
        for name, triples, speakers in rows:
            triples_total.merge(triples)
            speakers_total.merge(speakers)
            self.stdout.write(self.row(name, triples, speakers))
            if verbose:
                for line in triples.details:
                    self.stdout.write(f"    {line}")
        self.stdout.write("-" * len(header))
        self.stdout.write(self.row(f"{title}: overall (micro-average)", triples_total, speakers_total))
        self.stdout.write(
            f"{triples_total.true_positives} of {triples_total.true_positives + triples_total.false_negatives} gold "
            f"triples found, {triples_total.false_positives} proposed that are not gold; {len(rows)} articles.\n"
        )

    def row(self, name, triples, speakers):
        return (
            f"{name:<44} {triples.precision:>9.2f} {triples.recall:>5.2f} {triples.f1:>5.2f}   "
            f"{speakers.precision:>10.2f} {speakers.recall:>5.2f} {speakers.f1:>5.2f}"
        )
