"""Factories for sourcing records. `TenderFactory` makes a published tender with its key; `BidFactory` seals
the `content` it is given (the shape of a bid's content is in `sourcing/sealing.py`'s callers)."""

from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from procure.organisations.tests.factories import OrganisationFactory, UserFactory
from procure.sourcing import sealing
from procure.sourcing.choices import BidStatus, ContractType, TenderStatus
from procure.sourcing.models import (
    Bid,
    Criterion,
    Lot,
    PriceItem,
    ProcurementRequest,
    SelectionQuestion,
    Tender,
)
from procure.suppliers.tests.factories import SupplierFactory


class ProcurementRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcurementRequest

    organisation = factory.SubFactory(OrganisationFactory)
    reference = factory.Sequence(lambda n: f"PR-{n:04d}")
    title = "Replacement body-worn video cameras"
    justification = "The current cameras are out of support from next year"
    contract_type = ContractType.GOODS
    estimated_value_gross = Decimal("120000.00")
    budget_code = "ICT-4410"
    wanted_by = factory.LazyFunction(lambda: date.today() + timedelta(days=180))
    raised_by = factory.SubFactory(UserFactory)


class TenderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tender
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    reference = factory.Sequence(lambda n: f"T-{n:04d}")
    title = "Custody suite cleaning"
    contract_type = ContractType.SERVICES
    status = TenderStatus.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=20))
    clarification_deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=5))
    submission_deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
    contract_starts_on = factory.LazyFunction(lambda: date.today() + timedelta(days=60))
    contract_ends_on = factory.LazyFunction(lambda: date.today() + timedelta(days=60 + 3 * 365))
    estimated_value_gross = Decimal("150000.00")

    @factory.post_generation
    def sealed(tender, create, extracted, **kwargs):
        if extracted is False:
            return
        sealing.tender_key_issue(tender)
        if create:
            tender.save(update_fields=["sealed_key"])


class LotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lot

    tender = factory.SubFactory(TenderFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Lot {n + 1}")


class SelectionQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SelectionQuestion

    tender = factory.SubFactory(TenderFactory)
    number = factory.Sequence(lambda n: f"S{n + 1}")
    text = "Do you hold employer's liability insurance of at least £5 million?"


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    tender = factory.SubFactory(TenderFactory)
    number = factory.Sequence(lambda n: f"Q{n + 1}")
    title = "Method statement"
    question = "Describe how you will deliver the service"
    weight = Decimal("10.00")
    max_mark = 5


class PriceItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PriceItem

    tender = factory.SubFactory(TenderFactory)
    number = factory.Sequence(lambda n: f"P{n + 1}")
    description = "Annual service charge"
    unit = "year"
    quantity = Decimal("3.00")


class BidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bid
        exclude = ("content",)

    tender = factory.SubFactory(TenderFactory)
    supplier = factory.SubFactory(SupplierFactory, organisation=factory.SelfAttribute("..tender.organisation"))
    submitted_by = factory.SubFactory(UserFactory)
    status = BidStatus.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)
    receipt_number = factory.Sequence(lambda n: f"R-{n:06d}")
    content = factory.LazyFunction(lambda: {"selection": {}, "quality": {}, "prices": {}, "total_price": "0.00",
                                            "social_value_offer": []})
    receipt_sha256 = factory.LazyAttribute(lambda bid: sealing.sha256_hex(sealing.content_bytes(bid.content)))
    sealed_content = factory.LazyAttribute(
        lambda bid: sealing.seal(bid.tender, sealing.content_bytes(bid.content)))
