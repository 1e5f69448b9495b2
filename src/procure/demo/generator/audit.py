"""Audit rows for records the demo creates in bulk: one 'created' event per record, as a service writes."""

from collections.abc import Callable, Sequence

from django.contrib.contenttypes.models import ContentType
from django.db import models

from procure.core.audit import snapshot
from procure.core.models import AuditEvent

SYSTEM = "system"


def audit_created(records: Sequence[models.Model], *, action: str, organisation,
                  extra: Callable[[models.Model], dict] | None = None) -> None:
    """Append one event per record, by the system, with the record as it was made."""
    if not records:
        return
    subject_type = ContentType.objects.get_for_model(records[0], for_concrete_model=True)
    events = [
        AuditEvent(actor=None, actor_name=SYSTEM, organisation=organisation, action=action,
                   subject_type=subject_type, subject_id=str(record.pk), subject_label=str(record)[:300],
                   after={**snapshot(record), **(extra(record) if extra else {})})
        for record in records
    ]
    AuditEvent.objects.bulk_create(events, batch_size=500)
