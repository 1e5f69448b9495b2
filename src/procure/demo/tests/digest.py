"""A fingerprint of everything the demo generated, independent of database ids and timestamps."""

import hashlib

from procure.contracts.models import Contract
from procure.organisations.models import Department, Organisation, User
from procure.spend.models import SpendImport, SpendLine
from procure.suppliers.models import Supplier, SupplierAlias, SupplierClassification


def demo_digest() -> str:
    parts = [
        Organisation.objects.order_by("slug").values_list("slug", "name", "kind"),
        Department.objects.order_by("code").values_list("organisation__slug", "code", "name"),
        User.objects.order_by("username").values_list("username", "first_name", "last_name", "email"),
        Supplier.objects.order_by("name").values_list(
            "name", "companies_house_number", "charity_number", "vat_number", "address_line_1", "town",
            "postcode",
            "is_living_wage_accredited", "living_wage_accredited_on", "is_public_body"),
        SupplierClassification.objects.order_by("supplier__name", "valid_from").values_list(
            "supplier__name", "valid_from", "size", "is_vcse"),
        SupplierAlias.objects.order_by("name").values_list("supplier__name", "name", "kind"),
        Contract.objects.order_by("reference").values_list(
            "reference", "title", "route", "framework__name", "department__code", "starts_on", "ends_on",
            "final_ends_on", "annual_value_net", "total_value_gross", "is_managed_by_procurement",
            "collaborative_bodies"),
        Contract.suppliers.through.objects.order_by("contract__reference", "supplier__name").values_list(
            "contract__reference", "supplier__name"),
        Contract.categories.through.objects.order_by("contract__reference", "category__code").values_list(
            "contract__reference", "category__code"),
        SpendImport.objects.order_by("file_name").values_list("file_name", "checksum", "lines", "total"),
        SpendLine.objects.order_by("spend_import__file_name", "line_number").values_list(
            "line_number", "payment_date", "amount", "payee_name", "supplier__name", "category__code",
            "department__code", "invoice_reference", "description"),
    ]
    hasher = hashlib.sha256()
    for rows in parts:
        for row in rows:
            hasher.update(repr(row).encode())
    return hasher.hexdigest()
