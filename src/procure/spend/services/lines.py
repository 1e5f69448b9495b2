"""Turning read lines into SpendLine rows: payees resolved, categories and departments mapped, rows inserted.

Every function here runs inside the import's transaction.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from django.db import connection
from psycopg import sql

from procure.contracts.selectors import category_match
from procure.core.audit import audit_record
from procure.organisations.models import Department, Organisation
from procure.spend.choices import PayeeReviewStatus
from procure.spend.coverage.decider import CoverageDecider
from procure.spend.importing import ParsedLine
from procure.spend.models import PayeeReview, SpendImport, SpendLine
from procure.spend.rules import payee_is_matchable
from procure.suppliers.matching import normalise_name
from procure.suppliers.selectors import supplier_name_index
from procure.suppliers.services import PayeeInput, PayeeResolution, payees_resolve

PAYEE_CHUNK = 250
INSERT_BATCH = 5000
LINKED_METHODS = {"company_number", "exact", "fuzzy"}

Step = Callable[[int], None]


@dataclass
class PayeeOutcome:
    supplier_ids: dict[str, int | None] = field(default_factory=dict)
    linked: int = 0
    new: int = 0
    to_review: int = 0


def distinct_payees(lines: list[ParsedLine]) -> list[PayeeInput]:
    """One PayeeInput per matchable payee name, carrying the first company number given for it."""
    numbers: dict[str, str] = {}
    for line in lines:
        if payee_is_matchable(line.payee_name) and not numbers.get(line.payee_name):
            numbers[line.payee_name] = line.payee_company_number
    return [PayeeInput(name, number) for name, number in numbers.items()]


def payees_settle(*, record: SpendImport, payees: list[PayeeInput], actor, step: Step) -> PayeeOutcome:
    """Resolve payee names to suppliers; uncertain names get (or keep) an open review and no supplier."""
    outcome = PayeeOutcome()
    index = supplier_name_index(organisation=record.organisation)
    for chunk in _chunks(payees, PAYEE_CHUNK):
        resolutions = payees_resolve(organisation=record.organisation, payees=chunk, actor=actor, index=index)
        for resolution in resolutions.values():
            _count(outcome, resolution)
            if resolution.method == "review":
                _review_open(record=record, resolution=resolution, actor=actor)
        step(len(chunk))
    return outcome


def _count(outcome: PayeeOutcome, resolution: PayeeResolution) -> None:
    outcome.supplier_ids[resolution.name] = resolution.supplier_id
    if resolution.method in LINKED_METHODS:
        outcome.linked += 1
    elif resolution.method == "new":
        outcome.new += 1
    elif resolution.method == "review":
        outcome.to_review += 1


def _review_open(*, record: SpendImport, resolution: PayeeResolution, actor) -> PayeeReview:
    normalised = normalise_name(resolution.name)[:300]
    suggestions = [{"supplier_id": s.supplier_id, "name": s.name, "score": s.score} for s in resolution.suggestions]
    review = PayeeReview.objects.filter(organisation=record.organisation, payee_normalised=normalised,
                                        status=PayeeReviewStatus.OPEN).first()
    if review is not None:
        review.suggestions = suggestions
        review.save(update_fields=["suggestions", "updated_at"])
        return review
    review = PayeeReview.objects.create(organisation=record.organisation, payee_name=resolution.name[:300],
                                        payee_normalised=normalised, suggestions=suggestions, spend_import=record)
    audit_record(actor=actor, action="payee_review.opened", subject=review, organisation=record.organisation,
                 after={"payee": review.payee_name, "suggestions": [s["name"] for s in suggestions]})
    return review


def category_ids(lines: list[ParsedLine]) -> dict[tuple[str, str, str], int | None]:
    """ProClass category for each (code, label, expense type) met: by the code first, then by an expense type
    written as a dotted ProClass path ('works - construction, repair & maint.buildings.maintenance.planned'),
    then by the category label. None where none of them names a category clearly."""
    found: dict[tuple[str, str, str], int | None] = {}
    for line in lines:
        key = (line.category_code, line.category_label, line.expense_type)
        if key not in found:
            texts = (line.category_code, line.expense_type if _is_dotted_path(line.expense_type) else "",
                     line.category_label)
            category = next((match for text in texts if text and (match := category_match(text))), None)
            found[key] = category.pk if category else None
    return found


def _is_dotted_path(text: str) -> bool:
    parts = text.split(".")
    return len(parts) >= 3 and all(part.strip() and not part.strip().isdigit() for part in parts)


def department_finder(organisation: Organisation) -> Callable[[str, str], int | None]:
    """Finds the organisation's department by code (the file's code or label) or by name, ignoring case."""
    codes, names = {}, {}
    for pk, code, name in Department.objects.filter(organisation=organisation).values_list("id", "code", "name"):
        codes[code.casefold()] = pk
        names[name.casefold()] = pk

    def find(code: str, label: str) -> int | None:
        for text, table in ((code, codes), (label, codes), (label, names)):
            if text and text.casefold() in table:
                return table[text.casefold()]
        return None

    return find


# The columns of a spend line as spend_lines_build yields them (every column but the id).
LINE_COLUMNS = (
    "organisation_id", "spend_import_id", "line_number", "sheet", "payment_date", "amount", "irrecoverable_vat",
    "transaction_reference", "invoice_reference", "payee_name", "payee_normalised", "payee_company_number",
    "payee_vat_number", "supplier_id", "expense_type", "category_label", "category_id", "department_label",
    "department_code", "department_id", "description", "coverage", "contract_id", "exclusion_rule_id")


def spend_lines_build(*, record: SpendImport, lines: list[ParsedLine], supplier_ids: dict[str, int | None],
                      ) -> Iterator[tuple]:
    """Each line as the tuple of its column values (LINE_COLUMNS' order), coverage decided (COV-1 to COV-7)
    against the organisation's own contracts as it is built, so that every line is written once.

    Everything read from the database is read here, before the first row is asked for: the rows are
    consumed inside a COPY, when the connection can run no other query."""
    categories = category_ids(lines)
    department = department_finder(record.organisation)
    decider = CoverageDecider(organisation_id=record.organisation_id)
    return _rows(record, lines, supplier_ids, categories, department, decider)


def _rows(record: SpendImport, lines: list[ParsedLine], supplier_ids: dict[str, int | None], categories: dict,
          department: Callable[[str, str], int | None], decider: CoverageDecider) -> Iterator[tuple]:
    normalised: dict[str, str] = {}
    departments: dict[tuple[str, str], int | None] = {}
    organisation_id, import_id = record.organisation_id, record.pk
    for line in lines:
        payee = line.payee_name
        if payee not in normalised:
            normalised[payee] = normalise_name(payee)[:300]
        where = (line.department_code, line.department_label)
        if where not in departments:
            departments[where] = department(*where)
        supplier_id = supplier_ids.get(payee)
        category_id = categories[(line.category_code, line.category_label, line.expense_type)]
        decided = decider.decide(supplier_id=supplier_id, payment_date=line.payment_date, category_id=category_id,
                                 expense_type=line.expense_type)
        yield (organisation_id, import_id, line.line_number, line.sheet[:100], line.payment_date, line.amount,
               line.irrecoverable_vat, line.transaction_reference, line.invoice_reference, payee,
               normalised[payee], line.payee_company_number, line.payee_vat_number, supplier_id,
               line.expense_type, line.category_label, category_id, line.department_label, line.department_code,
               departments[where], line.description, decided.coverage, decided.contract_id,
               decided.exclusion_rule_id)


def spend_lines_insert(rows: Iterable[tuple], *, step: Step) -> None:
    """Insert the rows: one COPY on PostgreSQL, batched INSERTs elsewhere; `step` told every batch."""
    if connection.vendor != "postgresql":
        for batch in _chunks(rows, INSERT_BATCH):
            SpendLine.objects.bulk_create(SpendLine(**dict(zip(LINE_COLUMNS, row, strict=True))) for row in batch)
            step(len(batch))
        return
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(SpendLine._meta.db_table),
        sql.SQL(", ").join(sql.Identifier(SpendLine._meta.get_field(name).column) for name in LINE_COLUMNS))
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for batch in _chunks(rows, INSERT_BATCH):
            for row in batch:
                copy.write_row(row)
            step(len(batch))


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
