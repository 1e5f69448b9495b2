"""What a procurement officer does first: sign in, import a real spend file, read the report, follow a line
to its supplier. And every main page checked with axe-core for serious or critical accessibility problems."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from procure.core.testing import REPOSITORY, shared_data_dir
from procure.organisations.choices import Role
from procure.organisations.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from procure.spend.models import SpendLine
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def _real_spend_file() -> Path:
    real = shared_data_dir() / "spend" / "lancashire_fire_xlsx" / "fire-2025-26-q3.xlsx"
    return real if real.exists() else REPOSITORY / "docs" / "samples" / "spend-small.csv"


def test_officer_imports_a_real_spend_file_and_follows_a_line_to_its_supplier(page):
    organisation = OrganisationFactory(slug="lfrs", name="Lancashire Fire and Rescue")
    officer = UserFactory(username="olivia")
    MembershipFactory(user=officer, organisation=organisation, role=Role.PROCUREMENT_OFFICER)

    sign_in(page, "olivia")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lancashire Fire and Rescue")
    page.get_by_role("link", name="Imports").click()
    page.get_by_role("link", name=re.compile("Import a spend file")).first.click()
    page.get_by_label("Upload a spend file").set_input_files(str(_real_spend_file()))
    page.get_by_role("button", name="Import file").click()

    expect(page.locator(".govuk-panel__title")).to_have_text("Imported")
    lines = SpendLine.objects.filter(organisation=organisation).count()
    assert lines > 10
    expect(page.locator(".govuk-panel__body")).to_contain_text(f"{lines:,} lines")
    expect(page.get_by_text("the lines add up to the file's own total, to the penny")).to_be_visible()

    page.get_by_role("link", name=re.compile(r"See the .* lines of this import")).click()
    first_supplier = page.locator("table.procure-table tbody a[href*='/suppliers/']").first
    supplier_name = first_supplier.inner_text().strip()
    first_supplier.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(supplier_name)
    expect(page).to_have_url(re.compile(r"/o/lfrs/suppliers/\d+/$"))


MAIN_PAGES = [
    "/o/demo/", "/o/demo/contracts/", "/o/demo/contracts/forward-plan/", "/o/demo/contracts/frameworks/",
    "/o/demo/contracts/add/", "/o/demo/suppliers/", "/o/demo/suppliers/add/", "/o/demo/spend/",
    "/o/demo/spend/imports/", "/o/demo/spend/imports/new/", "/o/demo/payees/", "/o/demo/categories/",
    "/o/demo/cpv/", "/o/demo/organisation/", "/o/demo/organisation/people/", "/o/demo/organisation/departments/",
    "/o/demo/audit/", "/help/", "/accessibility/", "/o/demo/dashboard/", "/o/demo/dashboard/lines/?measure=to_review",
    "/o/demo/spend/review/", "/o/demo/spend/thresholds/", "/o/demo/savings/",
    "/o/demo/spend/exclusions/", "/o/demo/tenders/", "/o/demo/tenders/add/", "/o/demo/requests/",
    "/o/demo/requests/add/", "/o/demo/requests/rules/", "/o/demo/board/", "/o/demo/board/add/",
    "/o/demo/social-value/",
]


def test_main_pages_have_no_serious_accessibility_violations(page):
    from django.core.management import call_command

    call_command("demo_build", scale=0.02, stdout=open("/dev/null", "w"))  # noqa: SIM115
    page.goto("/sign-in/")
    problems = {"/sign-in/": axe_violations(page)}
    sign_in(page, "officer", "procure-demo")
    detail_links = []
    for path in MAIN_PAGES:
        response = page.goto(path)
        assert response.status == 200, path
        problems[path] = axe_violations(page)
        if path in ("/o/demo/contracts/", "/o/demo/suppliers/", "/o/demo/spend/imports/", "/o/demo/tenders/",
                    "/o/demo/requests/"):
            detail_links.append(page.locator("table.procure-table tbody a").first.get_attribute("href"))
    for path in detail_links:
        page.goto(path)
        problems[path] = axe_violations(page)
    page.goto("/o/demo/suppliers/add/")
    page.get_by_role("button", name=re.compile("Save|Add")).first.click()
    problems["supplier form with errors"] = axe_violations(page)
    found = {path: found for path, found in problems.items() if found}
    assert not found, "\n".join(f"{path}: {issue}" for path, issues in found.items() for issue in issues)
