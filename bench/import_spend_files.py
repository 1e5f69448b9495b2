"""Time Procure's import of real spend files against the floor of merely reading them.

    .venv/bin/python bench/import_spend_files.py [FILE ...]

Without files it takes the six Lancashire Fire workbooks from the shared data folder
(PROCURE_SHARED_DATA, default: the `shared/data` folder beside the repository). Each run builds a fresh
database (SQLite in a temporary folder, or the PostgreSQL server named by BENCH_DATABASE_URL), then measures:
  baseline  reading every row of every file with openpyxl / csv and nothing else;
  procure   `spend_import` of all files: parsing, validation, payee resolution, insert, audit.
It prints the figures and the ratio procure / baseline, then one JSON line.
"""

import csv
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PROCURE_SHARED_DATA", REPO.parent / "shared" / "data"))


def read_floor(paths: list[Path]) -> int:
    import openpyxl

    rows = 0
    for path in paths:
        if path.suffix.lower() == ".xlsx":
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
            for sheet in workbook.worksheets:
                rows += sum(1 for _ in sheet.iter_rows(values_only=True))
            workbook.close()
        else:
            with path.open(newline="", encoding="utf-8-sig", errors="replace") as handle:
                rows += sum(1 for _ in csv.reader(handle))
    return rows


def main() -> None:
    paths = [Path(arg) for arg in sys.argv[1:]] or sorted((SHARED / "spend" / "lancashire_fire_xlsx").glob("*.xlsx"))
    if not paths:
        sys.exit(f"No files given and none found under {SHARED}")
    scratch = tempfile.mkdtemp(prefix="procure-bench-")
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{scratch}/bench.sqlite3")
    os.environ["PROCURE_HOME"] = scratch
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "procure.config.settings")
    sys.path.insert(0, str(REPO / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    from procure.organisations.services import organisation_add
    from procure.spend.services import spend_import

    call_command("migrate", verbosity=0)
    organisation, _ = organisation_add(slug="bench", name="Bench")

    started = time.perf_counter()
    rows = read_floor(paths)
    baseline = time.perf_counter() - started

    started = time.perf_counter()
    imports = [spend_import(organisation=organisation, path=path, file_name=path.name, actor=None) for path in paths]
    procure = time.perf_counter() - started

    lines = sum(item.lines for item in imports)
    statuses = sorted({getattr(item.status, "value", item.status) for item in imports})
    print(f"files: {len(paths)}, rows read: {rows}, lines imported: {lines}, statuses: {statuses}")
    print(f"baseline (read only): {baseline:.2f} s")
    print(f"procure import:       {procure:.2f} s  ({procure / baseline:.1f} x baseline)")
    print(json.dumps({"bench": "import_spend_files", "database": django.db.connection.vendor, "files": len(paths),
                      "lines": lines, "baseline_s": round(baseline, 3), "procure_s": round(procure, 3),
                      "ratio": round(procure / baseline, 2), "statuses": statuses}))


if __name__ == "__main__":
    main()
