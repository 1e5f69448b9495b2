"""How far a running import has got, shared between the thread doing it and the page showing it.

The import writes its lines in one transaction, so other connections cannot see progress saved inside it;
the figures are kept here in memory as well (for pages served by the same process) and saved to the
import's record between phases.
"""

import threading

_lock = threading.Lock()
_running: dict[int, tuple[int, int]] = {}


def progress_set(import_id: int, done: int, total: int) -> None:
    with _lock:
        _running[import_id] = (done, total)


def progress_get(import_id: int) -> tuple[int, int] | None:
    with _lock:
        return _running.get(import_id)


def progress_clear(import_id: int) -> None:
    with _lock:
        _running.pop(import_id, None)
