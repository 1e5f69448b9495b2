from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from procure.core.dates import FinancialYear, parse_uk_date
from procure.organisations.selectors import organisation_get
from procure.spend.coverage.services import coverage_catch_up
from procure.spend.kpis import formats
from procure.spend.kpis.local import area_names
from procure.spend.kpis.selectors import kpi_block


class Command(BaseCommand):
    help = ("Print the procurement KPI block for one organisation or a group and a financial year. Usage: "
            "procure kpis --organisation SLUG [--organisation SLUG2 ...] --year 2024/25 [--as-at DATE] "
            "[--format text|json|csv|xlsx] [--output FILE]")

    def add_arguments(self, parser):
        parser.add_argument("--organisation", action="append", required=True, dest="organisations",
                            help="An organisation's slug; give several to add a group together")
        parser.add_argument("--year", required=True, help="Financial year, e.g. 2024/25")
        parser.add_argument("--as-at", dest="as_at", help="Date that counts live contracts (default: the year's "
                                                          "end, or today if earlier), e.g. 31/03/2025")
        parser.add_argument("--format", choices=formats.FORMATS, default="text")
        parser.add_argument("--output", help="Write to this file instead of the screen (required for xlsx)")
        parser.add_argument("--top", type=int, default=10,
                            help="Breakdown rows in JSON, largest first (0 for all; default 10)")

    def handle(self, *args, organisations, year, as_at, format, output, top, **options):
        chosen = [self._organisation(slug) for slug in organisations]
        year, as_at = self._year(year), self._date(as_at)
        if format == "xlsx" and not output:
            raise CommandError("Give --output FILE.xlsx: a workbook cannot be printed to the screen")
        for organisation in chosen:
            coverage_catch_up(organisation=organisation)
        block = kpi_block(organisations=chosen, year=year, as_at=as_at)
        if format == "xlsx":
            formats.as_xlsx(block, Path(output))
            self.stderr.write(f"Wrote {output}")
            return
        county, region = area_names(chosen)
        text = {"text": lambda: formats.as_text(block, county=county, region=region),
                "json": lambda: formats.as_json(block, top=top or None),
                "csv": lambda: formats.as_csv(block)}[format]()
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stderr.write(f"Wrote {output}")
        else:
            self.stdout.write(text, ending="")

    def _organisation(self, slug: str):
        found = organisation_get(slug=slug)
        if found is None:
            raise CommandError(f"No organisation with slug '{slug}'")
        return found

    def _year(self, text: str) -> FinancialYear:
        try:
            return FinancialYear.parse(text)
        except ValueError as error:
            raise CommandError(str(error)) from error

    def _date(self, text: str | None):
        if not text:
            return None
        try:
            return parse_uk_date(text)
        except ValueError as error:
            raise CommandError(f"--as-at: {error}") from error
