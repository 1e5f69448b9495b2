"""Reads of the review programme: procedure thresholds, review items, the lines behind an item, progress.

Contract procedure rules are held as sets of thresholds: the rows sharing one `effective_from` are the rules
from that day, and the rules in force on a date are the latest set starting on or before it.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, IntegerField, Max, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Round

from procure.core.models import AuditEvent
from procure.core.money import PENNY, ZERO
from procure.organisations.choices import Role
from procure.organisations.models import Organisation, User
from procure.spend.choices import ReviewAction, ReviewRule, ReviewStatus
from procure.spend.models import ProcedureThreshold, ReviewItem, SpendLine
from procure.spend.review import findings, rules
from procure.spend.review.findings import Window

ITEM_CHANGED = "review_item.changed"
STILL_TO_ACT = (ReviewStatus.OPEN, ReviewStatus.IN_PROGRESS)


@dataclass(frozen=True)
class ReviewProgress:
    """How far the review programme has got: items by status, and the spend behind items still to act on."""

    open: int
    in_progress: int
    done: int
    closed: int
    amount_open: Decimal


# Thresholds


def procedure_threshold_list(*, organisation: Organisation,
                             today: date | None = None) -> QuerySet[ProcedureThreshold]:
    """Every threshold, newest rules first, each with `in_force_from`: when the rules in force today start."""
    today = today or date.today()
    in_force = (ProcedureThreshold.objects
                .filter(organisation=OuterRef("organisation"), effective_from__lte=today)
                .order_by().values("organisation").annotate(latest=Max("effective_from")).values("latest"))
    return (ProcedureThreshold.objects.filter(organisation=organisation)
            .annotate(in_force_from=Subquery(in_force)).order_by("-effective_from", "from_value", "id"))


def procedure_threshold_get(*, organisation: Organisation, threshold_id: int) -> ProcedureThreshold | None:
    return ProcedureThreshold.objects.filter(organisation=organisation, pk=threshold_id).first()


def procedure_thresholds_on(*, organisation: Organisation, on: date) -> list[ProcedureThreshold]:
    """The contract procedure rules in force on a date, lowest threshold first."""
    latest = (ProcedureThreshold.objects.filter(organisation=organisation, effective_from__lte=on)
              .aggregate(latest=Max("effective_from"))["latest"])
    if latest is None:
        return []
    return list(ProcedureThreshold.objects.filter(organisation=organisation, effective_from=latest)
                .order_by("from_value", "id"))


def procedure_rule_dates(*, organisation: Organisation) -> list[date]:
    """The dates each set of rules starts, earliest first."""
    return list(ProcedureThreshold.objects.filter(organisation=organisation).order_by("effective_from")
                .values_list("effective_from", flat=True).distinct())


def as_rungs(thresholds: list[ProcedureThreshold]) -> list[rules.Rung]:
    return [rules.Rung(row.name, row.from_value, row.route) for row in thresholds]


def review_threshold_on(*, organisation: Organisation, on: date) -> Decimal | None:
    return rules.review_threshold(as_rungs(procedure_thresholds_on(organisation=organisation, on=on)))


# Review items


def review_item_list(*, organisation: Organisation) -> QuerySet[ReviewItem]:
    return (ReviewItem.objects.filter(organisation=organisation)
            .select_related("supplier", "category", "contract", "owner").order_by("-amount", "id"))


def review_item_get(*, organisation: Organisation, item_id: int) -> ReviewItem | None:
    items = review_item_list(organisation=organisation).select_related("organisation")
    return items.filter(pk=item_id).first()


def review_owner_choices(*, organisation: Organisation | None = None, slug: str = "") -> QuerySet[User]:
    """People who can own an item: the organisation's staff (not supplier users). By organisation or slug."""
    where = ({"memberships__organisation": organisation} if organisation
             else {"memberships__organisation__slug": slug})
    supplier_users = User.objects.filter(**where, memberships__role=Role.SUPPLIER_USER).values("pk")
    return (User.objects.filter(**where, is_active=True).exclude(pk__in=supplier_users)
            .distinct().order_by("first_name", "last_name", "username"))


def review_items_acted_on(*, organisation: Organisation, items: list[ReviewItem]) -> set[int]:
    """The items a person has acted on: changed through the review form, or given an owner, action, target or
    a status only a person sets. The review run never overwrites what people decided on these."""
    edited = set(AuditEvent.objects.filter(
        subject_type=ContentType.objects.get_for_model(ReviewItem), action=ITEM_CHANGED,
        organisation=organisation).values_list("subject_id", flat=True).distinct())
    return {item.pk for item in items if str(item.pk) in edited or _has_decisions(item)}


def _has_decisions(item: ReviewItem) -> bool:
    return bool(item.owner_id or item.action != ReviewAction.UNDECIDED or item.target_on or item.action_reason
                or item.status in (ReviewStatus.IN_PROGRESS, ReviewStatus.DONE))


def review_item_lines(*, item: ReviewItem) -> QuerySet[SpendLine]:
    """The spend lines behind an item, found again by its rule over its window (as the last run saw them)."""
    window = Window(item.window_starts_on, item.window_ends_on)
    organisation = item.organisation
    lines = _lines_for_rule(item, organisation, window)
    return lines.select_related("supplier", "category", "department", "spend_import", "contract").order_by(
        "-payment_date", "id")


def _lines_for_rule(item: ReviewItem, organisation: Organisation, window: Window) -> QuerySet[SpendLine]:
    if item.rule == ReviewRule.PAID_AFTER_END:
        return findings.paid_after_end_lines(organisation=organisation, window=window,
                                             supplier_id=item.supplier_id, contract_id=item.contract_id)
    if item.rule == ReviewRule.SPLIT_PAYMENTS:
        return findings.split_payment_lines(organisation=organisation, window=window,
                                            threshold=findings.split_threshold_of(item.key)).filter(
            supplier_id=item.supplier_id)
    if item.rule == ReviewRule.AGGREGATION:
        threshold = review_threshold_on(organisation=organisation, on=window.ends_on)
        if threshold is None or item.category_id is None:
            return SpendLine.objects.none()
        return findings.aggregation_lines(organisation=organisation, window=window, threshold=threshold,
                                          category_id=item.category_id)
    return findings.over_threshold_lines(organisation=organisation, window=window,
                                         supplier_id=item.supplier_id, category_id=item.category_id)


def review_progress(*, organisation: Organisation) -> ReviewProgress:
    """Items by status, and `amount_open`: the spend behind items still open or in progress.

    Split-payment items are left out of the amount: they flag how spend was paid, and their payments are
    normally behind another item as well (the other three rules never count the same line twice)."""
    counts = {status: Count("id", filter=Q(status=status)) for status in ReviewStatus.values}
    to_act = Q(status__in=STILL_TO_ACT) & ~Q(rule=ReviewRule.SPLIT_PAYMENTS)
    figures = ReviewItem.objects.filter(organisation=organisation).aggregate(
        **counts, pennies=Sum(Round(F("amount") * 100), filter=to_act, output_field=IntegerField()))
    pennies = figures["pennies"]
    amount = (Decimal(round(pennies)) / 100).quantize(PENNY) if pennies is not None else ZERO
    return ReviewProgress(open=figures[ReviewStatus.OPEN], in_progress=figures[ReviewStatus.IN_PROGRESS],
                          done=figures[ReviewStatus.DONE], closed=figures[ReviewStatus.CLOSED_NO_ACTION],
                          amount_open=amount)


def latest_payment_date(*, organisation: Organisation) -> date | None:
    return SpendLine.objects.filter(organisation=organisation).aggregate(latest=Max("payment_date"))["latest"]
