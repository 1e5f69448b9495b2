"""Deciding whether spend lines are on contract (DESIGN.md section 5), and keeping the decisions current.

Decisions are set-based: an UPDATE decides any number of lines. They follow changes incrementally:
an import decides its own lines; a payee decision the lines it links; contract and supplier changes, found
in the audit trail since the organisation's watermark, the lines of the suppliers concerned. After each
decision the KPI summary of the same lines is replaced.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connections, transaction
from django.db.models import Q, QuerySet

from procure.contracts.models import Category, Contract
from procure.core.audit import audit_record, snapshot
from procure.organisations.models import Organisation
from procure.spend.coverage.catch_up import affected_supplier_ids, latest_event_id, watermark_for_update
from procure.spend.coverage.expressions import decision
from procure.spend.coverage.rules import check_exclusion_rule
from procure.spend.kpis import summary
from procure.spend.models import ExclusionRule, SpendImport, SpendLine
from procure.suppliers.models import Supplier


def coverage_decide(*, lines: QuerySet[SpendLine]) -> int:
    """Decide the lines given, set-based, and return how many were decided.

    COV-1 non-procurable first (an active exclusion rule of the organisation), COV-2 no supplier, COV-3
    covered, else the most telling failure (COV-4 category not covered, COV-5 contract ended, COV-6 not
    started, COV-7 no contract), keeping the contract concerned. One UPDATE decides every line against the
    organisation's own contracts; a second, narrow one decides again the few that may fall under a contract
    the organisation takes part in. `lines` must not be chosen by their contract or exclusion rule (the
    UPDATE changes them). Does not touch the KPI summary: callers that change decisions replace its rows too
    (as every service below does).
    """
    with transaction.atomic(using=lines.db):
        without_jit(lines.db)
        decided = lines.order_by().update(**decision(with_participations=False))
        coverage_decide_shared(lines=lines)
    return decided


def coverage_decide_shared(*, lines: QuerySet[SpendLine]) -> None:
    """The second, narrow pass of coverage_decide alone: decide again, with the contracts their organisations
    take part in as candidates too, those of the lines (already decided against their organisation's own
    contracts) that may fall under one."""
    shared = _lines_that_may_share_a_contract(lines)
    if shared is not None:
        with transaction.atomic(using=lines.db):
            without_jit(lines.db)
            shared.order_by().update(**decision(with_participations=True))


def _lines_that_may_share_a_contract(lines: QuerySet[SpendLine]) -> QuerySet[SpendLine] | None:
    """Of the lines, those of organisations taking part in others' contracts, paid to a firm that is a
    supplier of such a contract: decided again with those contracts as candidates too (a second, narrow
    pass keeps the first one simple and fast). None when no organisation takes part in another's contract."""
    parties = Contract.participating_organisations.through.objects.order_by()
    if not parties.exists():
        return None
    theirs = Supplier.objects.filter(contracts__participating_organisations__isnull=False).order_by()
    same_firm = Supplier.objects.filter(
        Q(normalised_name__in=theirs.values("normalised_name"))
        | Q(companies_house_number__in=theirs.exclude(companies_house_number="").values("companies_house_number")))
    return lines.filter(organisation_id__in=parties.values("organisation_id"),
                        supplier_id__in=same_firm.order_by().values("pk"))


def without_jit(using: str) -> None:
    """Switch PostgreSQL's JIT compiler off for the rest of the transaction: it spends seconds compiling the
    decision's many small subqueries, each of which runs in microseconds."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")


@transaction.atomic
def coverage_refresh_for_suppliers(*, organisation: Organisation, supplier_ids: Iterable[int],
                                   unlinked: bool = False) -> int:
    """Decide again every line of the organisation with these suppliers (and, when `unlinked`, every line
    without a supplier), and replace their KPI summary rows. Returns how many lines were decided."""
    chosen = sorted(set(supplier_ids))
    decided = 0
    for start in range(0, len(chosen), summary.SUPPLIER_BATCH):
        part = summary.Part(organisation.pk, supplier_ids=tuple(chosen[start:start + summary.SUPPLIER_BATCH]))
        decided += coverage_decide(lines=SpendLine.objects.filter(part.of_lines()))
    if unlinked:
        decided += coverage_decide(lines=SpendLine.objects.filter(organisation=organisation,
                                                                  supplier__isnull=True))
    summary.summary_replace_suppliers(organisation_id=organisation.pk, supplier_ids=chosen, unlinked=unlinked)
    return decided


def coverage_after_import(*, spend_import: SpendImport, decided_when_written: bool = False) -> None:
    """Decide an import's lines and add them to the KPI summary (inside the import's transaction).

    `decided_when_written`: the lines were decided against the organisation's own contracts as they were
    written (coverage.decider): only the narrow pass for contracts it takes part in is left to run.
    """
    lines = SpendLine.objects.filter(spend_import=spend_import)
    if decided_when_written:
        coverage_decide_shared(lines=lines)
    else:
        coverage_decide(lines=lines)
    summary.summary_add(organisation_id=spend_import.organisation_id, lines=lines)


def coverage_before_import_removed(*, spend_import: SpendImport):
    """The months an import's lines fall in, read before they are deleted, for coverage_after_import_removed."""
    return summary.lines_months(SpendLine.objects.filter(spend_import=spend_import))


