"""Factories for the savings register (kept apart from factories.py, which other parts of spend extend)."""

from decimal import Decimal

import factory

from procure.organisations.tests.factories import OrganisationFactory
from procure.spend.choices import SavingType
from procure.spend.models import Saving, SavingYear


class SavingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Saving

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Custody cleaning retender {n}")
    saving_type = SavingType.CASHABLE
    baseline = Decimal("100000.00")
    baseline_description = "The previous contract's spend in 2023/24"
    method = "Baseline less the new contract's annual price"


class SavingYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SavingYear

    saving = factory.SubFactory(SavingFactory)
    financial_year = 2024
    projected = Decimal("10000.00")
    realised = None
