"""Named rules of sourcing: pure functions, each with a code and a sentence a user can act on."""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from procure.core.errors import BusinessRuleViolation
from procure.sourcing.choices import SocialValuePolicy, TenderStatus

OFFICERS_NEEDED_TO_OPEN = 2


def check_bids_readable(*, status: str, deadline: datetime | None, openers: int, now: datetime) -> None:
    """SRC-20: No bid is readable before its tender's deadline has passed and two different authorised officers
    have each confirmed the opening."""
    if deadline is None or now < deadline:
        raise BusinessRuleViolation(code="SRC-20", message="Bids stay sealed until the submission deadline has passed")
    if openers < OFFICERS_NEEDED_TO_OPEN or status in (TenderStatus.DRAFT, TenderStatus.PUBLISHED,
                                                       TenderStatus.CLOSED, TenderStatus.CANCELLED):
        raise BusinessRuleViolation(
            code="SRC-20", message=f"Bids stay sealed until {OFFICERS_NEEDED_TO_OPEN} different officers have "
                                   "each confirmed the opening")


# The evaluation model (DESIGN.md section 6), checked before publication

HUNDRED = Decimal("100")
POLICY_MINIMUMS = {
    # policy: (share, of what) -- the minimum weight of social value
    SocialValuePolicy.DEFAULT: (Decimal("2.5"), "quality"),
    SocialValuePolicy.CENTRAL_GOVERNMENT: (Decimal("10"), "total"),
}


@dataclass(frozen=True)
class CriterionSpec:
    number: str
    weight: Decimal
    is_social_value: bool
    lot: int | None = None  # None: every lot


