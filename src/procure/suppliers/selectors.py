from datetime import date

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone

from procure.organisations.models import Organisation
from procure.organisations.selectors import user_has_permission
from procure.suppliers.choices import AliasKind
from procure.suppliers.matching import SupplierNameIndex
from procure.suppliers.models import Supplier, SupplierAlias, SupplierClassification, SupplierImport


def _classification_on(on: date, field: str) -> Subquery:
    latest = SupplierClassification.objects.filter(supplier=OuterRef("pk"), valid_from__lte=on).order_by("-valid_from")
    return Subquery(latest.values(field)[:1])


def supplier_list(*, organisation: Organisation, on: date | None = None) -> QuerySet[Supplier]:
    """The register, each supplier with its size band and VCSE status on a date (today by default):
    `current_size` and `current_is_vcse`, None where it has no classification yet."""
    on = on or timezone.localdate()
    return Supplier.objects.filter(organisation=organisation).annotate(
        current_size=_classification_on(on, "size"), current_is_vcse=_classification_on(on, "is_vcse"))


def suppliers_visible_to(*, user, organisation: Organisation) -> QuerySet[Supplier]:
    """All the register for staff who may read it; for a supplier user, only the suppliers they sign in for."""
    suppliers = supplier_list(organisation=organisation)
    if user_has_permission(user, organisation, "supplier.view"):
        return suppliers
    if user_has_permission(user, organisation, "supplier.view_own"):
        return suppliers.filter(users__user=user)
    return suppliers.none()


def supplier_get_visible(*, user, organisation: Organisation, supplier_id: int) -> Supplier | None:
    """One supplier with its aliases and classifications, or None when it is not there for this user."""
    return (suppliers_visible_to(user=user, organisation=organisation)
            .prefetch_related(*supplier_detail_prefetches()).filter(pk=supplier_id).first())


def supplier_detail_prefetches() -> tuple[Prefetch, ...]:
    return (Prefetch("aliases", queryset=SupplierAlias.objects.order_by("name")),
            Prefetch("classifications", queryset=SupplierClassification.objects.order_by("-valid_from")))


def supplier_get(*, organisation: Organisation, supplier_id: int) -> Supplier | None:
    return supplier_list(organisation=organisation).filter(pk=supplier_id).first()


def supplier_ids_for_user(*, user, organisation: Organisation) -> set[int]:
    """The suppliers a supplier user signs in for (empty for staff)."""
    return set(Supplier.objects.filter(organisation=organisation, users__user=user).values_list("id", flat=True))


def supplier_classification_on(*, supplier: Supplier, on: date) -> SupplierClassification | None:
    """The size and VCSE status holding on a date: the latest classification from on or before it."""
    return supplier.classifications.filter(valid_from__lte=on).order_by("-valid_from").first()


def supplier_name_index(*, organisation: Organisation) -> SupplierNameIndex:
    """All legal names and aliases of the organisation's suppliers, for matching payee names."""
    names = dict(Supplier.objects.filter(organisation=organisation).values_list("id", "name"))
    entries: list[tuple[str, int, str]] = [
        (normalised, supplier_id, names[supplier_id]) for supplier_id, normalised in
        Supplier.objects.filter(organisation=organisation).values_list("id", "normalised_name")]
    entries += [
        (normalised, supplier_id, names[supplier_id]) for supplier_id, normalised in
        SupplierAlias.objects.filter(supplier__organisation=organisation).values_list("supplier_id", "normalised_name")]
    numbers = dict(Supplier.objects.filter(organisation=organisation).exclude(companies_house_number="")
                   .values_list("companies_house_number", "id"))
    decisions = dict(SupplierAlias.objects.filter(supplier__organisation=organisation, kind=AliasKind.PAYEE_DECISION)
                     .order_by("created_at", "id").values_list("normalised_name", "supplier_id"))
    return SupplierNameIndex(entries, numbers, decisions)


def supplier_names_taken(*, organisation: Organisation, normalised: str, exclude_supplier_id: int | None = None
                         ) -> QuerySet[Supplier]:
    """Suppliers already known by a normalised name, as their legal name or an alias."""
    by_name = Supplier.objects.filter(organisation=organisation, normalised_name=normalised)
    by_alias = Supplier.objects.filter(organisation=organisation, aliases__normalised_name=normalised)
    return (by_name | by_alias).exclude(pk=exclude_supplier_id or 0).distinct()


def supplier_import_list(*, organisation: Organisation) -> QuerySet[SupplierImport]:
    return SupplierImport.objects.filter(organisation=organisation).select_related("imported_by")
