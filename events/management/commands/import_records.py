"""``manage.py import_records FILE ...``: records from NDJSON or CSV, checked by the models' rules, in bulk."""

import argparse
import contextlib
import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError
from tqdm import tqdm

from events.services import once_more_after_a_clash
from events.transfer import formats as records
from events.transfer.importer import import_records


def count_lines(path):
    with open(path, "rb") as file:
        return sum(block.count(b"\n") for block in iter(lambda: file.read(1 << 20), b""))


def line_end(path):
    """The line end of the file at ``path``, as its first line ends: a CSV file's bad rows are copied with it (tester
    38, P6: rows of a file of "\\n" came back ending in "\\r\\n", csv's own)."""
    with open(path, "rb") as file:
        first = file.readline()
    return "\r\n" if first.endswith(b"\r\n") else "\n"


def reject_path(source, rejects=None):
    """Where the bad records of the input ``source`` go: ``rejects`` if given, else ``<input>.rejected<ext>``."""
    source = Path(source)
    return Path(rejects) if rejects else source.with_name(f"{source.stem}.rejected{source.suffix}")


def check_reject_paths(files, rejects, format):
    """Refuse, before any record is read, reject files that would lose records: one that is an input (it would be
    overwritten: tester 37, N6), or one file for several inputs of which one is CSV (each under its own header:
    tester 37, N5). NDJSON inputs share one: each line is a whole record."""
    inputs = {Path(path).resolve() for path in files}
    for path in files:
        target = reject_path(path, rejects)
        if target.resolve() in inputs:
            raise CommandError(
                f"{target} is an input and where the bad records of {path} would go: choose another with --rejects; "
                "nothing was written."
            )
    if rejects is not None and len(files) > 1 and any(records.format_of(path, format) == "csv" for path in files):
        raise CommandError(
            f"--rejects {rejects}: one file cannot hold the bad rows of {len(files)} files when one is CSV (its rows "
            "come under its own header); leave --rejects out to have each file's beside it "
            "(<file>.rejected.<ext>): nothing was written."
        )


class RejectFiles:
    """The bad records of each input, as they were read, in ``<input>.rejected<ext>``, or where ``path`` says (one
    file for all the inputs, NDJSON only: ``check_reject_paths``)."""

    def __init__(self, path=None):
        self.path = path
        self.files = {}
        self.stack = contextlib.ExitStack()
        self.written = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stack.close()

    def discard(self):
        """Close and delete the reject files written so far."""
        self.stack.close()
        for path in self.written:
            path.unlink(missing_ok=True)
        self.files, self.written = {}, []

    def add(self, rejection):
        record = rejection.record
        path = reject_path(record.source, self.path)
        if path not in self.files:  # one file open a path: two would write over each other (tester 37, N5)
            file = self.stack.enter_context(open(path, "w", encoding="utf-8", newline=""))  # noqa: SIM115
            self.written.append(path)
            writer = csv.writer(file, lineterminator=line_end(record.source)) if isinstance(record.raw, list) else None
            if writer is not None:
                writer.writerow(record.header)
            self.files[path] = (file, writer)
        file, writer = self.files[path]
        if writer is not None:
            writer.writerow(record.raw)
        else:
            file.write(record.raw if record.raw.endswith("\n") else record.raw + "\n")


def bad_records(count):
    """ "1 bad record", "2 bad records" (tester 43, L2: "1 bad records")."""
    return f"{count} bad record{'' if count == 1 else 's'}"


