"""What the bench scripts share: a scratch PostgreSQL database, Django pointed at it, timing and reporting.

Every script makes its own database (named procure_bench_<script>_<process id>) on the server named by
BENCH_POSTGRES (default postgres://postgres@127.0.0.1:5432, trust authentication), migrates it, and drops it
at the end, even after an error. It never touches any other database.
"""

import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from psycopg import sql

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "bench" / "data"
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432").rstrip("/")
NAME_PREFIX = "procure_bench_"
_PROTECTED = {"postgres", "test", "root", "template0", "template1"}
COPY_BLOCK = 1 << 20


def _check_name(name: str) -> None:
    if not name.startswith(NAME_PREFIX) or name in _PROTECTED or name.startswith("test_"):
        raise ValueError(f"refusing to create or drop database {name!r}")


@contextmanager
def scratch_database(script: str, *, keep: bool = False) -> Iterator[str]:
    """A new, empty database for this run; its URL is yielded and it is dropped afterwards (unless `keep`)."""
    name = f"{NAME_PREFIX}{script}_{os.getpid()}"
    _check_name(name)
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield f"{SERVER}/{name}"
    finally:
        if not keep:
            _drop(name)


def _drop(name: str) -> None:
    _check_name(name)
    from django import db

    db.connections.close_all()
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def django_setup(database_url: str) -> Path:
    """Point Procure's settings at `database_url`, start Django and migrate; returns the scratch home."""
    home = Path(tempfile.mkdtemp(prefix="procure-bench-"))
    os.environ["DATABASE_URL"] = database_url
    os.environ["PROCURE_HOME"] = str(home)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "procure.config.settings")
    if str(REPO / "src") not in sys.path:
        sys.path.insert(0, str(REPO / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return home


def server_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0].split(" ")[0]


def copy_file(cursor, statement: sql.Composable, path: Path) -> None:
    """Stream a file through COPY ... FROM STDIN a block at a time (psycopg's copy, no rows held)."""
    with cursor.copy(statement) as copy, path.open("rb") as handle:
        while block := handle.read(COPY_BLOCK):
            copy.write(block)


class Timer:
    """Named wall-clock timings, printed as they finish."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, name: str, *, quiet: bool = False) -> Iterator[None]:
        started = time.perf_counter()
        yield
        self.seconds[name] = time.perf_counter() - started
        if not quiet:
            print(f"  {name}: {self.seconds[name]:.3f} s", flush=True)


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (share 0.5 for the median, 0.95 for p95)."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(share * len(ordered) + 0.4999)))
    return ordered[rank - 1]


def median(values: list[float]) -> float:
    return statistics.median(values)


def emit(record: dict) -> None:
    """The one JSON line every bench script ends with."""
    print(json.dumps(record, default=str), flush=True)
