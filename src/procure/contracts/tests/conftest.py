from pathlib import Path

import pytest

from procure.contracts.tests.factories import ContractFactory
from procure.core.testing import shared_data_dir
from procure.organisations.choices import Role
from procure.suppliers.tests.factories import SupplierFactory, SupplierUserFactory


@pytest.fixture
def shared_data() -> Path:
    folder = shared_data_dir()
    if not folder.is_dir():
        pytest.skip("The shared sample data folder is not here (set PROCURE_SHARED_DATA)")
    return folder


@pytest.fixture
def supplier(organisation):
    return SupplierFactory(organisation=organisation, name="Pendle Joinery Ltd",
                           companies_house_number="04166647")


@pytest.fixture
def other_supplier(organisation):
    return SupplierFactory(organisation=organisation, name="Ribble Cleaning Services Ltd",
                           companies_house_number="08812345")


@pytest.fixture
def supplier_user(user_with_role, organisation, supplier):
    """A person signing in for `supplier` only."""
    user = user_with_role(Role.SUPPLIER_USER, organisation)
    SupplierUserFactory(user=user, supplier=supplier)
    return user


@pytest.fixture
def contract(organisation, supplier):
    return ContractFactory(organisation=organisation, reference="LC-2024-007", title="Custody suite security",
                           suppliers=[supplier])


@pytest.fixture
def other_contract(organisation, other_supplier):
    """A contract of the same organisation whose supplier is not `supplier`."""
    return ContractFactory(organisation=organisation, reference="LC-2023-001", title="Cleaning of stations",
                           suppliers=[other_supplier])
