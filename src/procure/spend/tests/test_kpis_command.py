"""`procure kpis`: the strategy's KPI block as text, JSON, CSV and XLSX."""

import csv
import io
import json
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from procure.contracts.choices import RouteToMarket
from procure.contracts.tests.factories import ContractFactory
from procure.organisations.tests.factories import OrganisationFactory
from procure.spend.choices import ExclusionKind
from procure.spend.kpis.formats import short_money
from procure.spend.tests.kpi_factories import (
    LANCASHIRE,
    NORTH_WEST,
    ExclusionRuleFactory,
    PostcodeDistrictFactory,
    lines_of,
)
from procure.suppliers.models import PostcodeDistrict
from procure.suppliers.tests.factories import SupplierFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def force(db):
    """£1,000 of procurable spend in 2024/25: £900 on a collaborative contract with a Preston firm, £100 off
    contract; and £50 of pension contributions left out."""
    PostcodeDistrict.objects.all().delete()
    PostcodeDistrictFactory(district="PR4")
    force = OrganisationFactory(slug="lancs", name="Lancashire Constabulary", local_county_code=LANCASHIRE,
                                local_region_code=NORTH_WEST)
    preston = SupplierFactory(organisation=force, postcode="PR4 5SB")
    elsewhere = SupplierFactory(organisation=force, postcode="SW1A 1AA")
    ContractFactory(organisation=force, suppliers=[preston], route=RouteToMarket.COLLABORATIVE)
    ExclusionRuleFactory(organisation=force, kind=ExclusionKind.EXPENSE_TYPE, value="pension", reason="Pensions")
    lines = lines_of(force, [(date(2024, 5, 1), "900.00", preston), (date(2024, 6, 3), "100.00", elsewhere),
                             (date(2024, 6, 3), "50.00", elsewhere)])
    lines[2].expense_type = "Pension contributions"
    lines[2].save()
    return force


def _run(*args) -> str:
    out = StringIO()
    call_command("kpis", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_text_reads_like_the_strategys_block(force):
    text = _run("--organisation", "lancs", "--year", "2024/25")
    assert text.startswith("PROCUREMENT KEY PERFORMANCE INDICATORS (2024/25)\nLancashire Constabulary, as at "
                           "31/03/2025\n")
    for phrase in ("- £1.0k current expenditure on goods and services",
                   "- £900.00 of expenditure currently covered by contracts equating to 90% compliance",
                   "- £100.00 of expenditure to be reviewed", "Contracts managed/overseen by Procurement – 1",
                   "Local spend with suppliers in the North West region is 90% (Lancashire: 90%;",
                   "Collaborative spend with other public sector partners and frameworks is 90%",
                   "Not procurable, and left out of the figures above: £50.00", "- Pensions: £50.00"):
        assert phrase in text


def test_json_has_every_figure_money_as_strings_and_percentages_as_numbers(force):
    data = json.loads(_run("--organisation", "lancs", "--year", "2024/25", "--format", "json"))
    assert (data["total_spend"], data["excluded_spend"], data["contracted_spend"], data["spend_to_review"]) == (
        "1000.00", "50.00", "900.00", "100.00")
    assert (data["compliance_pct"], data["local_spend_pct_county"], data["local_spend_pct_region"]) == (
        90.0, 90.0, 90.0)
    assert (data["collaborative_spend_pct"], data["collaborative_non_ict_pct"], data["sme_spend_pct"],
            data["vcse_spend_pct"], data["contracts_managed"]) == (90.0, 90.0, 0.0, 0.0, 1)
    assert data["savings"]["total"] == "0.00" and data["exclusions"] == [{"reason": "Pensions", "amount": "50.00"}]


def test_csv_has_one_figure_per_row(force, tmp_path):
    target = tmp_path / "kpis.csv"
    _run("--organisation", "lancs", "--year", "2024/25", "--format", "csv", "--output", str(target))
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows[0] == ["figure", "value"]
    values = dict(rows[1:])
    assert (values["total_spend"], values["compliance_pct"], values["excluded: Pensions"]) == (
        "1000.00", "90.0", "50.00")


def test_xlsx_holds_the_figures_and_breakdowns_as_numbers(force, tmp_path):
    target = tmp_path / "kpis.xlsx"
    _run("--organisation", "lancs", "--year", "2024/25", "--format", "xlsx", "--output", str(target))
    workbook = load_workbook(target)
    assert workbook.sheetnames == ["KPIs", "Not procurable", "By category", "By department", "By supplier",
                                   "By month"]
    figures = {row[0]: row[1] for row in workbook["KPIs"].iter_rows(min_row=2, values_only=True)}
    assert (figures["total_spend"], figures["compliance_pct"]) == (1000, 90)
    assert [row[1] for row in workbook["By month"].iter_rows(min_row=2, values_only=True)][1:3] == [900, 100]


def test_a_group_adds_its_organisations_and_the_as_at_date_counts_contracts(force):
    other = OrganisationFactory(slug="cumbria", name="Cumbria Constabulary")
    lines_of(other, [(date(2024, 7, 1), "500.00", SupplierFactory(organisation=other))])
    data = json.loads(_run("--organisation", "lancs", "--organisation", "cumbria", "--year", "2024-25",
                           "--as-at", "01/04/2027", "--format", "json"))
    assert (data["total_spend"], data["contracts_managed"]) == ("1500.00", 0)
    assert data["organisations"] == ["Lancashire Constabulary", "Cumbria Constabulary"]


@pytest.mark.parametrize(("args", "message"), [
    (["--organisation", "nowhere", "--year", "2024/25"], "No organisation with slug 'nowhere'"),
    (["--organisation", "lancs", "--year", "2024/26"], "is not a financial year"),
    (["--organisation", "lancs", "--year", "2024/25", "--as-at", "32/13/2025"], "--as-at"),
    (["--organisation", "lancs", "--year", "2024/25", "--format", "xlsx"], "Give --output FILE.xlsx"),
])
def test_mistakes_are_refused_with_what_to_do(force, args, message):
    with pytest.raises(CommandError, match=message):
        _run(*args)


@pytest.mark.parametrize(("amount", "text"), [
    (Decimal("46100000"), "£46.1M"), (Decimal("950240"), "£950.2k"), (Decimal("12.34"), "£12.34"),
    (Decimal("-1500"), "-£1.5k")])
def test_large_sums_are_written_the_strategys_way(amount, text):
    assert short_money(amount) == text
