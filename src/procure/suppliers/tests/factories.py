import factory

from procure.organisations.tests.factories import OrganisationFactory, UserFactory
from procure.suppliers.choices import AliasKind, SupplierSize
from procure.suppliers.matching import normalise_name
from procure.suppliers.models import Supplier, SupplierAlias, SupplierClassification, SupplierUser
from procure.suppliers.rules import postcode_district


class SupplierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Supplier

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Ribble Valley Supplies {n} Ltd")
    normalised_name = factory.LazyAttribute(lambda supplier: normalise_name(supplier.name))
    companies_house_number = factory.Sequence(lambda n: f"{10000000 + n:08d}")
    town = "Preston"
    postcode = "PR4 5SB"
    postcode_district = factory.LazyAttribute(lambda supplier: postcode_district(supplier.postcode))
    is_verified = True


class SupplierClassificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupplierClassification

    supplier = factory.SubFactory(SupplierFactory)
    valid_from = factory.Faker("date_between", start_date="-5y", end_date="-1y")
    size = SupplierSize.SMALL
    is_vcse = False


class SupplierAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupplierAlias

    supplier = factory.SubFactory(SupplierFactory)
    name = factory.Sequence(lambda n: f"Trading Name {n}")
    normalised_name = factory.LazyAttribute(lambda alias: normalise_name(alias.name))
    kind = AliasKind.TRADING_NAME


class SupplierUserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupplierUser

    user = factory.SubFactory(UserFactory)
    supplier = factory.SubFactory(SupplierFactory)
