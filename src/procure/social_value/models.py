from django.db import models
from django.db.models import Q

from procure.core.models import BaseModel
from procure.social_value.choices import CommitmentSource, Theme


class Outcome(BaseModel):
    """An outcome of the social value framework, tied to a Police and Crime Plan priority."""

    organisation = models.ForeignKey("organisations.Organisation", null=True, blank=True,
                                     on_delete=models.CASCADE, related_name="+",
                                     help_text="Empty: part of the framework every organisation starts from")
    code = models.CharField(max_length=20)
    theme = models.CharField(max_length=30, choices=Theme.choices)
    name = models.CharField(max_length=300)
    plan_priority = models.CharField("Police and Crime Plan priority", max_length=300, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Measure(BaseModel):
    """How an outcome is counted: what, in which unit."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="measures")
    code = models.CharField(max_length=20)
    name = models.CharField(max_length=300)
    unit = models.CharField(max_length=50, help_text="e.g. 'people', 'weeks', 'tonnes CO2e', '£'")
    guidance = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name} ({self.unit})"


class Commitment(BaseModel):
    """A supplier's social value commitment, part of a contract: outcome, measure, unit, target, by when."""

    contract = models.ForeignKey("contracts.Contract", on_delete=models.CASCADE,
                                 related_name="social_value_commitments")
    measure = models.ForeignKey(Measure, null=True, blank=True, on_delete=models.PROTECT, related_name="commitments")
    description = models.TextField()
    unit = models.CharField(max_length=50)
    target = models.DecimalField(max_digits=14, decimal_places=2)
    due_on = models.DateField("to be delivered by")
    source = models.CharField(max_length=20, choices=CommitmentSource.choices, default=CommitmentSource.AWARD)

    class Meta:
        ordering = ["contract", "due_on", "id"]
        constraints = [models.CheckConstraint(condition=Q(target__gte=0), name="commitment_target_not_negative")]

    def __str__(self) -> str:
        return f"{self.description[:60]}: {self.target} {self.unit} by {self.due_on:%d/%m/%Y}"
