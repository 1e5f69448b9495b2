from django.core.management.base import BaseCommand, CommandError

from procure.core.money import format_money
from procure.organisations.selectors import organisation_get
from procure.spend.coverage.selectors import coverage_counts
from procure.spend.coverage.services import coverage_catch_up, coverage_rebuild


class Command(BaseCommand):
    help = ("Decide which spend lines are on contract: those affected by contract and supplier changes since "
            "the last run, or with --all every line. Usage: procure spend coverage --organisation SLUG [--all]")

    def add_arguments(self, parser):
        parser.add_argument("--organisation", required=True, help="The organisation's slug")
        parser.add_argument("--all", action="store_true", help="Decide every line again, and rebuild the KPI summary")

    def handle(self, *args, organisation, all, **options):
        found = organisation_get(slug=organisation)
        if found is None:
            raise CommandError(f"No organisation with slug '{organisation}'")
        decided = coverage_rebuild(organisation=found) if all else coverage_catch_up(organisation=found)
        what = "every line" if all else "the lines affected by changes since the last run"
        self.stdout.write(f"Decided {decided:,} spend lines of {found.name} ({what}).")
        for count in coverage_counts(organisation=found):
            if count.lines:
                self.stdout.write(f"  {count.label:<40} {count.lines:>10,} lines {format_money(count.amount):>18}")
