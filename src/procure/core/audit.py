"""The audit trail: services call `audit_record` for every change they make."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from procure.core.models import AuditEvent


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return f"{value:.2f}" if value == value.quantize(Decimal("0.01")) else str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    return value


def snapshot(instance: models.Model, *, exclude: tuple[str, ...] = (), many: tuple[str, ...] = ()) -> dict:
    """A record's fields as JSON-ready values; foreign keys and `many` relations by their names."""
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in exclude or field.name in ("created_at", "updated_at", "password"):
            continue
        if field.is_relation:
            related = getattr(instance, field.name)
            data[field.name] = str(related) if related is not None else None
        else:
            data[field.name] = _jsonable(getattr(instance, field.attname))
    for name in many:
        data[name] = sorted(str(item) for item in getattr(instance, name).all())
    return data


def audit_record(
    *,
    actor: Any,
    action: str,
    subject: models.Model,
    before: dict | None = None,
    after: dict | None = None,
    organisation: Any = None,
) -> AuditEvent:
    """Append one event. `actor` may be None for the system (a command run without a user)."""
    actor_name = "system"
    if actor is not None and getattr(actor, "is_authenticated", False):
        actor_name = actor.get_full_name() or actor.get_username()
    return AuditEvent.objects.create(
        actor=actor if actor is not None and getattr(actor, "pk", None) else None,
        actor_name=actor_name,
        organisation=organisation,
        action=action,
        subject_type=ContentType.objects.get_for_model(subject, for_concrete_model=True),
        subject_id=str(subject.pk),
        subject_label=str(subject)[:300],
        before=_jsonable(before) if before is not None else None,
        after=_jsonable(after) if after is not None else None,
    )


def audit_history(subject: models.Model) -> models.QuerySet[AuditEvent]:
    """Every event about one record, newest first."""
    return AuditEvent.objects.filter(
        subject_type=ContentType.objects.get_for_model(subject, for_concrete_model=True),
        subject_id=str(subject.pk),
    ).order_by("-at", "-id")
