"""Reads about coverage: the organisation's exclusion rules, and how its lines stand."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet, Sum

from procure.core.money import ZERO
from procure.organisations.models import Organisation
from procure.spend.choices import Coverage
from procure.spend.models import CoverageWatermark, ExclusionRule, SpendSummary


@dataclass(frozen=True)
class CoverageCount:
    coverage: str
    label: str
    lines: int
    amount: Decimal


def exclusion_rule_list(*, organisation: Organisation) -> QuerySet[ExclusionRule]:
    return ExclusionRule.objects.filter(organisation=organisation).select_related("category", "supplier")


def coverage_counts(*, organisation: Organisation) -> list[CoverageCount]:
    """Lines and spend of the organisation (all years) in each coverage class, in the order of the rules."""
    sums = {row["coverage"]: row for row in SpendSummary.objects.filter(organisation=organisation).order_by()
            .values("coverage").annotate(count=Sum("line_count"), spent=Sum("amount"))}
    return [CoverageCount(value, label, sums.get(value, {}).get("count") or 0, sums.get(value, {}).get("spent") or ZERO)
            for value, label in Coverage.choices]


def coverage_caught_up_to(*, organisation: Organisation) -> int | None:
    """The last audit event coverage has followed for the organisation (None: never decided)."""
    mark = CoverageWatermark.objects.filter(organisation=organisation).first()
    return mark.last_event_id if mark else None
