from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from procure.organisations.choices import Role
from procure.spend.choices import Coverage
from procure.spend.models import ExclusionRule, SpendLine
from procure.spend.tests.factories import SpendLineFactory


@pytest.fixture
def pension_line(organisation):
    return SpendLineFactory(organisation=organisation, expense_type="Pension contributions",
                            payment_date=date(2025, 5, 1), amount=Decimal("900.00"))


def test_exclusion_page_permission_matrix(client, user_with_role, organisation, other_organisation):
    url = reverse("spend:exclusion_list", args=[organisation.slug])
    assert client.get(url).status_code == 302
    client.force_login(user_with_role(Role.SUPPLIER_USER, organisation))
    assert client.get(url).status_code == 403
    client.force_login(user_with_role(Role.AUDITOR, organisation))
    assert client.get(url).status_code == 200
    client.force_login(user_with_role(Role.AUDITOR, other_organisation))
    assert client.get(url).status_code == 403


def test_officer_adds_an_expense_type_rule_and_the_line_is_left_out(officer_client, organisation, pension_line):
    url = reverse("spend:exclusion_list", args=[organisation.slug])
    response = officer_client.post(url, {"kind": "expense_type", "value": "pension", "reason": "Pensions"},
                                   follow=True)
    assert "now left out of procurable spend" in response.content.decode()
    pension_line.refresh_from_db()
    assert pension_line.coverage == Coverage.NON_PROCURABLE


def test_an_expense_type_rule_needs_its_words(officer_client, organisation):
    response = officer_client.post(reverse("spend:exclusion_list", args=[organisation.slug]),
                                   {"kind": "expense_type", "value": "", "reason": "Pensions"})
    assert response.status_code == 400
    assert "Enter the words the expense type contains" in response.content.decode()
    assert not ExclusionRule.objects.exists()


def test_an_auditor_cannot_add_or_switch_off_rules(client, user_with_role, officer_client, organisation,
                                                    pension_line):
    officer_client.post(reverse("spend:exclusion_list", args=[organisation.slug]),
                        {"kind": "expense_type", "value": "pension", "reason": "Pensions"})
    rule = ExclusionRule.objects.get()
    client.force_login(user_with_role(Role.AUDITOR, organisation))
    assert client.post(reverse("spend:exclusion_list", args=[organisation.slug]),
                       {"kind": "public_body", "reason": "Public bodies"}).status_code == 403
    assert client.post(reverse("spend:exclusion_toggle", args=[organisation.slug, rule.pk])).status_code == 403
    assert ExclusionRule.objects.count() == 1 and ExclusionRule.objects.get().is_active


def test_switching_a_rule_off_counts_the_line_again(officer_client, organisation, pension_line):
    officer_client.post(reverse("spend:exclusion_list", args=[organisation.slug]),
                        {"kind": "expense_type", "value": "pension", "reason": "Pensions"})
    rule = ExclusionRule.objects.get()
    officer_client.post(reverse("spend:exclusion_toggle", args=[organisation.slug, rule.pk]))
    assert SpendLine.objects.get(pk=pension_line.pk).coverage != Coverage.NON_PROCURABLE
