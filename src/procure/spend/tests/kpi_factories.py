"""Factories and small builders for the coverage and KPI tests."""

from datetime import date
from decimal import Decimal

import factory

from procure.organisations.tests.factories import OrganisationFactory
from procure.spend.choices import ExclusionKind
from procure.spend.models import ExclusionRule, SpendLine
from procure.spend.tests.factories import SpendImportFactory, SpendLineFactory
from procure.suppliers.models import PostcodeDistrict

LANCASHIRE, NORTH_WEST = "E10000017", "E12000002"
CUMBRIA = "E10000006"


class ExclusionRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExclusionRule

    organisation = factory.SubFactory(OrganisationFactory)
    kind = ExclusionKind.EXPENSE_TYPE
    value = "pension"
    reason = "Pension contributions"


class PostcodeDistrictFactory(factory.django.DjangoModelFactory):
    """A district wholly in one local authority unless a share is given."""

    class Meta:
        model = PostcodeDistrict

    district = "PR4"
    local_authority_code = factory.Sequence(lambda n: f"E07{n:06d}")
    local_authority_name = "Fylde"
    county_code = LANCASHIRE
    county_name = "Lancashire"
    region_code = NORTH_WEST
    region_name = "North West"
    share = Decimal("1.0000")
    is_primary = True


def lines_of(organisation, rows: list[tuple], spend_import=None) -> list[SpendLine]:
    """Spend lines from (payment date, amount, supplier, category, department) tuples, in one import."""
    spend_import = spend_import or SpendImportFactory(organisation=organisation)
    made = []
    for paid, amount, supplier, *rest in rows:
        category = rest[0] if rest else None
        department = rest[1] if len(rest) > 1 else None
        made.append(SpendLineFactory(organisation=organisation, spend_import=spend_import, payment_date=paid,
                                     amount=Decimal(amount), supplier=supplier, category=category,
                                     department=department))
    return made


def fy_day(month: int, day: int = 15, *, start_year: int = 2024) -> date:
    """A day of the financial year start_year/start_year+1."""
    return date(start_year if month >= 4 else start_year + 1, month, day)
