"""Writes of the review programme: running the review, people's decisions on items, procedure thresholds."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction

from procure.core.audit import audit_record, snapshot
from procure.core.errors import BusinessRuleViolation
from procure.organisations.models import Organisation, User
from procure.spend.choices import ReviewStatus
from procure.spend.models import ProcedureThreshold, ReviewItem
from procure.spend.review import findings, rules, selectors
from procure.spend.review.findings import Finding, Window
from procure.spend.review.selectors import ITEM_CHANGED

RELATED = ("organisation", "supplier", "category", "contract", "owner")
FACTS = ("summary", "amount", "window_starts_on", "window_ends_on", "supplier_id", "category_id",
         "contract_id")


@dataclass(frozen=True)
class GenerationResult:
    created: int
    updated: int
    closed: int


def review_findings(*, organisation: Organisation, as_at: date) -> tuple[Window, list[Finding]]:
    """What the four rules find in the 12 months to `as_at`, under the thresholds in force that day."""
    rungs = selectors.as_rungs(selectors.procedure_thresholds_on(organisation=organisation, on=as_at))
    threshold = rules.review_threshold(rungs)
    if threshold is None:
        raise BusinessRuleViolation(
            code="REV-10",
            message=f"The contract procedure rules in force on {as_at:%d/%m/%Y} set no review threshold: add "
                    "the thresholds (or install the defaults) before running the review")
    window = Window(*rules.review_window(as_at))
    scope = {"organisation": organisation, "window": window}
    found = (findings.over_threshold(**scope, threshold=threshold) + findings.paid_after_end(**scope)
             + findings.aggregation(**scope, threshold=threshold)
             + findings.split_payments(**scope, thresholds=rules.procedure_values(rungs)))
    return window, found


@transaction.atomic
def review_items_generate(*, organisation: Organisation, as_at: date,
                          actor: User | None = None) -> GenerationResult:
    """Run the review as at a date: create items for new findings, refresh the figures of known ones, and
    close (no action needed) items whose spend has gone, unless a person has acted on them.

    Idempotent: the same data and date change nothing the second time. Owner, action, reason, target date and
    status a person set are never overwritten; only the facts (amount, summary, window) follow the spend.
    """
    window, found = review_findings(organisation=organisation, as_at=as_at)
    wanted = {(finding.rule, finding.key): finding for finding in found}
    items = (ReviewItem.objects.select_for_update(of=("self",)).select_related(*RELATED)
             .filter(organisation=organisation))
    existing = {(item.rule, item.key): item for item in items}
    acted = selectors.review_items_acted_on(organisation=organisation, items=list(existing.values()))
    created = _create(organisation, [wanted[key] for key in wanted.keys() - existing.keys()], window, actor)
    updated = sum(_refresh(existing[key], wanted[key], window, acted, actor)
                  for key in wanted.keys() & existing.keys())
    closed = sum(_close(existing[key], acted, actor) for key in existing.keys() - wanted.keys())
    result = GenerationResult(created=created, updated=updated, closed=closed)
    audit_record(actor=actor, action="review.generated", subject=organisation, organisation=organisation,
                 after={"as_at": as_at, "window_starts_on": window.starts_on, "created": created,
                        "updated": updated, "closed": closed})
    return result


def _facts(finding: Finding, window: Window) -> dict:
    return {"summary": finding.summary[:500], "amount": finding.amount, "window_starts_on": window.starts_on,
            "window_ends_on": window.ends_on, "supplier_id": finding.supplier_id,
            "category_id": finding.category_id, "contract_id": finding.contract_id}


def _create(organisation: Organisation, found: list[Finding], window: Window, actor: User | None) -> int:
    if not found:
        return 0
    ReviewItem.objects.bulk_create(
        [ReviewItem(organisation=organisation, rule=finding.rule, key=finding.key, **_facts(finding, window))
         for finding in sorted(found, key=lambda finding: (finding.rule, finding.key))])
    keys = {(finding.rule, finding.key) for finding in found}
    created = [item for item in ReviewItem.objects.filter(organisation=organisation).select_related(*RELATED)
               if (item.rule, item.key) in keys]
    for item in created:
        audit_record(actor=actor, action="review_item.created", subject=item, after=snapshot(item),
                     organisation=organisation)
    return len(created)


def _refresh(item: ReviewItem, finding: Finding, window: Window, acted: set[int], actor: User | None) -> bool:
    facts = _facts(finding, window)
    reopen = item.status == ReviewStatus.CLOSED_NO_ACTION and item.pk not in acted
    if not reopen and all(getattr(item, name) == value for name, value in facts.items()):
        return False
    before = snapshot(item)
    for name, value in facts.items():
        setattr(item, name, value)
    if reopen:
        item.status = ReviewStatus.OPEN
    item.save(update_fields=[*FACTS, "status", "updated_at"])
    audit_record(actor=actor, action="review_item.reopened" if reopen else "review_item.updated",
                 subject=item, before=before, after=snapshot(item), organisation=item.organisation)
    return True


def _close(item: ReviewItem, acted: set[int], actor: User | None) -> bool:
    if item.pk in acted or item.status == ReviewStatus.CLOSED_NO_ACTION:
        return False
    before = snapshot(item)
    item.status = ReviewStatus.CLOSED_NO_ACTION
    item.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action="review_item.closed", subject=item, before=before, after=snapshot(item),
                 organisation=item.organisation)
    return True


@transaction.atomic
def review_item_update(*, item: ReviewItem, actor: User | None, owner: User | None, action: str,
                       action_reason: str, target_on: date | None, status: str) -> ReviewItem:
    """A person's decision on an item: who owns it, what will be done, by when, and how far it has got."""
    item = ReviewItem.objects.select_for_update().get(pk=item.pk)
    rules.check_action_reason(action, action_reason)
    rules.check_status_allowed(status, action)
    if owner is not None and not selectors.review_owner_choices(organisation=item.organisation).filter(
            pk=owner.pk).exists():
        raise BusinessRuleViolation(code="REV-9",
                                    message="Choose a person from this organisation as the owner")
    before = snapshot(item)
    item.owner, item.action, item.action_reason = owner, action, action_reason.strip()
    item.target_on, item.status = target_on, status
    item.save(update_fields=["owner", "action", "action_reason", "target_on", "status", "updated_at"])
    audit_record(actor=actor, action=ITEM_CHANGED, subject=item, before=before, after=snapshot(item),
                 organisation=item.organisation)
    return item


