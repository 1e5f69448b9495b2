import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from procure.organisations.selectors import organisation_get
from procure.suppliers.services import suppliers_import


class Command(BaseCommand):
    help = ("Import a supplier file (CSV or XLSX) into an organisation's register, all or nothing. "
            "Usage: procure supplier import FILE --organisation SLUG [--json]")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--organisation", required=True, help="the organisation's short name (slug)")
        parser.add_argument("--json", action="store_true", dest="as_json", help="print the report as one JSON object")

    def handle(self, *args, file: Path, organisation: str, as_json: bool, **options):
        found = organisation_get(slug=organisation)
        if found is None:
            raise CommandError(f"There is no organisation '{organisation}': add it with procure organisation add")
        if not file.is_file():
            raise CommandError(f"There is no file at {file}")
        report = suppliers_import(organisation=found, path_or_file=file, file_name=file.name, actor=None)
        self.stdout.write(json.dumps(report.as_dict()) if as_json else self._as_text(report))
        if report.is_rejected:
            raise CommandError(f"{report.file} was not imported", returncode=1)

    def _as_text(self, report) -> str:
        if report.is_rejected:
            lines = [f"{report.file}: {report.message}."]
            lines += [f"  line {line}: {reason}" if line else f"  {reason}" for line, reason in report.rejected]
            return "\n".join(lines)
        return (f"{report.file}: {report.lines} lines; {report.created} added, {report.updated} updated, "
                f"{report.unchanged} unchanged")
