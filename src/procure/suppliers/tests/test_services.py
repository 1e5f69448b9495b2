from datetime import date

import pytest
from django.db import transaction

from procure.core.audit import audit_history
from procure.core.errors import BusinessRuleViolation
from procure.core.models import AuditEvent
from procure.suppliers.choices import AliasKind, SupplierSize, SupplierSource
from procure.suppliers.models import Supplier, SupplierAlias, SupplierClassification
from procure.suppliers.selectors import supplier_classification_on, supplier_list
from procure.suppliers.services import (
    PayeeInput,
    payees_resolve,
    supplier_alias_add,
    supplier_classify,
    supplier_create,
    supplier_update,
)
from procure.suppliers.tests.factories import SupplierAliasFactory, SupplierFactory


def test_supplier_create_tidies_fields_and_is_audited(organisation, officer):
    supplier = supplier_create(organisation=organisation, name="  Pendle Joinery Ltd ", actor=officer,
                               companies_house_number="4166647", postcode="bb9 7ab")
    assert (supplier.name, supplier.companies_house_number) == ("Pendle Joinery Ltd", "04166647")
    assert (supplier.postcode, supplier.postcode_district, supplier.normalised_name) == ("BB9 7AB", "BB9",
                                                                                         "PENDLE JOINERY")
    event = audit_history(supplier).get()
    assert (event.action, event.actor) == ("supplier.created", officer)
    assert event.after["companies_house_number"] == "04166647"


def test_supplier_create_with_a_size_records_a_first_classification_from_the_start(organisation, officer):
    supplier = supplier_create(organisation=organisation, name="Small Firm", actor=officer,
                               size=SupplierSize.SMALL, is_vcse=True)
    classification = supplier.classifications.get()
    assert (classification.valid_from, classification.size, classification.is_vcse) == (
        date(2000, 1, 1), SupplierSize.SMALL, True)


def test_a_company_number_belongs_to_one_supplier_only(organisation, officer, supplier):
    with pytest.raises(BusinessRuleViolation, match="SUP-1"):
        supplier_create(organisation=organisation, name="Copycat Ltd", actor=officer,
                        companies_house_number=supplier.companies_house_number)
    assert Supplier.objects.filter(organisation=organisation).count() == 1


def test_supplier_create_refuses_a_postcode_that_is_not_one(organisation, officer):
    with pytest.raises(BusinessRuleViolation, match="SUP-3"):
        supplier_create(organisation=organisation, name="Nowhere Ltd", actor=officer, postcode="NOWHERE")
    assert not Supplier.objects.exists()


def test_supplier_update_records_before_and_after(officer, supplier):
    supplier_update(supplier=supplier, actor=officer, town="Burnley", postcode="bb11 1aa")
    supplier.refresh_from_db()
    assert (supplier.town, supplier.postcode_district) == ("Burnley", "BB11")
    event = AuditEvent.objects.get(action="supplier.updated")
    assert ("town", "Preston", "Burnley") in event.changes


def test_supplier_update_changing_nothing_writes_nothing(officer, supplier):
    supplier_update(supplier=supplier, actor=officer, town=supplier.town)
    assert not AuditEvent.objects.filter(action="supplier.updated").exists()


def test_supplier_update_cannot_take_another_suppliers_company_number(organisation, officer, supplier):
    other = SupplierFactory(organisation=organisation)
    with pytest.raises(BusinessRuleViolation, match="SUP-1"):
        supplier_update(supplier=other, actor=officer, companies_house_number=supplier.companies_house_number)
    other.refresh_from_db()
    assert other.companies_house_number != supplier.companies_house_number


