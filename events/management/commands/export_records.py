"""``manage.py export_records``: records as NDJSON or CSV, in the format ``import_records`` reads."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from events.transfer import formats as records


class Command(BaseCommand):
    help = (
        "Write records as NDJSON (all models in one file) or CSV (one file a model), with natural keys, "
        "so that import_records reads them back."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--model", action="append", default=[], help="Only this model (events.event or event); repeat for more."
        )
        parser.add_argument("--format", choices=records.FORMATS, default="ndjson", help="Default: ndjson.")
        parser.add_argument(
            "--output",
            "-o",
            default="-",
            help="A file (default: standard output); a directory for CSV of several models (one <model>.csv each).",
        )

    def handle(self, *args, model, format, output, **options):
        try:
            models = records.models_named(model)
        except ValueError as error:
            raise CommandError(f"--model: {error}") from None
        if format == "ndjson":
            self.write(output, (line for each in models for line in records.ndjson_lines(each)))
        elif len(models) == 1:
            self.write(output, records.csv_lines(models[0]))
        else:
            directory = Path(output)
            if output == "-" or (directory.exists() and not directory.is_dir()):
                raise CommandError("--output: CSV of several models needs a directory (one file a model).")
            directory.mkdir(parents=True, exist_ok=True)
            for each in models:
                self.write(directory / f"{each._meta.model_name}.csv", records.csv_lines(each))

    def write(self, output, lines):
        if output == "-":
            sys.stdout.writelines(lines)
            sys.stdout.flush()
            return
        with open(output, "w", encoding="utf-8", newline="") as file:
            file.writelines(lines)