# Contract procedure thresholds


def _ensure_rules_from(organisation: Organisation, day: date, actor: User | None) -> None:
    """Make sure a set of rules starts on `day`: a copy of the rules in force then, if none starts then."""
    if ProcedureThreshold.objects.filter(organisation=organisation, effective_from=day).exists():
        return
    for row in selectors.procedure_thresholds_on(organisation=organisation, on=day):
        _threshold_create(organisation, rules.Rung(row.name, row.from_value, row.route), day, actor)


def _threshold_create(organisation: Organisation, rung: rules.Rung, effective_from: date,
                      actor: User | None) -> ProcedureThreshold:
    row = ProcedureThreshold.objects.create(organisation=organisation, name=rung.name,
                                            from_value=rung.from_value, route=rung.route,
                                            effective_from=effective_from)
    audit_record(actor=actor, action="procedure_threshold.created", subject=row, after=snapshot(row),
                 organisation=organisation)
    return row


def _rules_from(organisation: Organisation, day: date):
    return ProcedureThreshold.objects.filter(organisation=organisation, effective_from__gte=day)


def _check_name_free(organisation: Organisation, name: str, day: date, *, other_than: str = "") -> None:
    """THR-2: Within one set of rules each threshold has its own name."""
    clash = _rules_from(organisation, day).filter(name__iexact=name.strip())
    if other_than:
        clash = clash.exclude(name=other_than)
    if clash.filter(effective_from=day).exists():
        raise BusinessRuleViolation(
            code="THR-2", message=f"The rules from {day:%d/%m/%Y} already have a threshold called "
                                  f"'{name.strip()}': choose another name")


