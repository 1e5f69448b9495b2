"""The demo's competitions, built through the sourcing services as an officer would: one open for bids, one
draft being set up, and one closed with a sealed bid waiting for its opening. Their dates follow the day the
demo is built, so the open one is always open."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from procure.contracts.models import Category
from procure.organisations.models import Department, Organisation, User
from procure.sourcing import bidding, services
from procure.sourcing.choices import ContractType
from procure.sourcing.evaluation.services import evaluator_assign
from procure.sourcing.models import Criterion, PriceItem, SelectionQuestion, Tender
from procure.suppliers.models import Supplier


@dataclass(frozen=True)
class CriterionPlan:
    number: str
    title: str
    question: str
    weight: str
    minimum_mark: int | None = None
    is_social_value: bool = False


CLEANING_CRITERIA = (
    CriterionPlan("Q1", "Method statement", "How will you clean the custody suites to the standard in the "
                  "specification, every day of the year?", "16", minimum_mark=2),
    CriterionPlan("Q2", "Staffing and vetting", "How will you recruit, vet (NPPV level 2) and keep staff?", "10",
                  minimum_mark=2),
    CriterionPlan("Q3", "Mobilisation", "How will you take over the service without a gap?", "8"),
    CriterionPlan("Q4", "Social value", "What will you deliver in Lancashire over the contract: jobs, "
                  "apprenticeships, the Real Living Wage, lower emissions? Give targets and dates.", "6",
                  is_social_value=True),
)


def _at(day, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _local_now() -> datetime:
    return timezone.localtime(timezone.now())


def write_tenders(demo: Organisation, *, officer: User, categories: dict[str, Category],
                  departments: dict[str, Department], bidders: list[tuple[Supplier, User]] = (),
                  evaluator: User | None = None) -> list[Tender]:
    today = timezone.localdate()
    category = next(iter(categories.values()), None)
    department = next(iter(departments.values()), None)
    cleaning = services.tender_create(
        organisation=demo, actor=officer, title="Custody suite cleaning",
        description="Daily cleaning and deep cleans of the force's four custody suites, for three years with "
                    "an option to extend by one.",
        contract_type=ContractType.SERVICES, category=category, department=department,
        estimated_value_gross=Decimal("540000.00"))
    services.tender_update(tender=cleaning, actor=officer, part="model", price_weight=Decimal("60"),
                           quality_weight=Decimal("40"))
    services.tender_part_add(tender=cleaning, actor=officer, model=SelectionQuestion, number="S1",
                             text="Do you hold public liability insurance of at least £5 million?")
    for plan in CLEANING_CRITERIA:
        services.tender_part_add(tender=cleaning, actor=officer, model=Criterion, number=plan.number,
                                 title=plan.title, question=plan.question, weight=Decimal(plan.weight),
                                 minimum_mark=plan.minimum_mark, is_social_value=plan.is_social_value)
    for number, description, unit, quantity in (
            ("P1", "Daily cleaning of the four suites", "year", "3"),
            ("P2", "Deep clean after a biohazard incident", "each", "40")):
        services.tender_part_add(tender=cleaning, actor=officer, model=PriceItem, number=number,
                                 description=description, unit=unit, quantity=Decimal(quantity))
    services.tender_document_add(
        tender=cleaning, actor=officer, title="Specification",
        upload=SimpleUploadedFile("specification.txt", b"Custody suite cleaning: the specification.\n"
                                  b"Clean the four custody suites daily to the standard in annex A.\n",
                                  content_type="text/plain"))
    services.tender_update(
        tender=cleaning, actor=officer, part="timetable", clarification_deadline=_at(today + timedelta(days=14), 12),
        submission_deadline=_at(today + timedelta(days=28), 12), evaluation_on=today + timedelta(days=29),
        award_on=today + timedelta(days=45), contract_starts_on=today + timedelta(days=90),
        contract_ends_on=today + timedelta(days=90 + 3 * 365 - 1))
    services.tender_publish(tender=cleaning, actor=officer, now=_local_now())

    tyres = services.tender_create(
        organisation=demo, actor=officer, title="Fleet tyres and wheel alignment",
        description="Tyres, fitting and wheel alignment for about 600 vehicles, at the force's garages.",
        contract_type=ContractType.GOODS, category=category, department=department,
        estimated_value_gross=Decimal("180000.00"))
    recovery = _closed_with_bids(demo, officer=officer, category=category, department=department,
                                 bidders=bidders, evaluator=evaluator)
    return [cleaning, tyres, recovery]


def _closed_with_bids(demo: Organisation, *, officer: User, category, department,
                      bidders: list[tuple[Supplier, User]], evaluator: User | None) -> Tender:
    """A tender whose deadline passed two days ago with sealed bids: it waits for two officers to open it."""
    today = timezone.localdate()
    published = _at(today - timedelta(days=30), 9)
    tender = services.tender_create(
        organisation=demo, actor=officer, title="Vehicle recovery and storage",
        description="Recovering, storing and releasing vehicles seized or involved in collisions, across the county.",
        contract_type=ContractType.SERVICES, category=category, department=department,
        estimated_value_gross=Decimal("420000.00"))
    for number, title, weight, social in (("Q1", "Response times and coverage", "24", False),
                                          ("Q2", "Storage security and evidence handling", "12", False),
                                          ("Q3", "Social value in Lancashire", "4", True)):
        services.tender_part_add(tender=tender, actor=officer, model=Criterion, number=number, title=title,
                                 question=f"{title}: describe your approach and give evidence.",
                                 weight=Decimal(weight), is_social_value=social)
    item = services.tender_part_add(tender=tender, actor=officer, model=PriceItem, number="P1",
                                    description="Recovery and first 7 days' storage", unit="vehicle",
                                    quantity=Decimal("1200"))
    services.tender_document_add(tender=tender, actor=officer, title="Specification",
                                 upload=SimpleUploadedFile("recovery-specification.txt",
                                                           b"Vehicle recovery and storage: the specification.\n"))
    services.tender_update(tender=tender, actor=officer, part="timetable",
                           clarification_deadline=_at(today - timedelta(days=9), 12),
                           submission_deadline=_at(today - timedelta(days=2), 12), evaluation_on=today,
                           award_on=today + timedelta(days=14), contract_starts_on=today + timedelta(days=60),
                           contract_ends_on=today + timedelta(days=60 + 3 * 365 - 1))
    tender = services.tender_publish(tender=tender, actor=officer, now=published)
    criteria = list(tender.criteria.order_by("number"))
    for position, (supplier, user) in enumerate(bidders):
        content = bidding.bid_content(
            tender=tender, lot=None, selection={},
            quality={str(c.pk): f"{supplier.name}: our answer to {c.title.lower()}." for c in criteria},
            prices={str(item.pk): ("118.50", "131.00", "109.75")[position % 3]}, social_value_offer=[])
        bidding.bid_submit(tender=tender, supplier=supplier, actor=user, content=content,
                           now=published + timedelta(days=20 + position))
    if evaluator is not None:
        evaluator_assign(tender=tender, evaluator=evaluator, actor=officer)
    return tender