def test_classification_holds_from_its_date_until_the_next(officer, supplier):
    supplier_classify(supplier=supplier, valid_from=date(2020, 4, 1), size=SupplierSize.SMALL, is_vcse=False,
                      actor=officer)
    supplier_classify(supplier=supplier, valid_from=date(2023, 4, 1), size=SupplierSize.MEDIUM, is_vcse=True,
                      actor=officer)
    assert supplier_classification_on(supplier=supplier, on=date(2019, 1, 1)) is None
    assert supplier_classification_on(supplier=supplier, on=date(2023, 3, 31)).size == SupplierSize.SMALL
    on_the_day = supplier_classification_on(supplier=supplier, on=date(2023, 4, 1))
    assert (on_the_day.size, on_the_day.is_vcse) == (SupplierSize.MEDIUM, True)
    current = supplier_list(organisation=supplier.organisation).get(pk=supplier.pk)
    assert (current.current_size, current.current_is_vcse) == (SupplierSize.MEDIUM, True)
    assert AuditEvent.objects.filter(action="supplier.classified").count() == 2


def test_classifying_again_on_the_same_date_replaces_and_the_same_again_does_nothing(officer, supplier):
    for size in (SupplierSize.SMALL, SupplierSize.MICRO, SupplierSize.MICRO):
        supplier_classify(supplier=supplier, valid_from=date(2024, 4, 1), size=size, is_vcse=False, actor=officer)
    assert list(supplier.classifications.values_list("size", flat=True)) == [SupplierSize.MICRO]
    assert AuditEvent.objects.filter(action="supplier.classified").count() == 2


def test_an_alias_is_recorded_once_however_it_is_spelt(officer, supplier):
    first = supplier_alias_add(supplier=supplier, name="Pendle Doors", kind=AliasKind.TRADING_NAME, actor=officer)
    again = supplier_alias_add(supplier=supplier, name="PENDLE DOORS LIMITED", actor=officer)
    assert first == again
    assert supplier.aliases.count() == 1
    assert AuditEvent.objects.filter(action="supplier.alias_added").count() == 1


def test_an_alias_cannot_be_the_legal_name_or_another_suppliers_name(organisation, officer, supplier):
    other = SupplierFactory(organisation=organisation, name="Burnley Glass Ltd")
    with pytest.raises(BusinessRuleViolation, match="already the supplier's legal name"):
        supplier_alias_add(supplier=supplier, name="Pendle Joinery Limited", actor=officer)
    with pytest.raises(BusinessRuleViolation, match="already a name of Burnley Glass"):
        supplier_alias_add(supplier=supplier, name="BURNLEY GLASS", actor=officer)
    assert not SupplierAlias.objects.filter(supplier__in=[supplier, other]).exists()


def _resolve(organisation, *payees):
    return payees_resolve(organisation=organisation, payees=[PayeeInput(*payee) for payee in payees])


def test_payee_with_a_known_company_number_resolves_by_it(organisation, supplier):
    resolution = _resolve(organisation, ("Something Else Entirely", "4166647"))["Something Else Entirely"]
    assert (resolution.supplier_id, resolution.method) == (supplier.pk, "company_number")


def test_payee_with_the_legal_name_resolves_exactly(organisation, supplier):
    resolution = _resolve(organisation, ("PENDLE JOINERY LIMITED",))["PENDLE JOINERY LIMITED"]
    assert (resolution.supplier_id, resolution.method) == (supplier.pk, "exact")


def test_payee_with_an_alias_resolves_to_its_supplier(organisation, supplier):
    SupplierAliasFactory(supplier=supplier, name="Pendle Doors and Windows")
    resolution = _resolve(organisation, ("Pendle Doors & Windows",))["Pendle Doors & Windows"]
    assert (resolution.supplier_id, resolution.method) == (supplier.pk, "exact")


