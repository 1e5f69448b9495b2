import time

from django.core.management.base import BaseCommand, CommandError

from procure.core.errors import BusinessRuleViolation
from procure.core.money import format_money
from procure.demo.generator.people import DEMO_PASSWORD
from procure.demo.selectors import DemoSummary
from procure.demo.services import DEFAULT_SEED, demo_build


class Command(BaseCommand):
    help = ("Build the demo force (organisation 'demo') with generated suppliers, contracts and two years of "
            "spend: procure demo build [--scale 1.0] [--seed 2024] [--rebuild]")

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=float, default=1.0,
            help="Size relative to a mid-sized force (1.0: 1,500 suppliers, about £46M a year)")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Seed of the generator")
        parser.add_argument("--rebuild", action="store_true",
                            help="Delete the demo organisations' data and sign-ins, then build again")

    def handle(self, *args, scale, seed, rebuild, **options):
        started = time.perf_counter()
        try:
            result = demo_build(scale=scale, seed=seed, rebuild=rebuild)
        except BusinessRuleViolation as error:
            raise CommandError(error.message) from error
        seconds = time.perf_counter() - started
        if not result.built:
            self.stdout.write("The demo is already built; nothing changed. "
                              "Add --rebuild to delete it and build it again.")
            self._summary(result.summary)
            return
        self.stdout.write(f"Built the demo in {seconds:.1f} s (seed {seed}, scale {scale:g}).")
        if result.categories_added:
            self.stdout.write(
                f"Added {result.categories_added} ProClass categories the database did not hold.")
        self._summary(result.summary)

    def _summary(self, summary: DemoSummary) -> None:
        self.stdout.write(f"  Organisations: {summary.organisations}")
        self.stdout.write(f"  Sign-ins:      {len(summary.sign_ins)} ({', '.join(summary.sign_ins)}), "
                          f"password {DEMO_PASSWORD}")
        self.stdout.write(f"  Suppliers:     {summary.suppliers:,}")
        self.stdout.write(f"  Contracts:     {summary.contracts:,} (and {summary.frameworks} frameworks)")
        self.stdout.write(f"  Spend lines:   {summary.lines:,}")
        for year in summary.years:
            self.stdout.write(f"    {year.year.label}: {year.lines:,} lines, {format_money(year.procurable)} "
                              f"procurable, {format_money(year.not_procurable)} not procurable")
