"""The demo force's procurement requests and a board meeting, written through the sourcing and governance
services so each has its audit trail: one need at each stage from draft to the board's decision."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from procure.contracts.models import Category
from procure.governance import services as board
from procure.governance.choices import Decision
from procure.organisations.models import Department, Organisation, User
from procure.sourcing.choices import ContractType
from procure.sourcing.requests import services

# title, why, type, value including VAT, budget code, department, ProClass code, months until wanted, stage
NEEDS = (
    ("Replacement body-worn video cameras", "The current cameras are out of support from next year",
     ContractType.GOODS, "420000.00", "ICT-4410", "ICT", "271200", 9, "approved_with_conditions"),
    ("Custody suite deep cleaning, Southern division", "Health and safety inspection findings",
     ContractType.SERVICES, "36000.00", "EST-2201", "EST", "131310", 3, "submitted"),
    ("Firearms range ventilation refit", "The range fails the lead exposure assessment",
     ContractType.WORKS, "640000.00", "EST-2290", "EST", "391200", 12, "awaiting_board"),
    ("Interpreting for victims of crime", "The national framework lot ends in the spring",
     ContractType.SERVICES, "180000.00", "HQC-3100", "HQC", "261100", 6, "awaiting_board"),
    ("Leadership development programme", "Newly promoted inspectors need it within a year",
     ContractType.SERVICES, "8500.00", "LND-1200", "LND", "261500", 4, "draft"),
)


def write_needs(demo: Organisation, *, categories: dict[str, Category], departments: dict[str, Department],
                staff: dict[str, User]) -> None:
    today = date.today()
    now = timezone.now()
    meeting = board.meeting_create(organisation=demo, title="Strategic Procurement Board",
                                   meets_on=today + timedelta(days=14), actor=staff["officer"])
    for title, why, kind, value, code, department, category, months, stage in NEEDS:
        need = services.procurement_request_create(
            organisation=demo, actor=staff["budget"], title=title, justification=why, contract_type=kind,
            estimated_value_gross=Decimal(value), budget_code=code, department=departments.get(department),
            category=categories.get(category), wanted_by=today + timedelta(days=30 * months))
        if stage == "draft":
            continue
        need = services.procurement_request_submit(request=need, actor=staff["budget"], now=now)
        if stage == "approved_with_conditions":
            item = board.agenda_item_add(meeting=meeting, subject=need, actor=staff["officer"])
            board.agenda_item_decide(item=item, actor=staff["board"], decision=Decision.APPROVE_WITH_CONDITIONS,
                                     conditions="Evaluate social value at 10% of the total score", now=now,
                                     minutes="The board asked for a local supplier engagement event.")