def test_payee_spelt_a_little_differently_links_and_is_remembered_as_an_alias(organisation, officer):
    supplier = SupplierFactory(organisation=organisation, name="Lancashire Engineering Services Ltd")
    resolutions = payees_resolve(organisation=organisation, actor=officer,
                                 payees=[PayeeInput("Lancashire Enginering Services")])
    assert (resolutions["Lancashire Enginering Services"].supplier_id,
            resolutions["Lancashire Enginering Services"].method) == (supplier.pk, "fuzzy")
    alias = supplier.aliases.get()
    assert (alias.name, alias.kind) == ("Lancashire Enginering Services", AliasKind.PAYEE_MATCH)
    assert _resolve(organisation, ("LANCASHIRE ENGINERING SERVICES",))[
        "LANCASHIRE ENGINERING SERVICES"].method == "exact"


def test_uncertain_payee_goes_to_review_with_ranked_suggestions_and_creates_nothing(organisation):
    gedling = SupplierFactory(organisation=organisation, name="Gedling Village Ltd")
    SupplierFactory(organisation=organisation, name="Aegis Residential Care Homes Ltd")
    before = Supplier.objects.count()
    resolution = _resolve(organisation, ("Gedling Village Care Home",))["Gedling Village Care Home"]
    assert (resolution.supplier_id, resolution.method) == (None, "review")
    assert resolution.suggestions[0].supplier_id == gedling.pk
    assert Supplier.objects.count() == before


def test_unknown_payee_becomes_an_unverified_supplier(organisation, officer):
    resolutions = payees_resolve(organisation=organisation, actor=officer,
                                 payees=[PayeeInput("Zebra Crossing Painters", "SC123456"),
                                         PayeeInput("Zebra Crossing Painters", "SC123456")])
    supplier = Supplier.objects.get(pk=resolutions["Zebra Crossing Painters"].supplier_id)
    assert resolutions["Zebra Crossing Painters"].method == "new"
    assert (supplier.is_verified, supplier.source, supplier.companies_house_number) == (
        False, SupplierSource.SPEND_FILE, "SC123456")
    assert AuditEvent.objects.filter(action="supplier.created", actor=officer).count() == 1


def test_unknown_payee_with_a_malformed_company_number_is_created_without_it(organisation):
    resolution = _resolve(organisation, ("Odd Number Ltd", "12-AB"))["Odd Number Ltd"]
    assert Supplier.objects.get(pk=resolution.supplier_id).companies_house_number == ""


def test_payee_resolution_creates_nothing_when_the_callers_transaction_rolls_back(organisation):
    supplier = SupplierFactory(organisation=organisation, name="Lancashire Engineering Services Ltd")
    with pytest.raises(RuntimeError), transaction.atomic():
        _resolve(organisation, ("Brand New Payee Ltd",), ("Lancashire Enginering Services",))
        raise RuntimeError("the spend import failed")
    assert list(Supplier.objects.values_list("pk", flat=True)) == [supplier.pk]
    assert not SupplierAlias.objects.exists()
    assert not SupplierClassification.objects.exists()


def test_a_persons_payee_decision_is_recorded_even_for_a_shared_name_and_settles_the_tie(organisation, officer):
    first = SupplierFactory(organisation=organisation, name="Acme Ltd")
    SupplierFactory(organisation=organisation, name="ACME LIMITED")
    assert _resolve(organisation, ("Acme",))["Acme"].method == "review"
    supplier_alias_add(supplier=first, name="Acme", kind=AliasKind.PAYEE_DECISION, actor=officer)
    resolution = _resolve(organisation, ("ACME",))["ACME"]
    assert (resolution.supplier_id, resolution.method) == (first.pk, "exact")


def test_confirming_an_automatic_alias_makes_it_a_decision(organisation, officer, supplier):
    alias = SupplierAliasFactory(supplier=supplier, name="Pendle Doors", kind=AliasKind.PAYEE_MATCH)
    assert supplier_alias_add(supplier=supplier, name="PENDLE DOORS", kind=AliasKind.PAYEE_DECISION,
                              actor=officer) == alias
    alias.refresh_from_db()
    assert alias.kind == AliasKind.PAYEE_DECISION
    assert AuditEvent.objects.filter(action="supplier.alias_confirmed", actor=officer).exists()
