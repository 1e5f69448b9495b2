"""What a person exploring the demo would notice: real places, working sign-ins, plausible spend."""

from decimal import Decimal

import pytest
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Sum
from django.test import override_settings

from procure.contracts.choices import RouteToMarket
from procure.contracts.models import Contract, Framework
from procure.core.models import AuditEvent
from procure.demo.generator.geography import districts
from procure.demo.generator.plan import YEARS, DemoSize
from procure.demo.services import demo_build
from procure.demo.tests.conftest import FAST_HASHERS, SMALL
from procure.organisations.models import Membership, Organisation, User
from procure.spend.choices import Coverage
from procure.spend.kpis.selectors import kpi_block
from procure.spend.models import SpendImport, SpendLine
from procure.suppliers.matching import name_variants
from procure.suppliers.models import Supplier, SupplierClassification
from procure.suppliers.rules import is_valid_postcode, postcode_district

pytestmark = pytest.mark.django_db
NORTH_WEST = {d.district for d in districts() if d.is_north_west}


@pytest.fixture(scope="module", autouse=True)
def built(django_db_setup, django_db_blocker):
    """One small demo for every test here, rolled back when they are done."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield demo_build(scale=SMALL, seed=3)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _procurable(year):
    return SpendLine.objects.filter(supplier__is_public_body=False,
                                    payment_date__range=(year.starts_on, year.ends_on))


def _contracted(lines):
    live = Contract.objects.filter(
        suppliers=OuterRef("supplier_id"), starts_on__lte=OuterRef("payment_date"),
        final_ends_on__gte=OuterRef("payment_date"), categories=OuterRef("category_id"))
    return lines.filter(Exists(live))


def _total(lines) -> Decimal:
    return lines.aggregate(total=Sum("amount"))["total"] or Decimal(0)


def test_the_force_its_commissioner_and_partners_exist():
    demo = Organisation.objects.get(slug="demo")
    assert demo.name == "Demo Constabulary" and demo.kind == "police_force"
    assert (demo.local_county_code, demo.local_region_code) == ("E10000017", "E12000002")
    partners = set(demo.partners.values_list("slug", flat=True))
    assert {"demo-pcc", "demo-cumbria", "demo-merseyside"} <= partners
    assert {"Estates", "ICT", "HR", "Learning & Development", "HQ Crime", "Fleet", "Custody",
            "Operations"} <= set(
        demo.departments.values_list("name", flat=True))


def test_every_postcode_is_valid_and_in_a_vendored_district():
    known = {d.district for d in districts()}
    for postcode, district in Supplier.objects.values_list("postcode", "postcode_district"):
        assert is_valid_postcode(postcode), postcode
        assert postcode_district(postcode) == district and district in known, postcode


def test_about_three_in_five_suppliers_are_in_the_north_west_and_a_third_of_those_in_lancashire():
    suppliers = list(Supplier.objects.values_list("postcode_district", flat=True))
    north_west = [d for d in suppliers if d in NORTH_WEST]
    lancashire = {d.district for d in districts() if d.area == "lancashire"}
    assert 0.55 <= len(north_west) / len(suppliers) <= 0.65
    assert 0.2 <= sum(d in lancashire for d in north_west) / len(north_west) <= 0.45


@pytest.mark.parametrize(("username", "role"), [
    ("admin", "administrator"), ("officer", "procurement_officer"), ("budget", "budget_holder"),
    ("board", "board_member"), ("evaluator", "evaluator"), ("auditor", "auditor"),
    ("supplier", "supplier_user"),
])
def test_each_role_has_a_sign_in_with_the_demo_password(client, username, role):
    assert client.login(username=username, password="procure-demo")
    assert Membership.objects.filter(user__username=username, organisation__slug="demo", role=role).exists()
    assert User.objects.get(username=username).get_full_name().count(" ") == 1


def test_a_wrong_password_does_not_sign_in(client):
    assert not client.login(username="officer", password="procure-demo-wrong")


def test_the_supplier_sign_in_belongs_to_a_supplier_with_contracts():
    supplier = Supplier.objects.get(users__user__username="supplier")
    assert supplier.contracts.exists()


@pytest.mark.parametrize("year", YEARS, ids=lambda year: year.label)
def test_procurable_spend_each_year_is_the_scaled_46_million(year):
    total = _total(_procurable(year))
    assert abs(total - Decimal(46_000_000 * SMALL)) <= Decimal(46_000_000 * SMALL * 0.05)
    lines = SpendLine.objects.filter(payment_date__range=(year.starts_on, year.ends_on))
    assert 0.8 * DemoSize(SMALL).lines_per_year <= lines.count() <= 1.2 * DemoSize(SMALL).lines_per_year
    assert lines.filter(supplier__is_public_body=True).exists()
    assert lines.filter(amount__lt=0).exists()


@pytest.mark.parametrize("year", YEARS, ids=lambda year: year.label)
def test_about_three_fifths_of_spend_goes_to_north_west_suppliers(year):
    lines = _procurable(year)
    share = _total(lines.filter(supplier__postcode_district__in=NORTH_WEST)) / _total(lines)
    assert abs(share - Decimal("0.60")) <= Decimal("0.03")


@pytest.mark.parametrize("year", YEARS, ids=lambda year: year.label)
def test_nine_tenths_of_spend_is_on_contract_and_more_than_two_thirds_collaborative(year):
    lines = _procurable(year)
    contracted = _contracted(lines)
    assert abs(_total(contracted) / _total(lines) - Decimal("0.90")) <= Decimal("0.03")
    collaborative = Contract.objects.filter(
        suppliers=OuterRef("supplier_id"), starts_on__lte=OuterRef("payment_date"),
        final_ends_on__gte=OuterRef("payment_date"), categories=OuterRef("category_id"),
        route__in=[RouteToMarket.FRAMEWORK_CALL_OFF, RouteToMarket.COLLABORATIVE])
    share = _total(contracted.filter(Exists(collaborative))) / _total(lines)  # of all procurable spend (KPI-7)
    assert abs(share - Decimal("0.69")) <= Decimal("0.03")


@pytest.mark.parametrize("year", YEARS, ids=lambda year: year.label)
def test_the_kpi_block_reads_like_the_strategys(year):
    """About 90% compliance, 60% in the North West and 69% collaborative, the exclusions listed."""
    demo = Organisation.objects.get(slug="demo")
    block = kpi_block(organisations=[demo], year=year)
    assert abs(block.total_spend - Decimal(46_000_000 * SMALL)) <= Decimal(46_000_000 * SMALL * 0.05)
    assert abs(block.compliance_pct - 90) <= 3 and abs(block.collaborative_spend_pct - 69) <= 3
    assert abs(block.local_spend_pct_region - 60) <= 4 and block.local_unknown_spend == 0
    assert block.excluded_spend == _total(SpendLine.objects.filter(
        supplier__is_public_body=True, payment_date__range=(year.starts_on, year.ends_on)))
    assert "Pension contributions" in dict(block.exclusions) and block.contracts_managed > 0
    assert abs(block.savings.total - Decimal(1_650_000 * SMALL)) <= Decimal(1_650_000 * SMALL * 0.1)


def test_every_line_is_decided_when_the_build_ends():
    assert not SpendLine.objects.filter(coverage=Coverage.UNDECIDED).exists()
    assert SpendLine.objects.filter(coverage=Coverage.CONTRACT_ENDED).exists()
    assert SpendLine.objects.filter(coverage=Coverage.CATEGORY_NOT_COVERED).exists()


def test_contracts_use_every_route_to_market():
    assert set(Contract.objects.values_list("route", flat=True)) == set(RouteToMarket.values)
    call_offs = Contract.objects.filter(route=RouteToMarket.FRAMEWORK_CALL_OFF)
    assert not call_offs.filter(framework__isnull=True).exists()
    jointly_let = Contract.objects.filter(route=RouteToMarket.COLLABORATIVE)
    assert jointly_let.exists() and not jointly_let.filter(collaborative_bodies="").exists()


def test_some_contracts_that_expired_in_2024_25_are_still_paid():
    expired = Contract.objects.filter(final_ends_on__range=(YEARS[0].starts_on, YEARS[0].ends_on))
    paid_after = SpendLine.objects.filter(
        Exists(expired.filter(suppliers=OuterRef("supplier_id"), final_ends_on__lt=OuterRef("payment_date"))))
    assert paid_after.exists()


def test_contract_values_are_net_and_gross_with_vat_and_some_are_extended():
    for contract in Contract.objects.all():
        with_vat = (contract.annual_value_net * Decimal("1.2")).quantize(Decimal("0.01"))
        assert contract.annual_value_gross == with_vat
        assert contract.total_value_net >= contract.annual_value_net * Decimal("0.9")
    assert Contract.objects.filter(extensions__is_exercised=False).exists()
    assert Contract.objects.filter(final_ends_on__gt=F("ends_on"), extensions__is_exercised=True).exists()
    assert Contract.objects.filter(is_managed_by_procurement=True).count() > Contract.objects.count() * 0.7


def test_frameworks_come_from_the_public_buying_organisations():
    providers = set(Framework.objects.values_list("provider", flat=True))
    assert {"Crown Commercial Service", "Bluelight Commercial", "YPO", "ESPO",
            "North West Police Procurement Collaboration"} == providers


def test_payee_names_are_spelt_like_the_supplier_even_when_written_differently():
    lines = SpendLine.objects.select_related("supplier")
    assert lines.exclude(payee_name=F("supplier__name")).exists()
    aliases = {}
    for supplier in Supplier.objects.prefetch_related("aliases"):
        aliases[supplier.pk] = {supplier.normalised_name,
                                *(a.normalised_name for a in supplier.aliases.all())}
    for payee, supplier_id in lines.values_list("payee_name", "supplier_id").distinct():
        assert set(name_variants(payee)) & aliases[supplier_id], payee


def test_register_holds_company_numbers_charities_sizes_and_public_bodies():
    suppliers = Supplier.objects.all()
    assert suppliers.exclude(companies_house_number="").count() > suppliers.count() * 0.7
    assert suppliers.exclude(charity_number="").exists()
    assert suppliers.filter(is_living_wage_accredited=True).exists()
    assert suppliers.filter(is_public_body=True, name="HM Revenue & Customs").exists()
    vcse = SupplierClassification.objects.filter(is_vcse=True).values("supplier").distinct().count()
    assert 0.03 <= vcse / suppliers.count() <= 0.08
    changed = SupplierClassification.objects.filter(valid_from__gte=YEARS[0].starts_on)
    assert changed.exists() and all(c.supplier.classifications.count() == 2 for c in changed)


def test_every_supplier_and_contract_has_its_creation_audited():
    assert AuditEvent.objects.filter(action="supplier.created").count() == Supplier.objects.count()
    assert AuditEvent.objects.filter(action="contract.created").count() == Contract.objects.count()
    assert AuditEvent.objects.filter(action="role.granted").count() == 7
    assert AuditEvent.objects.filter(action="organisation.created").count() == 5
    event = AuditEvent.objects.filter(action="contract.created").first()
    assert event.actor_name == "system" and event.after["suppliers"]


def test_each_year_is_one_import_loaded_by_the_system():
    imports = SpendImport.objects.order_by("file_name")
    assert [i.file_name for i in imports] == ["demo-ledger-2024-25.csv", "demo-ledger-2025-26.csv"]
    for spend_import in imports:
        assert spend_import.uploaded_by is None and spend_import.status == "completed"
        assert spend_import.lines == SpendLine.objects.filter(spend_import=spend_import).count()
        assert spend_import.totals_agree
