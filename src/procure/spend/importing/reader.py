"""The reading engine: find each table's heading row, read every row under it, and check the file's total.

Nothing here touches the database: a file is read whole into a `ReadResult` (lines, bad rows, notes and
totals), and the import service decides what to write.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from procure.core.errors import ImportRejected
from procure.core.money import ZERO, format_money
from procure.core.tabular import Sheet, cell_text, header_key, is_blank_row, open_sheets
from procure.spend.importing import cells
from procure.spend.importing.fields import (
    FIELDS,
    LABELS,
    REQUIRED_FIELDS,
    columns_by_mapping,
    columns_by_synonyms,
    header_signature,
    missing_required,
)
from procure.spend.importing.rows import ParsedLine, Table, read_row

HEADER_SEARCH_ROWS = 30
PROGRESS_EVERY = 1000
LGA_MARKERS = {"organisationlabel", "organisationuri", "beneficiaryname", "proclasslabel", "effectivedate"}
_ALL_HEADINGS = {header_key(s) for spec in FIELDS for s in spec.synonyms + spec.fallbacks}

Progress = Callable[[int, int], None]
WORDING = {"not_text": "This file is not a CSV or XLSX spreadsheet: upload the spend file as .csv or .xlsx"}


@dataclass(frozen=True)
class SavedMapping:
    name: str
    columns: dict[str, str]  # {field: heading}


@dataclass
class TotalRow:
    line: int
    amount: Decimal
    is_grand: bool


@dataclass
class ReadResult:
    lines: list[ParsedLine] = field(default_factory=list)
    problems: list[dict] = field(default_factory=list)  # [{line, sheet, reason}]: any one refuses the file
    skipped: list[dict] = field(default_factory=list)  # [{line, sheet, reason}]: rows that are not payments
    tables: list[Table] = field(default_factory=list)
    file_total: Decimal | None = None
    file_total_source: str = ""
    headers: list[str] = field(default_factory=list)  # the best heading row seen, for choosing columns
    header_signature: str = ""
    rows_read: int = 0
    layout_unrecognised: bool = False

    @property
    def lines_total(self) -> Decimal:
        return sum((line.amount for line in self.lines), ZERO)

    @property
    def layout(self) -> str:
        if not self.tables:
            return ""
        saved = next((table.source for table in self.tables if table.source != "synonyms"), None)
        if saved:
            return f"Saved mapping: {saved}"[:100]
        if any(len(LGA_MARKERS & {header_key(h) for h in table.headings}) >= 3 for table in self.tables):
            return "LGA spend (Transparency Code)"
        return "Finance export (headings recognised)"

    def mapping(self) -> dict:
        return {"tables": [{"sheet": t.sheet, "line": t.line, "source": t.source,
                            "columns": {name: t.heading(name) for name in t.columns}} for t in self.tables]}


def read_spend_file(path: Path, *, mappings: dict[str, SavedMapping] | None = None,
                    progress: Progress | None = None) -> ReadResult:
    """Read a CSV or XLSX spend file. Never raises for bad content: problems are listed in the result."""
    result = ReadResult()
    candidate = _Candidate()
    sheet_totals: list[tuple[str, list[TotalRow], Decimal]] = []
    try:
        for sheet in open_sheets(Path(path), wording=WORDING):
            reader = _SheetReader(sheet, mappings or {}, result, candidate, progress)
            reader.read()
            if reader.tables_found:
                sheet_totals.append((sheet.name, reader.totals, reader.lines_sum))
    except ImportRejected as error:
        result.problems.append({"line": None, "sheet": "", "reason": error.message})
        return result
    if not result.tables:
        _reject_layout(result, candidate)
        return result
    _settle_totals(result, sheet_totals)
    return result


class _Candidate:
    """The most heading-like row met, to name the columns when no table is recognised."""

    def __init__(self) -> None:
        self.score: tuple[int, int] = (-1, -1)
        self.sheet, self.row, self.columns = "", (), {}

    def offer(self, sheet: str, row: tuple, columns: dict[str, int]) -> None:
        texts = sum(1 for cell in row if isinstance(cell, str) and cell.strip())
        score = (len(columns), texts)
        if texts >= 2 and score > self.score:
            self.score, self.sheet, self.row, self.columns = score, sheet, row, columns


class _SheetReader:
    def __init__(self, sheet: Sheet, mappings: dict[str, SavedMapping], result: ReadResult,
                 candidate: _Candidate, progress: Progress | None) -> None:
        self.sheet, self.mappings, self.result = sheet, mappings, result
        self.candidate, self.progress = candidate, progress
        self.table: Table | None = None
        self.tables_found = 0
        self.totals: list[TotalRow] = []
        self.lines_sum = ZERO

    def read(self) -> None:
        searched = 0
        for number, row in self.sheet.rows:
            self.result.rows_read += 1
            if self.progress and self.result.rows_read % PROGRESS_EVERY == 0:
                self.progress(self.result.rows_read, 0)
            if is_blank_row(row):
                continue
            if self.table is None:
                searched += 1
                if searched > HEADER_SEARCH_ROWS:
                    break
                self._find_heading(row, number)
                continue
            if self._may_be_heading(row) and self._find_heading(row, number):
                continue
            self._read(row, number)
        if not self.tables_found and self.sheet.name:
            self._note(None, "No table of payments found on this sheet: left out")

    def _may_be_heading(self, row: tuple) -> bool:
        """A cheap test before the full one: all text, with a known heading where a required value should be."""
        columns = self.table.columns
        named = any(columns[name] < len(row) and header_key(row[columns[name]]) in _ALL_HEADINGS
                    for name in REQUIRED_FIELDS)
        return (named or bool(self.mappings)) and cells.is_all_text(row)

    def _find_heading(self, row: tuple, number: int) -> bool:
        table = detect_table(row, self.sheet.name, number, self.mappings)
        if table is None:
            if self.table is None:
                self.candidate.offer(self.sheet.name, row, columns_by_synonyms(row))
            return False
        self.table = table
        self.tables_found += 1
        self.result.tables.append(table)
        if not self.result.headers:
            self.result.headers = table.headings
            self.result.header_signature = table.signature
        return True

    def _read(self, row: tuple, number: int) -> None:
        outcome = read_row(row, self.table, number)
        if outcome.kind == "line":
            self.result.lines.append(outcome.line)
            self.lines_sum += outcome.line.amount
        elif outcome.kind == "total":
            self.totals.append(TotalRow(number, outcome.amount, outcome.is_grand_total))
            self._note(number, f"Total row ({format_money(outcome.amount)}): used to check the lines, not imported")
        elif outcome.kind == "note":
            self._note(number, outcome.reasons[0])
        else:
            reason = "; ".join(outcome.reasons)
            self.result.problems.append({"line": number, "sheet": self.sheet.name, "reason": reason})

    def _note(self, number: int | None, reason: str) -> None:
        self.result.skipped.append({"line": number, "sheet": self.sheet.name, "reason": reason})


def detect_table(row: tuple, sheet: str, number: int, mappings: dict[str, SavedMapping]) -> Table | None:
    """A Table when `row` is a heading row: one a saved mapping was made for, or one the synonyms recognise."""
    if mappings:
        signature = header_signature(row)
        saved = mappings.get(signature)
        if saved is not None:
            columns = columns_by_mapping(row, saved.columns)
            if not missing_required(columns):
                return Table(sheet, number, columns, [cell_text(c) for c in row], signature, saved.name)
    names = [header_key(cell) for cell in row if isinstance(cell, str)]
    if sum(1 for name in names if name in _ALL_HEADINGS) < len(REQUIRED_FIELDS):
        return None
    columns = columns_by_synonyms(row)
    if missing_required(columns):
        return None
    return Table(sheet, number, columns, [cell_text(c) for c in row], header_signature(row), "synonyms")


def _reject_layout(result: ReadResult, candidate: _Candidate) -> None:
    result.layout_unrecognised = True
    if not candidate.row:
        result.problems.append({"line": None, "sheet": "", "reason": "The file has no table of payments in it"})
        return
    headings = [cell_text(cell) for cell in candidate.row]
    result.headers = headings
    result.header_signature = header_signature(candidate.row)
    found = ", ".join(h for h in headings if h) or "none"
    missing = " and ".join(LABELS[name] for name in missing_required(candidate.columns))
    result.problems.append({"line": None, "sheet": candidate.sheet, "reason": (
        f"The columns were not recognised: no column for the {missing} was found. "
        f"The columns found are: {found}. Choose which column is which, and save the choice for next time.")})


def _settle_totals(result: ReadResult, sheet_totals: list[tuple[str, list[TotalRow], Decimal]]) -> None:
    """The file's own total: its total rows where it has them (checked against the lines), else its amounts."""
    file_total, sources = ZERO, []
    for sheet, totals, lines_sum in sheet_totals:
        if not totals:
            file_total += lines_sum
            continue
        stated, line = _stated_total(totals, lines_sum)
        file_total += stated
        where = f"line {line}" + (f" of sheet '{sheet}'" if sheet else "")
        sources.append(where)
        if stated != lines_sum:
            result.problems.append({"line": line, "sheet": sheet, "reason": (
                f"The total row says {format_money(stated)} but the lines above add up to "
                f"{format_money(lines_sum)}: check for missing, extra or unreadable lines")})
    result.file_total = file_total
    if sources:
        result.file_total_source = ("the total row on " + ", ".join(sources))[:100]
    else:
        result.file_total_source = "the sum of its amount column (the file has no total row)"


def _stated_total(totals: list[TotalRow], lines_sum: Decimal) -> tuple[Decimal, int]:
    grand = [total for total in totals if total.is_grand]
    if grand:
        return grand[-1].amount, grand[-1].line
    last = totals[-1]
    if last.amount != lines_sum and sum(total.amount for total in totals) == lines_sum:
        return lines_sum, last.line  # subtotals only: together they are the total
    return last.amount, last.line