@transaction.atomic
def procedure_threshold_add(*, organisation: Organisation, name: str, from_value: Decimal, route: str,
                            effective_from: date, actor: User | None) -> ProcedureThreshold:
    """Add a threshold to the rules from a date, and to every later set of rules that does not have it yet."""
    rules.check_threshold_value(from_value)
    _check_name_free(organisation, name, effective_from)
    _ensure_rules_from(organisation, effective_from, actor)
    rung = rules.Rung(name.strip(), from_value, route.strip())
    added = _threshold_create(organisation, rung, effective_from, actor)
    for day in set(_rules_from(organisation, effective_from).exclude(effective_from=effective_from)
                   .values_list("effective_from", flat=True)):
        if not _rules_from(organisation, day).filter(effective_from=day, name__iexact=rung.name).exists():
            _threshold_create(organisation, rung, day, actor)
    return added


@transaction.atomic
def procedure_threshold_change(*, threshold: ProcedureThreshold, name: str, from_value: Decimal, route: str,
                               applies_from: date, actor: User | None) -> ProcedureThreshold:
    """Change a threshold from a date: in the rules from that date (made if needed) and every later set."""
    organisation = threshold.organisation
    rules.check_threshold_value(from_value)
    rules.check_change_date(applies_from, threshold.effective_from)
    _check_name_free(organisation, name, applies_from, other_than=threshold.name)
    _ensure_rules_from(organisation, applies_from, actor)
    changed = None
    for row in _rules_from(organisation, applies_from).filter(name=threshold.name).order_by("effective_from"):
        before = snapshot(row)
        row.name, row.from_value, row.route = name.strip(), from_value, route.strip()
        row.save(update_fields=["name", "from_value", "route", "updated_at"])
        audit_record(actor=actor, action="procedure_threshold.changed", subject=row, before=before,
                     after=snapshot(row), organisation=organisation)
        changed = changed or row
    if changed is None:
        raise BusinessRuleViolation(
            code="THR-5", message=f"'{threshold.name}' is not in the rules in force on "
                                  f"{applies_from:%d/%m/%Y}: add it instead")
    return changed


@transaction.atomic
def procedure_threshold_end(*, threshold: ProcedureThreshold, ends_from: date, actor: User | None) -> int:
    """End a threshold: from `ends_from` (the first day it no longer applies) it is in no set of rules.
    THR-4: a set of rules keeps at least one threshold. Returns how many rows were taken out."""
    organisation = threshold.organisation
    rules.check_change_date(ends_from, threshold.effective_from)
    _ensure_rules_from(organisation, ends_from, actor)
    ending = list(_rules_from(organisation, ends_from).filter(name=threshold.name))
    for row in ending:
        same_rules = ProcedureThreshold.objects.filter(organisation=organisation,
                                                       effective_from=row.effective_from)
        if not same_rules.exclude(pk=row.pk).exists():
            raise BusinessRuleViolation(
                code="THR-4", message=f"'{row.name}' is the only threshold in the rules from "
                                      f"{row.effective_from:%d/%m/%Y}: add another before ending it")
    for row in ending:
        audit_record(actor=actor, action="procedure_threshold.ended", subject=row, before=snapshot(row),
                     after={"ends_from": ends_from}, organisation=organisation)
        row.delete()
    return len(ending)


@transaction.atomic
def procedure_thresholds_install_defaults(*, organisation: Organisation, effective_from: date,
                                          actor: User | None = None) -> list[ProcedureThreshold]:
    """Install the default contract procedure rules (rules.default_ladders) for an organisation that has none.
    An organisation that already has thresholds keeps them: nothing is installed and the list is empty."""
    if ProcedureThreshold.objects.filter(organisation=organisation).exists():
        return []
    return [_threshold_create(organisation, rung, day, actor)
            for day, ladder in rules.default_ladders(effective_from) for rung in ladder]
