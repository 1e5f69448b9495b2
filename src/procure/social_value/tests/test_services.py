from decimal import Decimal

import pytest
from django.urls import reverse

from procure.contracts.tests.factories import ContractFactory
from procure.core.errors import BusinessRuleViolation
from procure.core.models import AuditEvent
from procure.social_value.models import Commitment
from procure.social_value.selectors import measure_list
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


def test_every_organisation_starts_from_the_framework_of_outcomes_and_measures(organisation):
    measures = list(measure_list(organisation=organisation))
    themes = {measure.outcome.theme for measure in measures}
    assert {"living_wage", "apprenticeships", "local_jobs", "environment", "ethical_sourcing",
            "equality"} <= themes
    assert all(measure.unit for measure in measures)


def test_the_contract_page_shows_its_commitments(client, organisation, officer):
    contract = ContractFactory(organisation=organisation)
    apprentices = measure_list(organisation=organisation).get(code="SV02.1")
    commitments_attach(contract=contract, actor=officer, offer=[
        {"measure_id": apprentices.pk, "description": "Two apprentices from Preston", "target": "2",
         "due_on": "2027-03-31"}])
    client.force_login(officer)
    page = client.get(reverse("contracts:detail", args=[organisation.slug, contract.pk])).content.decode()
    assert "Two apprentices from Preston" in page and "2 people" in page and "31 March 2027" in page
    assert "Apprenticeships and training for local people" in page