@dataclass(frozen=True)
class ModelSpec:
    price_weight: Decimal
    quality_weight: Decimal
    policy: str
    criteria: tuple[CriterionSpec, ...]  # the leaves: the criteria that are marked
    lots: tuple[int, ...] = ()
    price_items_by_lot: dict[int | None, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Problem:
    code: str
    section: str  # which part of the set-up to change: details, lots, documents, timetable, questions, model
    message: str


def _pct(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01')).normalize():f}%"


def social_value_minimum(policy: str, quality_weight: Decimal) -> Decimal:
    """SRC-12: The least social value may weigh, as a percentage of the total score."""
    share, of = POLICY_MINIMUMS[SocialValuePolicy(policy)]
    return share if of == "total" else quality_weight * share / HUNDRED


def _lot_views(spec: ModelSpec) -> list[tuple[str, tuple[CriterionSpec, ...]]]:
    """Each lot with the criteria it is marked on (its own and those for every lot); one view without lots."""
    if not spec.lots:
        return [("", spec.criteria)]
    return [(f"Lot {lot}: ", tuple(c for c in spec.criteria if c.lot in (None, lot))) for lot in spec.lots]


def check_evaluation_model(spec: ModelSpec) -> list[Problem]:
    """SRC-10..13: Price and quality add up to 100%; the quality criteria add up to the quality element; social
    value weighs at least the policy minimum; there is something to mark and to price. Each problem says what
    to change."""
    problems: list[Problem] = []
    total = spec.price_weight + spec.quality_weight
    if total != HUNDRED:
        problems.append(Problem("SRC-10", "model", (
            f"Price ({_pct(spec.price_weight)}) and quality ({_pct(spec.quality_weight)}) add up to {_pct(total)}: "
            "change them so they add up to 100%")))
    minimum = social_value_minimum(spec.policy, spec.quality_weight)
    for prefix, criteria in _lot_views(spec):
        problems += _check_quality(prefix, criteria, spec, minimum)
    if spec.price_weight > 0:
        for lot in spec.lots or (None,):
            if not (spec.price_items_by_lot.get(lot, 0) + (spec.price_items_by_lot.get(None, 0) if lot else 0)):
                where = f"Lot {lot}: " if lot else ""
                problems.append(Problem("SRC-13", "questions", (
                    f"{where}Price carries {_pct(spec.price_weight)} but there is no price schedule: add at least "
                    "one item to the price schedule")))
    return problems


def _check_quality(prefix: str, criteria: tuple[CriterionSpec, ...], spec: ModelSpec,
                   minimum: Decimal) -> list[Problem]:
    problems = []
    quality = sum((c.weight for c in criteria), Decimal("0"))
    if spec.quality_weight > 0 and not criteria:
        problems.append(Problem("SRC-11", "questions", (
            f"{prefix}Quality carries {_pct(spec.quality_weight)} but there are no quality questions: add them")))
    elif quality != spec.quality_weight:
        difference = spec.quality_weight - quality
        change = f"add {_pct(difference)}" if difference > 0 else f"take {_pct(-difference)} off"
        problems.append(Problem("SRC-11", "questions", (
            f"{prefix}The quality questions add up to {_pct(quality)} but the quality element is "
            f"{_pct(spec.quality_weight)}: {change} across the questions")))
    social_value = sum((c.weight for c in criteria if c.is_social_value), Decimal("0"))
    if social_value < minimum:
        share, of = POLICY_MINIMUMS[SocialValuePolicy(spec.policy)]
        policy = f"{_pct(share)} of the {'quality element' if of == 'quality' else 'total score'}"
        problems.append(Problem("SRC-12", "questions", (
            f"{prefix}Social value weighs {_pct(social_value)} of the total score; the policy minimum is {policy} "
            f"({_pct(minimum)} of the total): give social value questions at least {_pct(minimum - social_value)} "
            "more weight")))
    return problems


@dataclass(frozen=True)
class Timetable:
    publish_on: date | None
    clarification_deadline: datetime | None
    submission_deadline: datetime | None
    evaluation_on: date | None
    award_on: date | None
    standstill_ends_on: date | None
    contract_starts_on: date | None
    contract_ends_on: date | None


def check_timetable(timetable: Timetable, *, now: datetime) -> list[Problem]:
    """SRC-14: The timetable runs in order: publication, clarification deadline, submission deadline (in the
    future), evaluation, award, end of standstill, contract start."""
    t = timetable
    problems = []

    def need(value, what):
        if value is None:
            problems.append(Problem("SRC-14", "timetable", f"Enter the {what}"))
        return value

    submission = need(t.submission_deadline, "submission deadline")
    clarification = need(t.clarification_deadline, "clarification deadline")
    need(t.award_on, "planned award date")
    need(t.contract_starts_on, "contract start date")
    need(t.contract_ends_on, "contract end date")
    if submission and submission <= now:
        problems.append(Problem("SRC-14", "timetable", "The submission deadline has passed: set one in the future"))
    order = [
        (t.publish_on, clarification and clarification.date(), "publication date", "clarification deadline"),
        (clarification, submission, "clarification deadline", "submission deadline"),
        (submission and submission.date(), t.evaluation_on, "submission deadline", "start of evaluation"),
        (t.evaluation_on or (submission and submission.date()), t.award_on, "evaluation", "planned award date"),
        (t.standstill_ends_on, t.contract_starts_on, "end of standstill", "contract start date"),
        (t.contract_starts_on, t.contract_ends_on, "contract start date", "contract end date"),
    ]
    for earlier, later, first, second in order:
        if earlier and later and later < earlier:
            problems.append(Problem("SRC-14", "timetable", f"The {second} is before the {first}: move it later"))
    if t.standstill_ends_on and t.contract_starts_on and t.contract_starts_on <= t.standstill_ends_on:
        problems.append(Problem("SRC-14", "timetable", (
            f"The contract cannot start until the standstill has ended on {t.standstill_ends_on:%d/%m/%Y}: "
            "start it later")))
    return problems


def check_tender_editable(status: str) -> None:
    """SRC-15: A tender's set-up changes only while it is a draft."""
    if status != TenderStatus.DRAFT:
        raise BusinessRuleViolation(code="SRC-15", message=(
            "This tender has been published: its set-up can no longer change (publish a clarification instead)"))


# Bidding and the opening

def check_bid_window(*, status: str, deadline: datetime | None, now: datetime) -> None:
    """SRC-50: A tender takes bids, withdrawals and resubmissions only while it is open: published and before
    its submission deadline. Anything at or after the deadline is refused."""
    if status != TenderStatus.PUBLISHED or deadline is None:
        raise BusinessRuleViolation(code="SRC-50", message="This tender is not open for bids")
    if now >= deadline:
        raise BusinessRuleViolation(code="SRC-50", message=(
            f"The submission deadline passed at {deadline:%H:%M on %d/%m/%Y}: nothing more can be submitted, "
            "changed or withdrawn"))


def check_clarification_window(*, status: str, deadline: datetime | None, now: datetime) -> None:
    """SRC-51: Clarification questions are taken until the clarification deadline."""
    if status != TenderStatus.PUBLISHED:
        raise BusinessRuleViolation(code="SRC-51", message="This tender is not open for questions")
    if deadline is not None and now >= deadline:
        raise BusinessRuleViolation(code="SRC-51", message=(
            f"The clarification deadline passed at {deadline:%H:%M on %d/%m/%Y}: no more questions can be asked"))


def check_opening(*, status: str, deadline: datetime | None, now: datetime, already_confirmed: bool) -> None:
    """SRC-52: The opening is confirmed after the deadline, once by each of two different authorised officers."""
    if status not in (TenderStatus.PUBLISHED, TenderStatus.CLOSED):
        raise BusinessRuleViolation(code="SRC-52", message="This tender is not waiting to be opened")
    if deadline is None or now < deadline:
        raise BusinessRuleViolation(code="SRC-52", message=(
            "Bids can be opened only after the submission deadline has passed"))
    if already_confirmed:
        raise BusinessRuleViolation(code="SRC-52", message=(
            "You have already confirmed this opening: a different officer must confirm it too"))


# Evaluation

EVALUATION_STATUSES = (TenderStatus.OPENED, TenderStatus.EVALUATION)


def check_can_mark(*, status: str, has_conflict: bool | None) -> None:
    """SRC-60: An evaluator marks only an opened tender, and only after declaring no conflict of interest."""
    if status not in EVALUATION_STATUSES:
        raise BusinessRuleViolation(code="SRC-60", message="This tender is not in evaluation")
    if has_conflict is None:
        raise BusinessRuleViolation(code="SRC-60", message=(
            "Declare whether you have a conflict of interest before you see anything of the bids"))
    if has_conflict:
        raise BusinessRuleViolation(code="SRC-60", message=(
            "You have declared a conflict of interest: procurement must reassign this evaluation"))


def check_mark(*, mark: int, max_mark: int, justification: str) -> None:
    """SRC-61: A mark is on the tender's scale and comes with its justification."""
    if not 0 <= mark <= max_mark:
        raise BusinessRuleViolation(code="SRC-61", message=f"Choose a mark from 0 to {max_mark}")
    if not justification.strip():
        raise BusinessRuleViolation(code="SRC-61", message="Give the reasons for your mark")


def check_award_approver(*, proposed_by_id: int, approver_id: int) -> None:
    """SRC-62: An award is approved by someone other than the officer who proposed it."""
    if proposed_by_id == approver_id:
        raise BusinessRuleViolation(code="SRC-62", message=(
            "You proposed this award: a different person must approve it"))


def check_standstill_over(*, standstill_ends_on: date | None, today: date) -> None:
    """SRC-63: The contract is entered into only after the standstill has ended (from the day after its end)."""
    if standstill_ends_on is None or today <= standstill_ends_on:
        end = f"{standstill_ends_on:%d/%m/%Y}" if standstill_ends_on else "a date not yet set"
        raise BusinessRuleViolation(code="SRC-63", message=(
            f"The standstill ends on {end}: the contract can be made from the day after"))
