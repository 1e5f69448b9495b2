"""Reads of the board: its threshold, meetings, agendas and the decisions about one record."""

from datetime import date
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, Q, QuerySet

from procure.governance import registry
from procure.governance.models import AgendaItem, BoardMeeting, BoardThreshold
from procure.organisations.models import Organisation

DEFAULT_BOARD_THRESHOLD = Decimal("100000.00")


def board_threshold_on(*, organisation: Organisation, day: date) -> Decimal:
    """The value (including VAT) above which a need goes to the board on a day; £100,000 unless configured."""
    threshold = (BoardThreshold.objects.filter(organisation=organisation, effective_from__lte=day)
                 .order_by("-effective_from").first())
    return threshold.value_gross if threshold else DEFAULT_BOARD_THRESHOLD


def board_threshold_list(*, organisation: Organisation) -> QuerySet[BoardThreshold]:
    return BoardThreshold.objects.filter(organisation=organisation).order_by("-effective_from")


def meeting_list(*, organisation: Organisation) -> QuerySet[BoardMeeting]:
    return (BoardMeeting.objects.filter(organisation=organisation)
            .annotate(item_count=Count("items"), undecided=Count("items", filter=Q(items__decision="")))
            .order_by("-meets_on", "-id"))


def meeting_get(*, organisation: Organisation, meeting_id: int) -> BoardMeeting | None:
    return BoardMeeting.objects.filter(organisation=organisation, pk=meeting_id).first()


def agenda(*, meeting: BoardMeeting) -> list[tuple[AgendaItem, str]]:
    """The meeting's items in order, each with the address of its subject ('' when it is gone)."""
    rows = []
    for item in meeting.items.select_related("subject_type", "decided_by"):
        subject_model = item.subject_type.model_class()
        entry = registry.subject_for(subject_model) if subject_model else None
        record = subject_model._default_manager.filter(pk=item.subject_id).first() if entry else None
        rows.append((item, entry.describe(record)[2] if entry and record else ""))
    return rows


def agenda_item_get(*, meeting: BoardMeeting, item_id: int) -> AgendaItem | None:
    return meeting.items.filter(pk=item_id).first()


def pending_subjects(*, organisation: Organisation, meeting: BoardMeeting | None = None) -> list[models.Model]:
    """Everything waiting for the board, less what is already on `meeting`'s agenda."""
    on_agenda = set()
    if meeting is not None:
        on_agenda = set(meeting.items.values_list("subject_type_id", "subject_id"))
    waiting = []
    for entry in registry.subjects():
        content_type = ContentType.objects.get_for_model(entry.model)
        waiting += [record for record in entry.pending(organisation)
                    if (content_type.pk, record.pk) not in on_agenda]
    return waiting


def decisions_about(*, subject: models.Model) -> QuerySet[AgendaItem]:
    """Every agenda item about one record, with its meeting, oldest first."""
    return (AgendaItem.objects.filter(subject_type=ContentType.objects.get_for_model(subject),
                                      subject_id=subject.pk)
            .select_related("meeting", "decided_by").order_by("meeting__meets_on", "id"))
