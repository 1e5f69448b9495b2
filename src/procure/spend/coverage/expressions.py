"""The coverage rules as SQL expressions over a spend line, for one set-based UPDATE (no loop over lines).

Every expression here is written for the line being decided: `OuterRef` reaches the line's own columns from
inside a subquery, `nested(name, depth)` from deeper inside. They read only the line's own columns, so they
can stand in the SET clause of an UPDATE on SQLite and PostgreSQL alike.
"""

from django.db.models import (
    BigIntegerField,
    Case,
    CharField,
    Exists,
    F,
    Func,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, ExtractDay, ExtractMonth, ExtractYear

from procure.contracts.models import Category, Contract
from procure.spend.choices import Coverage, ExclusionKind
from procure.spend.kpis.expressions import subtree_ids
from procure.spend.models import ExclusionRule
from procure.suppliers.models import Supplier

# ProClass has three levels; an organisation's own tree may have one more. A category's rules reach this deep.
ANCESTOR_PATHS = ("parent_id", "parent__parent_id", "parent__parent__parent_id")
_KIND_ORDER = {ExclusionKind.SUPPLIER: 0, ExclusionKind.EXPENSE_TYPE: 1, ExclusionKind.CATEGORY: 2,
               ExclusionKind.PUBLIC_BODY: 3}


def nested(name: str, depth: int):
    """The line's column `name` seen from a subquery `depth` levels below the line (0: the line itself)."""
    if depth == 0:
        return F(name)
    reference = OuterRef(name)
    for _level in range(depth - 1):
        reference = OuterRef(reference)
    return reference


def category_and_ancestors(depth: int) -> list:
    """The line's category and every category above it, as expressions usable `depth` levels down."""
    ancestors = [Subquery(Category.objects.filter(pk=nested("category_id", depth + 1)).order_by().values(path)[:1])
                 for path in ANCESTOR_PATHS]
    return [nested("category_id", depth), *ancestors]


def active_exclusion_rules() -> list[ExclusionRule]:
    """Every organisation's active exclusion rules, the most specific first: a named supplier, an expense
    type (what the payment is for), a category, then the catch-all for public bodies."""
    rules = ExclusionRule.objects.filter(is_active=True).order_by("organisation_id", "pk")
    return sorted(rules, key=lambda rule: (_KIND_ORDER[rule.kind], rule.pk))


def _matches(rule: ExclusionRule) -> Q:
    """COV-1 for one rule, on the line's own columns (a handful of rules, so a plain condition each)."""
    nothing = Q(pk__in=[])
    if rule.kind == ExclusionKind.EXPENSE_TYPE:
        condition = Q(expense_type__icontains=rule.value) if rule.value else nothing
    elif rule.kind == ExclusionKind.CATEGORY:
        condition = Q(category_id__in=subtree_ids([rule.category_id])) if rule.category_id else nothing
    elif rule.kind == ExclusionKind.SUPPLIER:
        condition = Q(supplier_id=rule.supplier_id) if rule.supplier_id else nothing
    else:
        condition = Q(supplier_id__in=Supplier.objects.filter(
            organisation_id=rule.organisation_id, is_public_body=True).order_by().values("pk"))
    return Q(organisation_id=rule.organisation_id) & condition


def exclusion(rules: list[ExclusionRule]) -> tuple[Q, Case | Value]:
    """Whether a line is non-procurable (COV-1), and the first rule that says so."""
    if not rules:
        return Q(pk__in=[]), Value(None, output_field=BigIntegerField())
    conditions = [(rule.pk, _matches(rule)) for rule in rules]
    excluded = Q()
    for _pk, condition in conditions:
        excluded |= condition
    which = Case(*(When(condition, then=Value(pk)) for pk, condition in conditions), default=None,
                 output_field=BigIntegerField())
    return excluded, which


def _category_fits() -> Q:
    """COV-3 (categories): the contract lists no categories, or lists the line's category or one above it.

    One test per level, nearest first, so that the databases stop at the first that holds: most lines are in
    a category their contract lists, and the categories above are then never looked up.
    """
    through = Contract.categories.through.objects.filter(contract_id=OuterRef("pk"))
    fits = ~Exists(through)
    for category in category_and_ancestors(2):
        fits |= Exists(through.filter(category_id=category))
    return fits


def _same_supplier_elsewhere():
    """The line's supplier as another organisation's register holds it (SUP matching): the same normalised
    name, or the same company number."""
    line_supplier = Supplier.objects.filter(pk=nested("supplier_id", 3)).order_by()
    number = Subquery(line_supplier.values("companies_house_number")[:1])
    name = Subquery(line_supplier.values("normalised_name")[:1])
    return Supplier.objects.filter(
        Q(normalised_name=name) | Q(companies_house_number=number) & ~Q(companies_house_number="")
    ).order_by().values("pk")


def candidate_contracts(*, with_participations: bool) -> QuerySet[Contract]:
    """Contracts with the line's supplier: the organisation's own, and (when asked) those it takes part in.

    A supplier belongs to one organisation's register and a contract's suppliers to the contract's
    organisation (CON rules), so a contract holding the line's supplier is the organisation's own: found
    through the supplier alone, by its index.
    """
    own = Q(suppliers=OuterRef("supplier_id"))
    if not with_participations:
        return Contract.objects.filter(own)
    shared = Q(participating_organisations=OuterRef("organisation_id"), suppliers__in=_same_supplier_elsewhere())
    return Contract.objects.filter(own | shared)


# A candidate's sort key as one integer, so that the best candidate is a MIN (SQLite refuses references to the
# line in a subquery's ORDER BY): rank * 10^18 + tie-break date * 10^10 + contract id.
RANK_UNIT, DATE_UNIT = 10**18, 10**10
_OUTCOMES = (Coverage.COVERED, Coverage.CONTRACT_ENDED, Coverage.CONTRACT_NOT_STARTED,
             Coverage.CATEGORY_NOT_COVERED, Coverage.CONTRACT_ENDED, Coverage.CONTRACT_NOT_STARTED)


def _day_number(field: str):
    """A date as the integer yyyymmdd, portable across databases (PostgreSQL's EXTRACT gives numerics)."""
    return Cast(ExtractYear(field) * 10000 + ExtractMonth(field) * 100 + ExtractDay(field),
                output_field=BigIntegerField())


def best_contract_key(*, with_participations: bool) -> Subquery:
    """The key of the line's most telling contract (COV-3 to COV-6), or NULL when the supplier has none.

    Rank 0: live on the payment date and covering the line's category (covered); then, with the category
    covered, 1 ended before the payment date, 2 not started; then, with the category not covered, 3 live,
    4 ended, 5 not started. Ties go to the nearest start among contracts not started, else the latest end,
    then the lowest id.
    """
    paid_on = OuterRef("payment_date")
    live = Q(starts_on__lte=paid_on, final_ends_on__gte=paid_on)
    not_started = Q(starts_on__gt=paid_on)
    timing = Case(When(live, then=Value(0)), When(final_ends_on__lt=paid_on, then=Value(1)), default=Value(2),
                  output_field=BigIntegerField())
    misses = Case(When(_category_fits(), then=Value(0)), default=Value(3), output_field=BigIntegerField())
    tie = Case(When(not_started, then=_day_number("starts_on")),
               default=Value(99_999_999) - _day_number("final_ends_on"), output_field=BigIntegerField())
    key = (timing + misses) * Value(RANK_UNIT) + tie * Value(DATE_UNIT) + F("pk")
    candidates = candidate_contracts(with_participations=with_participations).order_by()
    best = candidates.annotate(line=Value(1)).values("line").annotate(best=Min(key)).values("best")
    return Subquery(best[:1], output_field=BigIntegerField())


class _OutcomeOfRank(Func):
    """CASE rank WHEN 0 THEN 'covered' ... END, reading the rank once."""

    template = "CASE %(expressions)s " + " ".join(
        f"WHEN {rank} THEN '{outcome}'" for rank, outcome in enumerate(_OUTCOMES)) + " END"
    output_field = CharField()


class _ContractOfKey(Func):
    """key % 10^10: the contract id in a candidate's key, reading the key once ('%%%%' becomes '%' in SQL)."""

    template = f"(%(expressions)s %%%% {DATE_UNIT})"
    output_field = BigIntegerField()


def decision(*, with_participations: bool) -> dict:
    """The values of one UPDATE deciding lines: exclusion rule, coverage and contract (COV-1 to COV-7)."""
    excluded, rule = exclusion(active_exclusion_rules())
    best = best_contract_key(with_participations=with_participations)
    coverage = Case(
        When(excluded, then=Value(Coverage.NON_PROCURABLE)),
        When(supplier_id__isnull=True, then=Value(Coverage.NO_SUPPLIER)),
        default=Coalesce(_OutcomeOfRank(best / Value(RANK_UNIT)), Value(Coverage.NO_CONTRACT)),
        output_field=CharField())
    contract = Case(When(excluded, then=Value(None)), default=_ContractOfKey(best), output_field=BigIntegerField())
    return {"exclusion_rule_id": rule, "coverage": coverage,
            "contract_id": contract}
