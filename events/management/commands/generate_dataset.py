"""``manage.py generate_dataset --events N --seed S``: a large, realistic dataset, written directly or checked."""

import os
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, connection
from tqdm import tqdm

from events.transfer import dataset
from events.transfer.direct import write_dataset
from events.transfer.importer import import_records
from events.transfer.workers import generate_in_workers as workers_generate


class Command(BaseCommand):
    help = (
        "Add a deterministic dataset of N events (with participants, attendances, reports and the articles "
        "they quote) and its history, written straight to the tables, or with --checked through import_records."
    )

    def add_arguments(self, parser):
        parser.add_argument("--events", type=int, default=1000, help="How many events (default 1000).")
        parser.add_argument("--seed", type=int, default=1, help="The same seed makes the same records (default 1).")
        parser.add_argument(
            "--workers",
            type=int,
            default=os.cpu_count() or 1,
            help="Processes that make the records while this one writes them (default: one per core; 0: make "
            "them here). The records are the same for any number.",
        )
        parser.add_argument(
            "--checked",
            action="store_true",
            help="Check every record by the rules and write it as import_records does (the same rows, far slower).",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, events, seed, workers, checked, no_progress, **options):
        if events < 1:
            raise CommandError("--events: give a positive number.")
        if workers < 0:
            raise CommandError("--workers: give 0 or more.")
        started = time.perf_counter()
        if checked or connection.vendor not in ("sqlite", "postgresql"):  # the direct write knows these two
            written = self.import_checked(events, seed, workers, no_progress)
        else:
            with tqdm(total=events, unit=" events", disable=no_progress, file=self.stderr) as progress:
                try:
                    written = write_dataset(events=events, seed=seed, workers=workers, on_chunk=progress.update)
                except IntegrityError as error:
                    raise CommandError(
                        f"The database already holds some of these records ({error}); nothing was written. "
                        "--checked names them."
                    ) from error
        listed = ", ".join(f"{count} {label}" for label, count in written.items())
        self.stdout.write(f"Wrote {listed} in {time.perf_counter() - started:.1f} s.")

    def import_checked(self, events, seed, workers, no_progress):
        """Through ``import_records``, every record checked; the rows written by model label."""
        rejections = []
        records = tqdm(
            (
                workers_generate(events=events, seed=seed, workers=workers)
                if workers
                else dataset.generate(events=events, seed=seed)
            ),
            total=dataset.estimated_records(events),
            unit=" records",
            disable=no_progress,
            file=self.stderr,
        )
        with records:
            importer = import_records(records, on_reject=rejections.append)
        if rejections:
            # The generator makes records that keep every rule; one that does not is a bug in it.
            shown = "\n".join(str(rejection) for rejection in rejections[:20])
            raise CommandError(f"{len(rejections)} generated records break a rule; nothing was written:\n{shown}")
        return importer.written
