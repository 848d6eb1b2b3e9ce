"""``manage.py export_records``: records as NDJSON or CSV, in the format ``import_records`` reads, or as a
Frictionless Data Package (``--datapackage DIR``, events.api.datapackage)."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from events.api import datapackage as datapackage_module
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
        parser.add_argument(
            "--datapackage",
            metavar="DIR",
            help="Instead, write every record as a Frictionless Data Package in DIR: a CSV file per resource "
            "(as the API's exports) and datapackage.json with their table schemas.",
        )

    def handle(self, *args, model, format, output, datapackage: str | None = None, **options):
        if datapackage:
            if model:
                raise CommandError("--datapackage: the package holds every model; give no --model.")
            target = Path(datapackage)
            if target.exists() and not target.is_dir():
                raise CommandError(f"--datapackage: {target} is a file, not a directory.")
            datapackage_module.write_directory(target)
            self.stderr.write(f"Wrote the data package in {target}/ (datapackage.json and a CSV file a resource).")
            return
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
        path = Path(output)
        if not path.parent.is_dir():
            raise CommandError(f"{path.parent} is not a folder: nothing was written.")
        if path.is_dir():
            raise CommandError(f"{path} is a folder, not a file: nothing was written.")
        try:
            file = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}: nothing was written.") from None
        with file:
            file.writelines(lines)