def coverage_after_import_removed(*, spend_import: SpendImport, months) -> None:
    """Rebuild the KPI summary of the months a removed import's lines were in, from the lines left."""
    if months:
        summary.summary_replace(part=summary.Part(spend_import.organisation_id, months=months))


def coverage_after_payee_linked(*, organisation: Organisation, supplier_id: int, payee_normalised: str) -> int:
    """Decide the lines a payee decision has just linked to a supplier, and move their KPI summary rows."""
    decided = coverage_decide(lines=SpendLine.objects.filter(
        organisation=organisation, payee_normalised=payee_normalised, supplier_id=supplier_id))
    summary.summary_replace_suppliers(organisation_id=organisation.pk, supplier_ids=[supplier_id], unlinked=True)
    return decided


@transaction.atomic
def coverage_rebuild(*, organisation: Organisation) -> int:
    """Decide every line of the organisation again and rebuild its KPI summary; the watermark moves to now."""
    mark = watermark_for_update(organisation)
    latest = latest_event_id()
    decided = coverage_decide(lines=SpendLine.objects.filter(organisation=organisation))
    summary.summary_rebuild(organisation_id=organisation.pk)
    mark.last_event_id = latest
    mark.save()
    return decided


@transaction.atomic
def coverage_catch_up(*, organisation: Organisation) -> int:
    """Decide again the lines affected by contract and supplier changes recorded in the audit trail since the
    last catch-up, and return how many were decided. The first catch-up of an organisation decides all its
    lines (coverage_rebuild)."""
    mark = watermark_for_update(organisation)
    if mark.pk is None:
        return coverage_rebuild(organisation=organisation)
    latest = latest_event_id()
    if latest <= mark.last_event_id:
        return 0
    supplier_ids, unlinked = affected_supplier_ids(organisation, after=mark.last_event_id, up_to=latest)
    decided = coverage_refresh_for_suppliers(organisation=organisation, supplier_ids=supplier_ids,
                                             unlinked=unlinked) if supplier_ids or unlinked else 0
    mark.last_event_id = latest
    mark.save()
    return decided


@dataclass(frozen=True)
class ExclusionInput:
    kind: str
    reason: str
    value: str = ""
    category: Category | None = None
    supplier: Supplier | None = None


@transaction.atomic
def exclusion_rules_add(*, organisation: Organisation, rules: Iterable[ExclusionInput], actor) -> list[ExclusionRule]:
    """Add non-procurable spend rules (COV-9), then decide the organisation's lines again (COV-1)."""
    made = []
    for rule in rules:
        check_exclusion_rule(kind=rule.kind, value=rule.value, category=rule.category, supplier=rule.supplier,
                             organisation_id=organisation.pk, reason=rule.reason)
        record = ExclusionRule.objects.create(organisation=organisation, kind=rule.kind, value=rule.value.strip(),
                                              category=rule.category, supplier=rule.supplier,
                                              reason=rule.reason.strip())
        audit_record(actor=actor, action="exclusion_rule.created", subject=record, after=snapshot(record),
                     organisation=organisation)
        made.append(record)
    coverage_rebuild(organisation=organisation)
    return made


@transaction.atomic
def exclusion_rule_set_active(*, rule: ExclusionRule, is_active: bool, actor) -> ExclusionRule:
    """Switch a rule off (or on again); the organisation's lines are decided again."""
    rule = ExclusionRule.objects.select_for_update().get(pk=rule.pk)
    if rule.is_active == is_active:
        return rule
    before = snapshot(rule)
    rule.is_active = is_active
    rule.save(update_fields=["is_active", "updated_at"])
    audit_record(actor=actor, action="exclusion_rule.updated", subject=rule, before=before, after=snapshot(rule),
                 organisation=rule.organisation)
    coverage_rebuild(organisation=rule.organisation)
    return rule