class Command(BaseCommand):
    help = (
        "Import records from NDJSON (one fixture object a line, natural keys) or CSV files, checked like the API. "
        "Nothing is written if a record is bad, unless --skip-invalid."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "files",
            nargs="+",
            metavar="FILE",
            help="NDJSON or CSV (by extension, or --format), or a folder: its .csv, .ndjson and .jsonl files (as "
            "export_records --format csv writes them). Files are read by the model of their first record, "
            "participants, events, articles, attendances, then reports, whatever order they are given in; "
            "within a file, records come in that order too.",
        )
        parser.add_argument("--format", choices=records.FORMATS, help="The files' format (default: by extension).")
        parser.add_argument("--model", help="The model of CSV rows when the file has no `model` column.")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="Write the good records; put the bad ones in a reject file."
        )
        parser.add_argument("--rejects", help="The reject file (default: <file>.rejected.<ext> beside each input).")
        parser.add_argument(
            "--no-new-reviewers",
            action="store_true",
            help="Refuse a report whose reviewer (reviewed_by) has no account here, instead of making one for them "
            "(inactive, no usable password).",
        )
        parser.add_argument(
            "--read-ahead",
            action=argparse.BooleanOptionalAction,
            default=None,
            help="A worker process reads, builds and cleans the records while this one checks and writes them "
            "(default: on PostgreSQL, whose server works beside this process; on SQLite it is faster only with a "
            "free core).",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(
        self, *args, files, format, model, skip_invalid, rejects, no_progress, no_new_reviewers, read_ahead, **options
    ):
        for path in files:
            if not Path(path).is_file() and not Path(path).is_dir():
                raise CommandError(f"{path}: no such file or folder.")
        if rejects is not None:  # checked before any record is read, as export_records checks its output
            if Path(rejects).is_dir():
                raise CommandError(f"--rejects {rejects} is a folder, not a file: nothing was written.")
            if not Path(rejects).parent.is_dir():
                raise CommandError(f"--rejects: {Path(rejects).parent} is not a folder: nothing was written.")
        files = records.files_of(files)
        if not files:
            raise CommandError("No file to read: a folder's files are its .csv, .ndjson and .jsonl files.")
        files = [str(path) for path in records.in_dependency_order(files, format=format, model=model)]
        if skip_invalid:
            check_reject_paths(files, rejects, format)
        # The progress bar's total: the files read once more, all through, before the import (none without it).
        total = None if no_progress else sum(count_lines(path) for path in files)
        shown = []

        def sources():
            for path in files:
                for record in records.read(path, format=format, model=model):
                    record.source = path
                    yield record

        def attempt():
            shown.clear()
            with (
                RejectFiles(rejects) as reject_files,
                tqdm(sources(), total=total, unit=" records", disable=no_progress, file=self.stderr) as progress,
            ):

                def on_reject(rejection):
                    if len(shown) < 100:
                        shown.append((files.index(rejection.record.source), rejection.record.line, str(rejection)))
                    if skip_invalid:
                        reject_files.add(rejection)

                try:
                    importer = import_records(
                        progress,
                        skip_invalid=skip_invalid,
                        on_reject=on_reject,
                        new_reviewers=not no_new_reviewers,
                        read_ahead=read_ahead,
                    )
                except records.UnreadableFile as error:
                    # The import's transaction was rolled back: no reject file either, since nothing was skipped.
                    reject_files.discard()
                    raise CommandError(f"{error} Nothing was written.") from None
                except IntegrityError:
                    # Another import stored records that clash with these after this one's checks: rolled back, and
                    # read again, they are this one's bad records (file and line), as if the other had come first.
                    reject_files.discard()
                    raise
            return importer, reject_files

        importer, reject_files = once_more_after_a_clash(attempt)
        for _file, _line, message in sorted(shown):  # in the files' order and each file's, not the checks' (L2)
            self.stderr.write(message)
        if importer.rejected > len(shown):
            self.stderr.write(f"... and {bad_records(importer.rejected - len(shown))} more.")
        if importer.rejected and not skip_invalid:
            raise CommandError(f"{bad_records(importer.rejected)}; nothing was written.")
        written = ", ".join(f"{count} {label}" for label, count in importer.written.items()) or "nothing"
        self.stdout.write(f"Wrote {written}.")
        if made := importer.reviewers.made:
            accounts = "1 reviewer account" if len(made) == 1 else f"{len(made)} reviewer accounts"
            self.stdout.write(
                f"Made {accounts}, inactive and with no usable password, for the reports that name them: "
                f"{', '.join(made)}."
            )
        if importer.rejected:
            self.stdout.write(
                f"Skipped {bad_records(importer.rejected)}: see {', '.join(map(str, reject_files.written))}."
            )
