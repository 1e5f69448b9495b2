from decimal import Decimal

import pytest

from procure.contracts.tests.factories import ContractFactory
from procure.core.errors import BusinessRuleViolation
from procure.core.models import AuditEvent
from procure.social_value.models import Commitment
from procure.social_value.services import commitments_attach
from procure.social_value.tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db


def test_an_offer_becomes_the_contracts_commitments(organisation, officer):
    contract = ContractFactory(organisation=organisation)
    measure = MeasureFactory(unit="apprentices")
    made = commitments_attach(contract=contract, actor=officer, offer=[
        {"measure_id": measure.pk, "description": "", "target": "2", "due_on": "2027-03-31"},
        {"description": "Tree planting at the training centre", "target": "150", "unit": "trees",
         "due_on": "2028-03-31"},
    ])
    assert [(c.unit, c.target) for c in made] == [("apprentices", Decimal("2.00")), ("trees", Decimal("150.00"))]
    assert made[0].description == measure.name
    assert AuditEvent.objects.filter(action="social_value_commitment.created").count() == 2


def test_one_bad_item_attaches_nothing(organisation, officer):
    contract = ContractFactory(organisation=organisation)
    with pytest.raises(BusinessRuleViolation, match="commitment 2"):
        commitments_attach(contract=contract, actor=officer, offer=[
            {"description": "Local jobs", "target": "3", "unit": "people", "due_on": "2027-03-31"},
            {"description": "Apprentices", "target": "lots", "due_on": "2027-03-31"},
        ])
    assert not Commitment.objects.exists()
