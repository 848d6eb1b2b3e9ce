"""Precision, recall and F1 of the extraction assistant on the annotated articles of seeds/."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from events.extraction.evaluation import Score, evaluate, load_articles


class Command(BaseCommand):
    help = (
        "Run the extraction assistant on every annotated article of seeds/ and print precision, recall and F1 of "
        "its (event, participant, status) triples and of its speakers, per article and overall."
    )

    def add_arguments(self, parser):
        base = Path(settings.BASE_DIR)
        parser.add_argument("--seeds", default=str(base / "seeds"), help="the annotated articles")
        parser.add_argument("--fixtures", default=str(base / "fixtures"), help="where seed.json is")
        parser.add_argument("--verbose", action="store_true", help="list each proposal, hit or miss, and each miss")

    def handle(self, *args, seeds, fixtures, verbose=False, **options):
        participants, articles = load_articles(seeds, fixtures)
        header = f"{'article':<44} {'triples P':>9} {'R':>5} {'F1':>5}   {'speakers P':>10} {'R':>5} {'F1':>5}"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        triples_total, speakers_total = Score(), Score()
        for article in articles:
            triples, speakers, _ = evaluate(participants, article)
            triples_total.merge(triples)
            speakers_total.merge(speakers)
            self.stdout.write(self.row(article.name, triples, speakers))
            if verbose:
                for line in triples.details:
                    self.stdout.write(f"    {line}")
        self.stdout.write("-" * len(header))
        self.stdout.write(self.row("overall (micro-average)", triples_total, speakers_total))
        self.stdout.write(
            f"{triples_total.true_positives} of {triples_total.true_positives + triples_total.false_negatives} gold "
            f"triples found, {triples_total.false_positives} proposed that are not gold; "
            f"{len(articles)} articles."
        )

    def row(self, name, triples, speakers):
        return (
            f"{name:<44} {triples.precision:>9.2f} {triples.recall:>5.2f} {triples.f1:>5.2f}   "
            f"{speakers.precision:>10.2f} {speakers.recall:>5.2f} {speakers.f1:>5.2f}"
        )
