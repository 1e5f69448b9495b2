"""The Strategic Procurement Board: its threshold, meetings, agendas and decisions.

An agenda item points at what the board decides by a generic reference (content type and id): governance
knows nothing of the apps above it, which register their subjects in `procure.governance.registry`.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from procure.core.models import BaseModel
from procure.governance.choices import Decision, MeetingStatus


class BoardThreshold(BaseModel):
    """Above this value (including VAT) a need goes to the board; the latest one in effect on a day applies."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="board_thresholds")
    value_gross = models.DecimalField("threshold (including VAT)", max_digits=14, decimal_places=2)
    effective_from = models.DateField()

    class Meta:
        ordering = ["-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "effective_from"], name="board_threshold_unique"),
            models.CheckConstraint(condition=Q(value_gross__gte=0), name="board_threshold_not_negative"),
        ]

    def __str__(self) -> str:
        return f"£{self.value_gross:,.2f} from {self.effective_from:%d/%m/%Y}"


class BoardMeeting(BaseModel):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="board_meetings")
    title = models.CharField(max_length=200)
    meets_on = models.DateField("date")
    status = models.CharField(max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED)
    minutes = models.TextField("general minutes", blank=True)

    class Meta:
        ordering = ["-meets_on", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.meets_on:%d/%m/%Y})"


class AgendaItem(BaseModel):
    """One thing a meeting decides, and the decision once made."""

    meeting = models.ForeignKey(BoardMeeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(default=1)
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    title = models.CharField(max_length=300, help_text="The subject as it was put on the agenda")
    summary = models.CharField(max_length=500, blank=True)
    decision = models.CharField(max_length=30, choices=Decision.choices, blank=True)
    conditions = models.TextField(blank=True)
    reason = models.TextField(blank=True)
    minutes = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "subject_type", "subject_id"], name="agenda_item_once"),
            models.CheckConstraint(condition=~Q(decision=Decision.APPROVE_WITH_CONDITIONS) | ~Q(conditions=""),
                                   name="agenda_conditions_given"),
            models.CheckConstraint(condition=~Q(decision=Decision.REJECT) | ~Q(reason=""),
                                   name="agenda_rejection_reason_given"),
        ]
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="agenda_subject_idx")]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.title}"

    @property
    def is_decided(self) -> bool:
        return bool(self.decision)
