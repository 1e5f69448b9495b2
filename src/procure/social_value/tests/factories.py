from datetime import date, timedelta
from decimal import Decimal

import factory

from procure.contracts.tests.factories import ContractFactory
from procure.social_value.choices import Theme
from procure.social_value.models import Commitment, Measure, Outcome


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    code = factory.Sequence(lambda n: f"SV{n + 1}")
    theme = Theme.APPRENTICESHIPS
    name = "More young people in skilled work"
    plan_priority = "Supporting communities"


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    outcome = factory.SubFactory(OutcomeFactory)
    code = factory.Sequence(lambda n: f"M{n + 1}")
    name = "Apprenticeships started on the contract"
    unit = "apprentices"


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    contract = factory.SubFactory(ContractFactory)
    measure = factory.SubFactory(MeasureFactory)
    description = "Two apprentices taken on from the county"
    unit = "apprentices"
    target = Decimal("2.00")
    due_on = factory.LazyFunction(lambda: date.today() + timedelta(days=365))
