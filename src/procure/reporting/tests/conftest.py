import pytest

from procure.organisations.choices import Role
from procure.reporting.tests.handmade import build_hand_made


@pytest.fixture
def budget_holder(user_with_role, organisation):
    return user_with_role(Role.BUDGET_HOLDER, organisation)


@pytest.fixture
def hand_made(organisation):
    """2024/25 for Lancashire: £2,000.00 procurable (£1,750.00 on contract, £750.00 of it collaborative),
    £250.00 off contract with a Manchester cleaner, and a £1,000.00 pension payment left out as not procurable."""
    return build_hand_made(organisation)
