"""Reads of the contracts register and the classifications."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import Case, CharField, Prefetch, Q, QuerySet, Sum, Value, When
from django.db.models.functions import TruncMonth

from procure.contracts.category_matching import CategoryEntry, CategoryMatcher
from procure.contracts.choices import CategoryScheme, ContractStatus
from procure.contracts.models import Category, Contract, ContractImport, CpvCode, Framework
from procure.organisations.models import Organisation, User
from procure.organisations.selectors import user_has_permission
from procure.suppliers.selectors import supplier_ids_for_user


def _parties(organisation: Organisation) -> Q:
    """Contracts the organisation let, and those it takes part in."""
    taking_part = Contract.participating_organisations.through.objects.filter(organisation=organisation)
    return Q(organisation=organisation) | Q(pk__in=taking_part.values("contract_id"))


def with_status(queryset: QuerySet[Contract], *, on: date) -> QuerySet[Contract]:
    """Annotate `status` on a day, in SQL (CON-2 as a CASE expression)."""
    return queryset.annotate(status=Case(
        When(starts_on__gt=on, then=Value(ContractStatus.NOT_STARTED.value)),
        When(final_ends_on__lt=on, then=Value(ContractStatus.EXPIRED.value)),
        When(ends_on__lt=on, then=Value(ContractStatus.EXTENDED.value)),
        default=Value(ContractStatus.LIVE.value), output_field=CharField()))


def filter_status(queryset: QuerySet[Contract], *, status: str, on: date) -> QuerySet[Contract]:
    """Only contracts with this status on the day (CON-2 as a WHERE clause, so indexes help)."""
    conditions = {
        ContractStatus.NOT_STARTED: Q(starts_on__gt=on),
        ContractStatus.EXPIRED: Q(final_ends_on__lt=on),
        ContractStatus.EXTENDED: Q(starts_on__lte=on, ends_on__lt=on, final_ends_on__gte=on),
        ContractStatus.LIVE: Q(starts_on__lte=on, ends_on__gte=on),
    }
    return queryset.filter(conditions[ContractStatus(status)])


def contract_list(*, organisation: Organisation, user: User) -> QuerySet[Contract]:
    """The contracts a user may see in an organisation: all for staff, their own for supplier users."""
    contracts = Contract.objects.filter(_parties(organisation))
    if user_has_permission(user, organisation, "contract.view"):
        return contracts
    if user_has_permission(user, organisation, "contract.view_own"):
        supplier_ids = supplier_ids_for_user(user=user, organisation=organisation)
        own = Contract.suppliers.through.objects.filter(supplier_id__in=supplier_ids)
        return contracts.filter(pk__in=own.values("contract_id"))
    return contracts.none()


def contract_get(*, organisation: Organisation, user: User, contract_id: int) -> Contract | None:
    return (contract_list(organisation=organisation, user=user)
            .select_related("organisation", "department", "owner",
                            "framework").filter(pk=contract_id).first())


def contract_get_for_change(*, organisation: Organisation, contract_id: int) -> Contract | None:
    """A contract the organisation let (only the organisation that let a contract changes it)."""
    return Contract.objects.filter(organisation=organisation, pk=contract_id).first()


def contracts_live_on(*, organisation: Organisation, day: date) -> QuerySet[Contract]:
    """Contracts live on a day, counting exercised extensions: start <= day <= final end."""
    return Contract.objects.filter(_parties(organisation), starts_on__lte=day, final_ends_on__gte=day)


def contracts_expiring_within(*, organisation: Organisation, days: int, today: date) -> QuerySet[Contract]:
    """Contracts whose final end falls from today to `days` ahead, soonest first: the forward plan."""
    return (Contract.objects.filter(_parties(organisation), final_ends_on__gte=today,
                                    final_ends_on__lte=today + timedelta(days=days))
            .order_by("final_ends_on", "reference"))


@dataclass
class ForwardPlanMonth:
    month: date
    contracts: list[Contract]
    annual_value_net: Decimal


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)


def forward_plan(*, organisation: Organisation, today: date, months: int = 18) -> list[ForwardPlanMonth]:
    """Contracts ending in the coming months, grouped by the month they end, with the annual value."""
    days = (add_months(today, months) - today).days
    contracts = (contracts_expiring_within(organisation=organisation, days=days, today=today)
                 .select_related("department").prefetch_related("suppliers"))
    totals = {_as_date(row["month"]): row["total"] or Decimal("0.00") for row in
              contracts.annotate(month=TruncMonth("final_ends_on")).order_by().values("month")
              .annotate(total=Sum("annual_value_net"))}
    months_seen: dict[date, list[Contract]] = {}
    for contract in contracts:
        months_seen.setdefault(contract.final_ends_on.replace(day=1), []).append(contract)
    return [ForwardPlanMonth(month, items, totals.get(month, Decimal("0.00"))) for month,
            items in months_seen.items()]


def _as_date(value) -> date:
    return value.date() if isinstance(value, datetime) else value


def framework_list(*, organisation: Organisation) -> QuerySet[Framework]:
    return Framework.objects.filter(organisation=organisation)


def framework_providers(*, organisation: Organisation) -> list[str]:
    return list(framework_list(organisation=organisation).order_by("provider")
                .values_list("provider", flat=True).distinct())


def category_list(*, scheme: str = CategoryScheme.PROCLASS) -> QuerySet[Category]:
    return Category.objects.filter(scheme=scheme)


def category_search(*, text: str, categories: QuerySet[Category] | None = None) -> QuerySet[Category]:
    """Categories whose code starts with the text, or whose name or path contains it."""
    categories = category_list() if categories is None else categories
    text = text.strip()
    return categories.filter(Q(code__istartswith=text) | Q(name__icontains=text) | Q(path__icontains=text))


def category_tree(*, scheme: str = CategoryScheme.PROCLASS) -> list[Category]:
    """Top-level categories, each with `children` (and theirs) fetched, all in name order: three queries."""
    by_name = Category.objects.order_by("name")
    return list(category_list(scheme=scheme).filter(parent__isnull=True).order_by("name").prefetch_related(
        Prefetch("children", queryset=by_name), Prefetch("children__children", queryset=by_name)))


def category_ancestors(*, category: Category) -> list[Category]:
    """From the top of the tree down to the category's parent."""
    ancestors = []
    parent = category.parent
    while parent is not None:
        ancestors.insert(0, parent)
        parent = parent.parent
    return ancestors


