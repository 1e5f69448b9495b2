"""From a department's need to a signed contract, in the browser: the need, the board's approval, the tender set
up and published, two suppliers bidding, the opening by two officers, evaluation and moderation, award,
standstill and the contract in the register.

Time passes twice in this journey (the submission deadline, then the standstill). The test moves those dates
into the past in the database, as the calendar would, rather than waiting."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from procure.organisations.choices import Role
from procure.organisations.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from procure.sourcing.choices import TenderStatus
from procure.sourcing.models import Tender
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def _person(username, role, organisation):
    user = UserFactory(username=username)
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user


def _fill_date(page, legend, day):
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def set_up_and_publish(page, *, title):
    """On a draft tender's page: a criterion, social value, a price item, a document, the timetable; publish."""
    page.get_by_role("link", name="Add a quality criterion").click()
    page.get_by_label("Number").fill("Q1")
    page.get_by_label("Title").fill("Method statement")
    page.get_by_label("Question", exact=True).fill("How will you deliver the service?")
    page.get_by_label("Weight (% of the total score)").fill("36")
    page.get_by_label("Minimum mark (optional)").fill("2")
    page.get_by_role("button", name="Add criterion").click()
    page.get_by_role("link", name="Add a quality criterion").click()
    page.get_by_label("Number").fill("Q2")
    page.get_by_label("Title").fill("Social value")
    page.get_by_label("Question", exact=True).fill("What social value will you deliver in Lancashire?")
    page.get_by_label("Weight (% of the total score)").fill("4")
    page.get_by_label("This is a social value criterion").check()
    page.get_by_role("button", name="Add criterion").click()
    page.get_by_role("link", name="Add an item to the price schedule").click()
    page.get_by_label("Number").fill("P1")
    page.get_by_label("Description").fill("Annual service charge")
    page.get_by_label("Unit").fill("year")
    page.get_by_label("Quantity").fill("3")
    page.get_by_role("button", name="Add item").click()
    page.get_by_role("link", name="Add a document").click()
    page.get_by_label("Title").fill("Specification")
    page.get_by_label("File").set_input_files(files=[{"name": "specification.txt", "mimeType": "text/plain",
                                                      "buffer": b"Clean the custody suites daily."}])
    page.get_by_role("button", name="Add document").click()
    page.get_by_role("link", name="Change the timetable").click()
    today = timezone.localdate()
    _fill_date(page, "Clarification deadline", today + timedelta(days=10))
    _fill_date(page, "Submission deadline", today + timedelta(days=20))
    _fill_date(page, "Planned award date", today + timedelta(days=35))
    _fill_date(page, "Contract start date", today + timedelta(days=70))
    _fill_date(page, "Contract end date", today + timedelta(days=70 + 3 * 365))
    page.get_by_role("button", name="Save timetable").click()
    expect(page.get_by_text("Timetable saved")).to_be_visible()
    page.get_by_role("link", name="Check and publish").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the tender before publishing")
    page.get_by_role("button", name="Publish tender").click()
    expect(page.get_by_text(re.compile("published: suppliers can now bid"))).to_be_visible()
    return Tender.objects.get(title=title)


def test_officer_sets_up_and_publishes_a_tender(page):
    organisation = OrganisationFactory(slug="lancs", name="Lancashire Constabulary")
    _person("olivia", Role.PROCUREMENT_OFFICER, organisation)
    sign_in(page, "olivia")
    page.goto("/o/lancs/tenders/")
    page.get_by_role("link", name="Set up a tender").click()
    page.get_by_label("Title").fill("Custody suite cleaning")
    page.get_by_label("Estimated value (including VAT)").fill("£180,000")
    page.get_by_role("button", name="Create draft tender").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Custody suite cleaning")
    tender = set_up_and_publish(page, title="Custody suite cleaning")
    assert tender.status == TenderStatus.PUBLISHED and tender.sealed_key
