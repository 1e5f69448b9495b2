from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from procure.core.dates import parse_uk_date
from procure.core.errors import BusinessRuleViolation
from procure.core.money import format_money
from procure.organisations.selectors import organisation_get
from procure.spend.review import rules, selectors, services


class Command(BaseCommand):
    help = ("Run the off-contract review programme over the 12 months to a date (default: the latest payment "
            "imported). Usage: procure spend review --organisation SLUG [--as-at DATE]")

    def add_arguments(self, parser):
        parser.add_argument("--organisation", required=True, help="The organisation's slug")
        parser.add_argument("--as-at", dest="as_at", help="Last day of the 12 months, e.g. 31/03/2017")
        parser.add_argument("--user", help="Username recorded as the one who ran it (default: the system)")
        parser.add_argument("--install-default-thresholds", action="store_true",
                            help="Install the default contract procedure thresholds first, when there are "
                                 "none, applying from the start of the 12 months")

    def handle(self, *args, organisation, as_at, user, install_default_thresholds, **options):
        found = organisation_get(slug=organisation)
        if found is None:
            raise CommandError(f"No organisation with slug '{organisation}'")
        day = self._as_at(found, as_at)
        actor = self._actor(user)
        if install_default_thresholds:
            starts_on, _ = rules.review_window(day)
            services.procedure_thresholds_install_defaults(organisation=found, effective_from=starts_on,
                                                           actor=actor)
        try:
            result = services.review_items_generate(organisation=found, as_at=day, actor=actor)
        except BusinessRuleViolation as violation:
            raise CommandError(f"{violation.message} (on the thresholds page), or run again with "
                               "--install-default-thresholds") from None
        progress = selectors.review_progress(organisation=found)
        self.stdout.write(self.style.SUCCESS(
            f"Review for the 12 months to {day:%d/%m/%Y}: {result.created} new, {result.updated} updated, "
            f"{result.closed} closed with no action needed. Now {progress.open} open, "
            f"{progress.in_progress} in progress, {progress.done} done, {progress.closed} closed; "
            f"{format_money(progress.amount_open)} of spend still to act on."))

    def _as_at(self, organisation, text: str | None):
        if text:
            try:
                return parse_uk_date(text)
            except ValueError as error:
                raise CommandError(f"--as-at: {error}") from None
        latest = selectors.latest_payment_date(organisation=organisation)
        if latest is None:
            raise CommandError("There is no spend to review: import a spend file first, or give --as-at")
        return latest

    def _actor(self, username: str | None):
        if not username:
            return None
        actor = get_user_model().objects.filter(username=username).first()
        if actor is None:
            raise CommandError(f"No user called '{username}'")
        return actor