def category_get(*, category_id: int) -> Category | None:
    return Category.objects.select_related("parent__parent").filter(pk=category_id).first()


def category_contracts(*, category: Category, organisation: Organisation, user: User) -> QuerySet[Contract]:
    """A user's contracts in a category or any category beneath it."""
    beneath = Category.objects.filter(scheme=category.scheme).filter(
        Q(pk=category.pk) | Q(path__startswith=f"{category.path} > "))
    chosen = Contract.categories.through.objects.filter(category_id__in=beneath.values("pk"))
    return contract_list(organisation=organisation, user=user).filter(pk__in=chosen.values("contract_id"))


def cpv_search(*, text: str = "", codes: QuerySet[CpvCode] | None = None) -> QuerySet[CpvCode]:
    """CPV codes by leading digits ('3019' finds 30190000-7 and beneath) or words of the description."""
    codes = CpvCode.objects.all() if codes is None else codes
    text = text.strip()
    if not text:
        return codes
    digits = text.replace("-", "")
    if digits.isdigit():
        return codes.filter(code__startswith=digits[:8])
    for word in text.split():
        codes = codes.filter(description__icontains=word)
    return codes


def cpv_codes_get(*, codes: list[str]) -> dict[str, CpvCode]:
    """CPV codes by their first eight digits (check digits are not needed)."""
    query = Q(pk__in=[])
    for digits in {code.replace("-", "").strip()[:8] for code in codes}:
        query |= Q(code__startswith=f"{digits}-")
    return {cpv.code[:8]: cpv for cpv in CpvCode.objects.filter(query)}


_matcher: CategoryMatcher | None = None


def category_matcher() -> CategoryMatcher:
    """The ProClass matcher, built once per process from the database (586 categories held in memory)."""
    global _matcher
    if _matcher is None:
        categories = {category.pk: category for category in category_list().order_by("id")}
        entries = [CategoryEntry(pk, category.code, tuple(category.path.split(" > ")))
                   for pk, category in categories.items()]
        _matcher = CategoryMatcher(entries, categories)
    return _matcher


def category_match_cache_clear() -> None:
    global _matcher
    _matcher = None


def category_match(label: object) -> Category | None:
    """The ProClass category a spend file's category text names, or None when it is not clear which.

    Takes a code ('191400'), a name ('Lifts'), an abbreviated 'TOP : Leaf' label ('FACILITIES MGT : Lifts'),
    a dotted path ('works - construction, repair & maint.buildings.maintenance.planned') or our own
    'Top > Mid > Leaf' path, in any case. Answers are cached, so an import may call it for every line.
    """
    return category_matcher().match(label)


def contract_import_list(*, organisation: Organisation) -> QuerySet[ContractImport]:
    return ContractImport.objects.filter(organisation=organisation).select_related("imported_by")
