import pytest

from procure.core.audit import audit_history, audit_record, snapshot
from procure.core.models import AppendOnlyError, AuditEvent


def test_audit_record_keeps_who_what_before_and_after(organisation, officer):
    before = snapshot(organisation)
    organisation.name = "Renamed"
    event = audit_record(actor=officer, action="organisation.updated", subject=organisation,
                         before=before, after=snapshot(organisation), organisation=organisation)
    assert event.actor_name == officer.get_full_name()
    assert ("name", "Lancashire Constabulary", "Renamed") in event.changes
    assert list(audit_history(organisation)) == [event]


def test_audit_trail_is_append_only(organisation):
    event = audit_record(actor=None, action="x", subject=organisation)
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.update(action="y")
    assert AuditEvent.objects.get(pk=event.pk).action == "x"
