"""`procure contract import FILE --organisation SLUG [--json] [--user USERNAME]`"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from procure.contracts.choices import ContractImportStatus
from procure.contracts.importing import contract_import
from procure.organisations.models import User
from procure.organisations.selectors import organisation_get


class Command(BaseCommand):
    help = ("Import a contracts register file (CSV or XLSX; Procure or LGA transparency layout) into an "
            "organisation's register. All or nothing; the same file twice changes nothing. "
            "Exits 1 when the file is rejected.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path of the CSV or XLSX file")
        parser.add_argument("--organisation", required=True, help="The organisation's short name (slug)")
        parser.add_argument("--user", help="Username recorded as having made the import (default: system)")
        parser.add_argument("--json", action="store_true", help="Print the result as JSON")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        organisation = organisation_get(slug=options["organisation"])
        if organisation is None:
            raise CommandError(f"No organisation with short name '{options['organisation']}'")
        actor = None
        if options.get("user"):
            actor = User.objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(f"No user '{options['user']}'")
        result = contract_import(organisation=organisation, file_name=path.name, content=path.read_bytes(),
                                 actor=actor)
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json(), indent=2))
        else:
            self._report(result)
        if result.status == ContractImportStatus.REJECTED:
            sys.exit(1)

    def _report(self, result) -> None:
        if result.status == ContractImportStatus.REJECTED:
            self.stderr.write(f"{result.file}: {result.message}")
            for problem in result.rejected:
                where = f"line {problem['line']}: " if problem["line"] else ""
                self.stderr.write(f"  {where}{problem['reason']}")
            return
        self.stdout.write(f"{result.file} ({result.layout}): {result.lines} lines, {result.created} added, "
                          f"{result.updated} updated, {result.unchanged} unchanged")
