"""Time Procure's import of a million-line spend file into PostgreSQL against a raw COPY of the same rows.

    .venv/bin/python bench/import_1m.py [--lines 1000000] [--seed 2024] [--profile] [--verify-fast-load]

In a scratch database holding the synthetic register (bench/synthetic_register.py: about 5,000 suppliers
with their trading names, 3,200 contracts), it measures:
  (b) the floor: `COPY ... FROM STDIN (FORMAT csv)` of the file into a bare table with the file's 16 columns
      typed (dates, amounts, text), no indexes, nothing else; run before and after (a), the faster counts;
  (a) procure: `spend_import`, end to end, as `procure spend import` runs it: checksum, reading and validating
      every row, resolving every payee name to a supplier (new suppliers and reviews where needed), mapping
      categories and departments, writing the lines (COPY), totals, deciding the lines' coverage and adding
      them to the KPI summary, the import record and its audit row, commit.
Target: (a) <= 2 x (b). Prints the figures, the time of each step of (a) (timed by wrapping the functions
the import's module calls), and one JSON line. The file is generated first if it is not in bench/data/.
--profile adds a cProfile listing of (a). --verify-fast-load then loads the same file again by
bench/loading.py's fast route, decides its coverage, and checks every column of every line against (a)'s.
"""

import argparse
import cProfile
import io
import pstats
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import benchkit
from benchkit import Timer, emit
from psycopg import sql
from synthetic_spend import SEED, build_register, ensure_spend_file

TARGET_RATIO = 2.0
FLOOR_COLUMNS = (
    ("organisation_label", "text"), ("organisation_uri", "text"), ("effective_date", "date"),
    ("unit", "text"), ("payee", "text"), ("other_id", "text"), ("payment_date", "date"),
    ("transaction_number", "text"), ("amount", "numeric(14, 2)"), ("vat", "numeric(14, 2)"),
    ("purpose", "text"), ("proclass_label", "text"), ("proclass_code", "text"), ("invoice_number", "text"),
    ("profit_centre", "text"), ("vat_number", "text"))


def floor_copy(path: Path) -> tuple[float, int]:
    """(seconds, rows) for a raw COPY of the file into a fresh bare table, committed."""
    from django.db import connection, transaction

    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_floor")
        cursor.execute(f"CREATE TABLE bench_floor ({', '.join(f'{n} {t}' for n, t in FLOOR_COLUMNS)})")
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        statement = sql.SQL("COPY bench_floor FROM STDIN WITH (FORMAT csv, HEADER true)")
        benchkit.copy_file(cursor.cursor, statement, path)
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM bench_floor")
        rows = cursor.fetchone()[0]
        cursor.execute("DROP TABLE bench_floor")
    return seconds, rows


# The steps of the import, by the names its module calls them (timed by wrapping them for the run).
STAGES = {"file_checksum": "checksum (SHA-256 of the file)", "read_spend_file": "reading and validating rows",
          "payees_settle": "resolving payee names",
          "spend_lines_insert": "building rows and COPY into spend_spendline", "lines_total": "totals",
          "coverage_after_import": "coverage decided and KPI summary added"}


@contextmanager
def stages_timed(seconds: dict[str, float]) -> Iterator[None]:
    """Time each step of spend_import (STAGES) by wrapping the functions its module calls."""
    from procure.spend.services import imports

    originals = {name: getattr(imports, name) for name in STAGES}

    def timed(name: str, function):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                seconds[STAGES[name]] = seconds.get(STAGES[name], 0) + time.perf_counter() - started
        return wrapper

    for name, function in originals.items():
        setattr(imports, name, timed(name, function))
    try:
        yield
    finally:
        for name, function in originals.items():
            setattr(imports, name, function)


def procure_import(path: Path, setup, *, profile: bool) -> tuple[float, object, str, dict[str, float]]:
    from procure.spend.services import spend_import

    profiler = cProfile.Profile() if profile else None
    stages: dict[str, float] = {}
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    with stages_timed(stages):
        record = spend_import(organisation=setup.organisation, path=path, file_name=path.name,
                              actor=setup.officer)
    if profiler:
        profiler.disable()
    seconds = time.perf_counter() - started
    stages["the rest (import record, audit, commit)"] = seconds - sum(stages.values())
    report = ""
    if profiler:
        buffer = io.StringIO()
        pstats.Stats(profiler, stream=buffer).sort_stats("cumulative").print_stats(35)
        report = buffer.getvalue()
    return seconds, record, report, stages


