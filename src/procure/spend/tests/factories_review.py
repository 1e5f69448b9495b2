"""Factories for the review programme: procedure thresholds and review items."""

from datetime import date
from decimal import Decimal

import factory

from procure.organisations.tests.factories import OrganisationFactory
from procure.spend.choices import ReviewRule
from procure.spend.models import ProcedureThreshold, ReviewItem


class ProcedureThresholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcedureThreshold

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Threshold {n}")
    from_value = Decimal("10000.00")
    route = "At least three written quotations"
    effective_from = date(2016, 4, 1)


class ReviewItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewItem

    organisation = factory.SubFactory(OrganisationFactory)
    rule = ReviewRule.OVER_THRESHOLD
    key = factory.Sequence(lambda n: f"{n}/none")
    summary = factory.Sequence(lambda n: f"Preston Print {n} Ltd: no category, over the review threshold")
    amount = Decimal("12500.00")
    window_starts_on = date(2016, 4, 1)
    window_ends_on = date(2017, 3, 31)
