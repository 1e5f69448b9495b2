import pytest
from django.urls import reverse

from procure.organisations.choices import Role

pytestmark = pytest.mark.django_db


def test_the_framework_page_lists_outcomes_with_their_measures_and_units(client, officer, organisation):
    client.force_login(officer)
    page = client.get(reverse("social_value:framework", args=[organisation.slug])).content.decode()
    for text in ("Staff on the contract are paid at least the real Living Wage", "Apprenticeship starts on the "
                 "contract", "tonnes CO2e", "Supporting vulnerable people and victims"):
        assert text in page, text


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.SUPPLIER_USER])
def test_the_framework_page_is_open_to_staff_and_suppliers_of_the_organisation_only(assert_page_access, role,
                                                                                    organisation):
    assert_page_access(reverse("social_value:framework", args=[organisation.slug]), role, None)
