"""What the board decides, registered by the apps that own it (governance imports none of them).

An app registers a model with three callables:
- `pending(organisation)`: the records waiting for the board, oldest first;
- `describe(record)`: (title, summary, url) shown on agendas;
- `decided(record, item, actor)`: called inside the decision's transaction; it changes the record (its status)
  and may raise `BusinessRuleViolation` to refuse the decision, which is then not recorded.
Sourcing registers procurement requests in `SourcingConfig.ready()`.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models


@dataclass(frozen=True)
class BoardSubject:
    model: type[models.Model]
    pending: Callable[[Any], Iterable[models.Model]]
    describe: Callable[[models.Model], tuple[str, str, str]]
    decided: Callable[..., None]


_SUBJECTS: dict[str, BoardSubject] = {}


def register(subject: BoardSubject) -> None:
    _SUBJECTS[subject.model._meta.label_lower] = subject


def subjects() -> list[BoardSubject]:
    return list(_SUBJECTS.values())


def subject_for(model: type[models.Model]) -> BoardSubject | None:
    return _SUBJECTS.get(model._meta.label_lower)