def verify_fast_load(path: Path, setup, record) -> dict:
    """Load the file again by the fast route, decide its coverage as the import does, and compare its lines
    with the import's, column by column."""
    from django.db import connection
    from loading import decide_and_summarise, spend_fast_load

    from procure.spend.models import SpendLine

    again = spend_fast_load(path, setup=setup, timer=Timer(), checksum="bench-verify")
    decide_and_summarise(again, timer=Timer())
    compared = [f.column for f in SpendLine._meta.concrete_fields
                if f.column not in ("id", "spend_import_id")]
    columns = ", ".join(connection.ops.quote_name(c) for c in compared)
    differences = {}
    with connection.cursor() as cursor:
        for name, left, right in (("only_in_import", record.pk, again.pk),
                                  ("only_in_fast", again.pk, record.pk)):
            cursor.execute(f"SELECT count(*) FROM (SELECT {columns} FROM spend_spendline "
                           f"WHERE spend_import_id = %s EXCEPT ALL SELECT {columns} FROM spend_spendline "
                           f"WHERE spend_import_id = %s) x", [left, right])
            differences[name] = cursor.fetchone()[0]
    print(f"fast route against the import: {again.lines:,} lines, {differences['only_in_import']} only in "
          f"the import, {differences['only_in_fast']} only in the fast route (columns compared: "
          f"{len(compared)})")
    return {"lines": again.lines, **differences, "same": not any(differences.values())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--verify-fast-load", action="store_true")
    options = parser.parse_args()
    path, summary = ensure_spend_file(options.lines, options.seed)
    with benchkit.scratch_database("import") as url:
        benchkit.django_setup(url)
        from loading import register_load

        setup = register_load(build_register(options.seed))
        print(f"PostgreSQL {benchkit.server_version()}; register: {setup.counts}; file: {path.name}, "
              f"{summary['lines']:,} lines, {summary['bytes'] / 1e6:,.0f} MB")
        floors = [floor_copy(path)[0]]
        procure_seconds, record, report, stages = procure_import(path, setup, profile=options.profile)
        floor_seconds, floor_rows = floor_copy(path)
        floors.append(floor_seconds)
        floor = min(floors)
        ratio = procure_seconds / floor
        status = getattr(record.status, "value", record.status)
        print(f"(b) floor, raw COPY of {floor_rows:,} rows: {floor:.2f} s (runs: "
              f"{', '.join(f'{s:.2f}' for s in floors)})")
        print(f"(a) procure import: {procure_seconds:.2f} s, status {status}, {record.lines:,} lines, "
              f"£{record.total:,}; payees linked {record.payees_linked:,}, new {record.payees_new:,}, "
              f"to review {record.payees_to_review:,}")
        for name, value in stages.items():
            print(f"    {name}: {value:.2f} s ({value / floor:.1f} x the floor)")
        print(f"ratio (a)/(b): {ratio:.1f} x (target <= {TARGET_RATIO:g} x: "
              f"{'met' if ratio <= TARGET_RATIO else 'missed'})")
        if report:
            print(report)
        verified = verify_fast_load(path, setup, record) if options.verify_fast_load else None
        emit({"bench": "import_1m", "database": f"postgresql {benchkit.server_version()}",
              "lines": record.lines, "file_lines": summary["lines"], "status": status,
              "total": str(record.total),
              "floor_copy_s": round(floor, 3), "procure_import_s": round(procure_seconds, 3),
              "ratio": round(ratio, 2), "target_ratio": TARGET_RATIO, "target_met": ratio <= TARGET_RATIO,
              "lines_per_s": round(record.lines / procure_seconds), "payees_linked": record.payees_linked,
              "payees_new": record.payees_new, "payees_to_review": record.payees_to_review,
              "stages_s": {name: round(value, 2) for name, value in stages.items()},
              "fast_load_check": verified})


if __name__ == "__main__":
    sys.exit(main())
