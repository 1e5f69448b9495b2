"""A department's need in the browser: a budget holder raises and submits it, procurement puts it on the
Strategic Procurement Board's agenda, a board member approves it with conditions, and procurement sets up a
tender from it. Every page on the way is checked with axe-core for serious or critical problems."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from procure.organisations.choices import Role
from procure.organisations.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from procure.sourcing.choices import RequestStatus
from procure.sourcing.models import ProcurementRequest
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def _person(username, role, organisation):
    user = UserFactory(username=username)
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user


def _check(page, problems):
    problems[page.url] = axe_violations(page)


def raise_need(page, problems, *, title="Custody suite cleaning"):
    """As a budget holder (signed in): raise a need, try it empty first, then submit it."""
    page.goto("/o/lancs/requests/")
    _check(page, problems)
    page.get_by_role("link", name="Raise a need").click()
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    _check(page, problems)
    page.get_by_label("What is needed").fill(title)
    page.get_by_label("Why it is needed").fill("The current contract ends in March")
    page.get_by_label("Services").check()
    page.get_by_label("Estimated whole-life value (including VAT)").fill("£180,000")
    page.get_by_label("Budget code").fill("EST-2201")
    wanted = timezone.localdate() + timedelta(days=120)
    group = page.get_by_role("group", name="Wanted by")
    group.get_by_label("Day").fill(str(wanted.day))
    group.get_by_label("Month").fill(str(wanted.month))
    group.get_by_label("Year").fill(str(wanted.year))
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_text("If submitted today")).to_be_visible()
    _check(page, problems)
    page.get_by_role("button", name="Submit the need").click()
    expect(page.get_by_text(re.compile("waits for the Strategic Procurement Board"))).to_be_visible()


def put_on_the_agenda(page, problems):
    """As a procurement officer: schedule a board meeting and put the pending needs on its agenda."""
    page.goto("/o/lancs/board/")
    page.get_by_role("link", name="Schedule a meeting").click()
    page.get_by_label("Date").fill((timezone.localdate() + timedelta(days=7)).strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Schedule meeting").click()
    page.get_by_role("button", name="Add all 1 to the agenda").click()
    expect(page.get_by_text("1 item added to the agenda")).to_be_visible()
    _check(page, problems)


def board_approves(page, problems):
    """As a board member: open the meeting, try an empty decision, then approve with conditions."""
    page.goto("/o/lancs/board/")
    page.get_by_role("link", name="Strategic Procurement Board").last.click()
    page.get_by_role("link", name=re.compile("Record decision")).click()
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("Choose the board's decision").first).to_be_visible()
    _check(page, problems)
    page.get_by_label("Approve with conditions").check()
    page.get_by_label("Conditions", exact=True).fill("Include a social value criterion")
    page.get_by_label("Minutes").fill("The board agreed the route")
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text(re.compile("Decision recorded: Approve with conditions"))).to_be_visible()
    _check(page, problems)


def tender_from_need(page, problems):
    """As a procurement officer: from the approved need's page, set up its draft tender."""
    need = ProcurementRequest.objects.get()
    page.goto(f"/o/lancs/requests/{need.pk}/")
    expect(page.get_by_text("Board: Approve with conditions", exact=False)).to_be_visible()
    _check(page, problems)
    page.get_by_role("button", name="Set up a tender").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Custody suite cleaning")
    need.refresh_from_db()
    assert need.status == RequestStatus.IN_TENDER


def assert_accessible(problems):
    found = {path: found for path, found in problems.items() if found}
    assert not found, "\n".join(f"{path}: {issue}" for path, issues in found.items() for issue in issues)


def test_a_need_goes_through_the_board_to_a_tender(page):
    organisation = OrganisationFactory(slug="lancs", name="Lancashire Constabulary")
    for username, role in (("bella", Role.BUDGET_HOLDER), ("olivia", Role.PROCUREMENT_OFFICER),
                           ("bram", Role.BOARD_MEMBER)):
        _person(username, role, organisation)
    problems: dict[str, list] = {}
    sign_in(page, "bella")
    raise_need(page, problems)
    page.context.clear_cookies()
    sign_in(page, "olivia")
    put_on_the_agenda(page, problems)
    page.goto("/o/lancs/requests/rules/")
    _check(page, problems)
    page.context.clear_cookies()
    sign_in(page, "bram")
    board_approves(page, problems)
    page.context.clear_cookies()
    sign_in(page, "olivia")
    tender_from_need(page, problems)
    assert_accessible(problems)
