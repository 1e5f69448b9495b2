from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from procure.spend.choices import Coverage, ReviewRule
from procure.spend.models import ProcedureThreshold, ReviewItem
from procure.spend.tests.factories import SpendLineFactory
from procure.suppliers.tests.factories import SupplierFactory


def _review(**options) -> str:
    out = StringIO()
    call_command("spend_review", organisation="lancs", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def spend(organisation):
    supplier = SupplierFactory(organisation=organisation, name="Chorley Cabs Ltd")
    for amount, paid in (("8000.00", date(2016, 5, 1)), ("4000.00", date(2017, 3, 31))):
        SpendLineFactory(organisation=organisation, supplier=supplier, amount=Decimal(amount),
                         payment_date=paid, coverage=Coverage.NO_CONTRACT)
    return supplier


def test_the_command_installs_defaults_and_reviews_the_year_to_the_latest_payment(organisation, spend):
    output = _review(install_default_thresholds=True)
    assert "Review for the 12 months to 31/03/2017: 1 new, 0 updated, 0 closed" in output
    assert "£12,000.00 of spend still to act on" in output
    installed = ProcedureThreshold.objects.filter(organisation=organisation, effective_from=date(2016, 4, 1))
    assert installed.count() == 3
    assert ReviewItem.objects.get(organisation=organisation).rule == ReviewRule.OVER_THRESHOLD
    assert "0 new, 0 updated, 0 closed" in _review()


def test_the_command_reviews_the_twelve_months_to_a_given_date(organisation, spend):
    _review(install_default_thresholds=True, as_at="31/03/2016")
    assert not ReviewItem.objects.filter(organisation=organisation).exists()


def test_the_command_says_what_to_do_without_thresholds(organisation, spend):
    with pytest.raises(CommandError, match="--install-default-thresholds"):
        _review()
    assert not ReviewItem.objects.exists()


@pytest.mark.parametrize(("options", "message"), [
    ({"as_at": "31/02/2017"}, "--as-at"),
    ({"organisation": "nowhere"}, "No organisation with slug 'nowhere'"),
])
def test_the_command_refuses_bad_input(organisation, options, message):
    with pytest.raises(CommandError, match=message):
        call_command("spend_review", **{"organisation": "lancs", **options}, stdout=StringIO())
