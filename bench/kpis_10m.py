"""Time the full KPI block for one year at ten million spend lines against plain pandas on the same data.

    .venv/bin/python bench/kpis_10m.py [--lines 10000000] [--seed 2024] [--runs 5]

In a scratch database holding the synthetic register, the N lines are loaded by bench/loading.py's fast route
(COPY into a staging table, each distinct payee, category and department resolved once by the app's code,
INSERT ... SELECT into spend_spendline with indexes rebuilt after), then the app decides their coverage and
adds them to the KPI summary exactly as its import does (coverage_after_import): that rebuild is timed and
reported apart. Then:
  (c) procure: `kpi_block(organisations=[org], year=2024/25)`, the whole block (every figure, exclusions,
      breakdowns by category, department and supplier, monthly trend, contracts managed, savings); run
      `--runs` times after one unmeasured call, the median counts;
  (d) baseline: bench/kpis_pandas.py in its own process, from the spend CSV and the register tables exported
      to CSV, deciding coverage itself; wall time including Python's start, reading and computing.
The two must agree to the penny on every figure, breakdown entry and month (asserted: the script exits 1
and names the differences when they do not). Targets: (c) <= 0.5 s and (d) / (c) >= 20. Prints the figures
and one JSON line.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import benchkit
from benchkit import DATA, Timer, emit
from synthetic_spend import ORGANISATION, SEED, YEAR, build_register, ensure_spend_file

TARGET_SECONDS = 0.5
TARGET_RATIO = 20
EXPORTS = {
    "payees": "SELECT raw, supplier_id FROM bench_payees",
    "category_map": "SELECT code, label, purpose, expense_type, category_id FROM bench_categories",
    "department_map": "SELECT profit_centre, unit, department_id FROM bench_departments",
    "suppliers": "SELECT id, postcode_district, is_public_body FROM suppliers_supplier "
                 "WHERE organisation_id = {org}",
    "classifications": "SELECT c.supplier_id, c.valid_from, c.size, c.is_vcse "
                       "FROM suppliers_supplierclassification c "
                       "JOIN suppliers_supplier s ON s.id = c.supplier_id WHERE s.organisation_id = {org}",
    "postcode_districts": "SELECT district, county_code, region_code, share FROM suppliers_postcodedistrict",
    "contracts": "SELECT c.id, c.starts_on, c.final_ends_on, c.route, "
                 "coalesce(f.is_public_buying_organisation, false) AS framework_public, "
                 "c.is_managed_by_procurement FROM contracts_contract c "
                 "LEFT JOIN contracts_framework f ON f.id = c.framework_id WHERE c.organisation_id = {org}",
    "contract_suppliers": "SELECT l.contract_id, l.supplier_id FROM contracts_contract_suppliers l "
                          "JOIN contracts_contract c ON c.id = l.contract_id WHERE c.organisation_id = {org}",
    "contract_categories": "SELECT l.contract_id, l.category_id FROM contracts_contract_categories l "
                           "JOIN contracts_contract c ON c.id = l.contract_id "
                           "WHERE c.organisation_id = {org}",
    "categories": "SELECT id, parent_id, level, name, scheme FROM contracts_category",
    "exclusion_rules": "SELECT id, kind, value, category_id, supplier_id, reason, is_active "
                       "FROM spend_exclusionrule WHERE organisation_id = {org}",
    "savings": "SELECT s.saving_type, y.financial_year, y.projected, y.realised FROM spend_savingyear y "
               "JOIN spend_saving s ON s.id = y.saving_id WHERE s.organisation_id = {org}",
}


def export_tables(folder: Path, organisation, block) -> None:
    """The register tables and resolution maps as CSV for the pandas baseline (COPY ... TO STDOUT)."""
    from django.db import connection

    folder.mkdir(parents=True, exist_ok=True)
    with connection.cursor() as cursor:
        for name, query in EXPORTS.items():
            statement = f"COPY ({query.format(org=organisation.pk)}) TO STDOUT WITH (FORMAT csv, HEADER true)"
            with (folder / f"{name}.csv").open("wb") as handle, cursor.cursor.copy(statement) as copy:
                for data in copy:
                    handle.write(data)
        cursor.execute("DROP TABLE bench_payees, bench_categories, bench_departments")
    settings = {"year": YEAR, "starts_on": block.year.starts_on.isoformat(),
                "ends_on": block.year.ends_on.isoformat(), "as_at": block.as_at.isoformat(),
                "county": organisation.local_county_code, "region": organisation.local_region_code}
    (folder / "settings.json").write_text(json.dumps(settings))


def summary_row_counts(organisation) -> dict[str, int]:
    """Rows in the tables the KPI engine reads instead of the lines (those this version of the app has)."""
    from django.apps import apps

    counts = {}
    for name in ("SpendSummary", "SpendRollup"):
        try:
            model = apps.get_model("spend", name)
        except LookupError:
            continue
        counts[model._meta.db_table] = model.objects.filter(organisation=organisation).count()
    return counts


def time_kpi_block(organisation, runs: int):
    from procure.core.dates import FinancialYear
    from procure.spend.kpis.selectors import kpi_block

    def once():
        started = time.perf_counter()
        block = kpi_block(organisations=[organisation], year=FinancialYear(YEAR))
        return time.perf_counter() - started, block

    first, block = once()
    seconds = [once()[0] for _ in range(runs)]
    return first, seconds, block


def comparable(block) -> dict:
    """kpi_block's JSON in the pandas script's shape: breakdowns and months keyed, exclusions by reason."""
    data = block.as_json()
    shaped = ("organisations", "year", "as_at", "exclusions", "by_category", "by_department", "by_supplier",
              "monthly")
    result = {key: value for key, value in data.items() if key not in shaped}
    result["exclusions"] = {item["reason"]: item["amount"] for item in data["exclusions"]}
    for name in ("by_category", "by_department", "by_supplier"):
        result[name] = {("null" if item["key"] is None else str(item["key"])):
                        [item["amount"], item["contracted"]] for item in data[name]}
    result["monthly"] = {item["month"]: [item["amount"], item["contracted"]] for item in data["monthly"]
                         if item["amount"] != "0.00" or item["contracted"] != "0.00"}
    return result


def differences(procure: dict, pandas: dict) -> list[str]:
    found = []
    for key in sorted(set(procure) | set(pandas)):
        if key.startswith("_"):
            continue
        left, right = procure.get(key), pandas.get(key)
        if isinstance(left, dict) and isinstance(right, dict):
            for item in sorted(set(left) | set(right)):
                if left.get(item) != right.get(item):
                    found.append(f"{key}[{item}]: procure {left.get(item)} pandas {right.get(item)}")
        elif left != right:
            found.append(f"{key}: procure {left} pandas {right}")
    return found


def run_pandas(path: Path, folder: Path) -> tuple[float, dict]:
    output = folder / "pandas_result.json"
    started = time.perf_counter()
    subprocess.run([sys.executable, str(Path(__file__).with_name("kpis_pandas.py")), str(path), str(folder),
                    str(output)], check=True)
    return time.perf_counter() - started, json.loads(output.read_text())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    path, summary = ensure_spend_file(options.lines, options.seed)
    folder = DATA / f"kpis_tables_{os.getpid()}"
    timer = Timer()
    with benchkit.scratch_database("kpis") as url:
        benchkit.django_setup(url)
        from loading import decide_and_summarise, register_load, spend_fast_load

        setup = register_load(build_register(options.seed))
        version = benchkit.server_version()
        print(f"PostgreSQL {version}; register: {setup.counts}; loading {summary['lines']:,} lines:",
              flush=True)
        record = spend_fast_load(path, setup=setup, timer=timer, bulk=True, keep_maps=True)
        decide_and_summarise(record, timer=timer)
        summary_rows = summary_row_counts(setup.organisation)
        first, runs, block = time_kpi_block(setup.organisation, options.runs)
        export_tables(folder, setup.organisation, block)
        procure = comparable(block)
    procure_seconds = statistics.median(runs)
    print(f"(c) kpi_block for {ORGANISATION['name']} 2024/25: median {procure_seconds * 1000:.0f} ms of "
          f"{len(runs)} runs ({', '.join(f'{s * 1000:.0f}' for s in runs)} ms; "
          f"first call {first * 1000:.0f} ms); rows read from: {summary_rows}")
    pandas_seconds, pandas = run_pandas(path, folder)
    print(f"(d) pandas, wall time including its load: {pandas_seconds:.2f} s")
    found = differences(procure, pandas)
    if not os.environ.get("BENCH_KEEP_TABLES"):
        shutil.rmtree(folder, ignore_errors=True)
    rebuild = timer.seconds["coverage decided and KPI summary added (coverage_after_import)"]
    ratio = pandas_seconds / procure_seconds
    print(f"agreement: {'every figure to the penny' if not found else f'{len(found)} differences'}")
    for line in found[:40]:
        print("  " + line)
    print(f"ratio (d)/(c): {ratio:.0f} x (target >= {TARGET_RATIO}); (c) target <= {TARGET_SECONDS} s: "
          f"{'met' if procure_seconds <= TARGET_SECONDS else 'missed'}; coverage and summary rebuild: "
          f"{rebuild:.1f} s (pandas / (kpi_block + rebuild): "
          f"{pandas_seconds / (procure_seconds + rebuild):.2f} x)")
    emit({"bench": "kpis_10m", "database": f"postgresql {version}", "lines": record.lines,
          "lines_in_year": pandas["_seconds"]["lines_in_year"], "summary_rows": summary_rows,
          "kpi_block_s": round(procure_seconds, 4), "kpi_block_first_s": round(first, 4),
          "kpi_block_runs_s": [round(s, 4) for s in runs], "pandas_s": round(pandas_seconds, 2),
          "pandas_inside_s": pandas["_seconds"], "ratio": round(ratio, 1), "agree": not found,
          "differences": len(found), "total_spend": procure["total_spend"],
          "compliance_pct": procure["compliance_pct"],
          "target_seconds": TARGET_SECONDS, "target_ratio": TARGET_RATIO,
          "target_met": procure_seconds <= TARGET_SECONDS and ratio >= TARGET_RATIO and not found,
          "load_s": {name: round(value, 2) for name, value in timer.seconds.items()}})
    return 0 if not found else 1


if __name__ == "__main__":
    sys.exit(main())
