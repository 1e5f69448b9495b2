from datetime import date
from decimal import Decimal

import factory

from procure.organisations.tests.factories import OrganisationFactory
from procure.spend.choices import ImportStatus, PayeeReviewStatus
from procure.spend.models import PayeeReview, SpendImport, SpendLine
from procure.suppliers.matching import normalise_name


class SpendImportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpendImport

    organisation = factory.SubFactory(OrganisationFactory)
    file_name = factory.Sequence(lambda n: f"spend-{n}.csv")
    checksum = factory.Sequence(lambda n: f"{n:064x}")
    status = ImportStatus.COMPLETED
    layout = "LGA spend (Transparency Code)"


class SpendLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpendLine

    organisation = factory.SubFactory(OrganisationFactory)
    spend_import = factory.SubFactory(SpendImportFactory, organisation=factory.SelfAttribute("..organisation"))
    line_number = factory.Sequence(lambda n: n + 2)
    payment_date = date(2024, 5, 1)
    amount = Decimal("1250.00")
    payee_name = factory.Sequence(lambda n: f"Fylde Coast Services {n} Ltd")
    payee_normalised = factory.LazyAttribute(lambda line: normalise_name(line.payee_name))
    expense_type = "Repairs and maintenance"


class PayeeReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PayeeReview

    organisation = factory.SubFactory(OrganisationFactory)
    payee_name = factory.Sequence(lambda n: f"Uncertain Payee {n}")
    payee_normalised = factory.LazyAttribute(lambda review: normalise_name(review.payee_name))
    status = PayeeReviewStatus.OPEN
    suggestions = factory.LazyFunction(list)
