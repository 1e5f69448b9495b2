import pytest

from procure.organisations.choices import Role
from procure.suppliers.tests.factories import SupplierFactory, SupplierUserFactory


@pytest.fixture
def supplier(organisation):
    return SupplierFactory(organisation=organisation, name="Pendle Joinery Ltd", companies_house_number="04166647")


@pytest.fixture
def supplier_user(user_with_role, organisation, supplier):
    """A person signing in for `supplier` only."""
    user = user_with_role(Role.SUPPLIER_USER, organisation)
    SupplierUserFactory(user=user, supplier=supplier)
    return user
