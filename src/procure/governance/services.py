"""Writes of the board: meetings, agendas and decisions, every one audited.

A decision is passed to the app that owns its subject (see `registry`), in the same transaction: if that app
refuses it, nothing is recorded.
"""

from datetime import date, datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Max

from procure.core.audit import audit_record, snapshot
from procure.core.errors import BusinessRuleViolation
from procure.governance import registry, rules, selectors
from procure.governance.choices import MeetingStatus
from procure.governance.models import AgendaItem, BoardMeeting, BoardThreshold
from procure.organisations.models import Organisation, User


def _audit(meeting: BoardMeeting, actor: User | None, action: str, before: dict | None, after: dict | None,
           subject: models.Model | None = None) -> None:
    audit_record(actor=actor, action=action, subject=subject or meeting, before=before, after=after,
                 organisation=meeting.organisation)


@transaction.atomic
def board_threshold_set(*, organisation: Organisation, value_gross: Decimal, effective_from: date,
                        actor: User | None) -> BoardThreshold:
    """GOV-4: From `effective_from`, needs above `value_gross` (including VAT) go to the board."""
    if value_gross < 0:
        raise BusinessRuleViolation(code="GOV-4", message="The board threshold cannot be negative")
    threshold, created = BoardThreshold.objects.get_or_create(
        organisation=organisation, effective_from=effective_from, defaults={"value_gross": value_gross})
    before = None if created else snapshot(threshold)
    if not created:
        threshold.value_gross = value_gross
        threshold.save(update_fields=["value_gross", "updated_at"])
    audit_record(actor=actor, action="board_threshold.set", subject=threshold, before=before,
                 after=snapshot(threshold), organisation=organisation)
    return threshold


@transaction.atomic
def meeting_create(*, organisation: Organisation, title: str, meets_on: date, actor: User | None) -> BoardMeeting:
    if not title.strip():
        raise BusinessRuleViolation(code="GOV-5", message="Enter the meeting's title")
    meeting = BoardMeeting.objects.create(organisation=organisation, title=title.strip(), meets_on=meets_on)
    _audit(meeting, actor, "board_meeting.created", None, snapshot(meeting))
    return meeting


def _is_pending(organisation: Organisation, subject: models.Model) -> bool:
    entry = registry.subject_for(type(subject))
    return entry is not None and any(record.pk == subject.pk for record in entry.pending(organisation))


@transaction.atomic
def agenda_item_add(*, meeting: BoardMeeting, subject: models.Model, actor: User | None) -> AgendaItem:
    """Put one record waiting for the board on the meeting's agenda (GOV-2)."""
    meeting = BoardMeeting.objects.select_for_update().get(pk=meeting.pk)
    content_type = ContentType.objects.get_for_model(subject)
    rules.check_agenda_open(
        has_decisions_pending=_is_pending(meeting.organisation, subject),
        already_on_agenda=meeting.items.filter(subject_type=content_type, subject_id=subject.pk).exists())
    title, summary, _url = registry.subject_for(type(subject)).describe(subject)
    position = (meeting.items.aggregate(last=Max("position"))["last"] or 0) + 1
    item = AgendaItem.objects.create(meeting=meeting, position=position, subject_type=content_type,
                                     subject_id=subject.pk, title=title[:300], summary=summary[:500])
    _audit(meeting, actor, "board_meeting.item_added", None, {"item": title, "position": position})
    audit_record(actor=actor, action="board.agenda_added", subject=subject, after={"meeting": str(meeting)},
                 organisation=meeting.organisation)
    return item


@transaction.atomic
def agenda_add_pending(*, meeting: BoardMeeting, actor: User | None) -> list[AgendaItem]:
    """Put everything waiting for the board, and not yet on this agenda, on it: oldest first."""
    return [agenda_item_add(meeting=meeting, subject=subject, actor=actor)
            for subject in selectors.pending_subjects(organisation=meeting.organisation, meeting=meeting)]


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem, actor: User | None) -> None:
    item = AgendaItem.objects.select_for_update().select_related("meeting").get(pk=item.pk)
    rules.check_removable(already_decided=item.is_decided)
    before = snapshot(item)
    item.delete()
    _audit(item.meeting, actor, "board_meeting.item_removed", before, None)


@transaction.atomic
def agenda_item_decide(*, item: AgendaItem, actor: User, decision: str, now: datetime, conditions: str = "",
                       reason: str = "", minutes: str = "") -> AgendaItem:
    """GOV-1: Record the board's decision on an item, with its minutes, and pass it to the subject's app."""
    item = AgendaItem.objects.select_for_update().select_related("meeting", "subject_type").get(pk=item.pk)
    rules.check_decision(decision, conditions=conditions, reason=reason, already_decided=item.is_decided)
    before = snapshot(item)
    item.decision, item.conditions, item.reason = decision, conditions.strip(), reason.strip()
    item.minutes, item.decided_by, item.decided_at = minutes.strip(), actor, now
    item.save()
    subject_model = item.subject_type.model_class()
    entry = registry.subject_for(subject_model) if subject_model else None
    record = subject_model._default_manager.filter(pk=item.subject_id).first() if entry else None
    if record is None:
        raise BusinessRuleViolation(code="GOV-1", message="What this item was about no longer exists: remove it")
    entry.decided(record, item, actor)
    _audit(item.meeting, actor, "board_meeting.item_decided", before, snapshot(item))
    return item


@transaction.atomic
def meeting_minutes_record(*, meeting: BoardMeeting, minutes: str, actor: User | None) -> BoardMeeting:
    """GOV-6: The meeting's general minutes; recording them marks the meeting as held."""
    if not minutes.strip():
        raise BusinessRuleViolation(code="GOV-6", message="Enter the minutes of the meeting")
    meeting = BoardMeeting.objects.select_for_update().get(pk=meeting.pk)
    before = snapshot(meeting)
    meeting.minutes, meeting.status = minutes.strip(), MeetingStatus.HELD
    meeting.save(update_fields=["minutes", "status", "updated_at"])
    _audit(meeting, actor, "board_meeting.minutes_recorded", before, snapshot(meeting))
    return meeting
