from datetime import date

from django.db.models import QuerySet

from procure.organisations.models import Organisation
from procure.suppliers.matching import SupplierNameIndex
from procure.suppliers.models import Supplier, SupplierAlias, SupplierClassification


def supplier_list(*, organisation: Organisation) -> QuerySet[Supplier]:
    return Supplier.objects.filter(organisation=organisation)


def supplier_get(*, organisation: Organisation, supplier_id: int) -> Supplier | None:
    return Supplier.objects.filter(organisation=organisation, pk=supplier_id).first()


def supplier_ids_for_user(*, user, organisation: Organisation) -> set[int]:
    """The suppliers a supplier user signs in for (empty for staff)."""
    return set(Supplier.objects.filter(organisation=organisation, users__user=user).values_list("id", flat=True))


def supplier_classification_on(*, supplier: Supplier, on: date) -> SupplierClassification | None:
    """The size and VCSE status holding on a date: the latest classification from on or before it."""
    return supplier.classifications.filter(valid_from__lte=on).order_by("-valid_from").first()


def supplier_name_index(*, organisation: Organisation) -> SupplierNameIndex:
    """All legal names and aliases of the organisation's suppliers, for matching payee names."""
    entries: list[tuple[str, int, str]] = []
    names = dict(Supplier.objects.filter(organisation=organisation).values_list("id", "name"))
    for supplier_id, normalised in Supplier.objects.filter(organisation=organisation).values_list(
            "id", "normalised_name"):
        entries.append((normalised, supplier_id, names[supplier_id]))
    for supplier_id, normalised in SupplierAlias.objects.filter(supplier__organisation=organisation).values_list(
            "supplier_id", "normalised_name"):
        entries.append((normalised, supplier_id, names[supplier_id]))
    numbers = dict(Supplier.objects.filter(organisation=organisation).exclude(companies_house_number="")
                   .values_list("companies_house_number", "id"))
    return SupplierNameIndex(entries, numbers)
