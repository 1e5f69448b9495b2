from datetime import date
from decimal import Decimal

import factory

from procure.contracts.choices import CategoryScheme, RouteToMarket
from procure.contracts.models import Category, Contract, ContractExtension, Framework
from procure.organisations.tests.factories import OrganisationFactory
from procure.suppliers.tests.factories import SupplierFactory


class CategoryFactory(factory.django.DjangoModelFactory):
    """An organisation's own category (ProClass is loaded by the migrations)."""

    class Meta:
        model = Category

    scheme = CategoryScheme.LOCAL
    code = factory.Sequence(lambda n: f"L{n:04d}")
    name = factory.Sequence(lambda n: f"Local category {n}")
    level = 1
    path = factory.LazyAttribute(lambda category: category.name)


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Framework

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Facilities Management {n}")
    reference = factory.Sequence(lambda n: f"RM{6000 + n}")
    provider = "Crown Commercial Service"


class ContractFactory(factory.django.DjangoModelFactory):
    """A live own-tender contract, 1 April 2024 to 31 March 2027, with one supplier of its organisation.

    Pass `suppliers=[...]` or `categories=[...]` to choose them; `final_ends_on` follows `ends_on`.
    """

    class Meta:
        model = Contract
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    reference = factory.Sequence(lambda n: f"LC-{n:05d}")
    title = factory.Sequence(lambda n: f"Station cleaning lot {n}")
    route = RouteToMarket.OWN_TENDER
    starts_on = date(2024, 4, 1)
    ends_on = date(2027, 3, 31)
    final_ends_on = factory.LazyAttribute(lambda contract: contract.ends_on)
    total_value_net = Decimal("300000.00")
    total_value_gross = Decimal("360000.00")
    annual_value_net = Decimal("100000.00")
    annual_value_gross = Decimal("120000.00")

    @factory.post_generation
    def suppliers(self, create, extracted, **kwargs):
        if create:
            self.suppliers.set(extracted if extracted is not None else [SupplierFactory(
                organisation=self.organisation)])

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted:
            self.categories.set(extracted)


class ContractExtensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContractExtension

    contract = factory.SubFactory(ContractFactory)
    ends_on = factory.LazyAttribute(lambda extension: date(extension.contract.final_ends_on.year + 1,
                                                           extension.contract.final_ends_on.month, 28))
