import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from procure.organisations.choices import Role
from procure.sourcing.tests.factories import BidFactory, CriterionFactory, TenderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def _urls(tender):
    return [reverse("api_tender_list", args=[tender.organisation.slug]),
            reverse("api_tender_detail", args=[tender.organisation.slug, tender.pk])]


def test_the_tender_api_permission_matrix(api, organisation, other_organisation, user_with_role):
    tender = TenderFactory(organisation=organisation)
    for url in _urls(tender):
        assert api.get(url).status_code in (401, 403)
        api.force_authenticate(user_with_role(Role.SUPPLIER_USER, organisation))
        assert api.get(url).status_code == 403
        api.force_authenticate(user_with_role(Role.PROCUREMENT_OFFICER, other_organisation))
        assert api.get(url).status_code == 403
        api.force_authenticate(user_with_role(Role.AUDITOR, organisation))
        assert api.get(url).status_code == 200
        api.force_authenticate(None)


def test_the_api_reads_the_set_up_but_never_a_bid(api, officer, organisation):
    tender = TenderFactory(organisation=organisation, title="Fleet tyres")
    CriterionFactory(tender=tender, number="Q1", weight="40")
    BidFactory(tender=tender, content={"total_price": "87654.32", "quality": {"1": "Our tyre method"}})
    api.force_authenticate(officer)
    listing, detail = (api.get(url) for url in _urls(tender))
    assert [row["title"] for row in listing.json()["results"]] == ["Fleet tyres"]
    assert detail.json()["criteria"][0]["weight"] == "40.00"
    assert b"87654.32" not in listing.content + detail.content
    assert b"tyre method" not in listing.content + detail.content
    assert api.post(_urls(tender)[0], {"title": "x"}).status_code in (403, 405)
