"""Helpers for tests and benchmarks (no test framework imported here)."""

import os
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[3]


def shared_data_dir() -> Path:
    """The public sample files: PROCURE_SHARED_DATA, else the `shared/data` folder beside the repository."""
    return Path(os.environ.get("PROCURE_SHARED_DATA", REPOSITORY.parent / "shared" / "data"))
