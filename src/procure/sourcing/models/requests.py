from django.conf import settings
from django.db import models
from django.db.models import Q

from procure.core.models import BaseModel
from procure.sourcing.choices import ContractType, RequestStatus, SuggestedRoute, ThresholdKind


class ProcurementActThreshold(BaseModel):
    """A Procurement Act 2023 threshold (including VAT) and the day it takes effect. National data, not code."""

    kind = models.CharField(max_length=20, choices=ThresholdKind.choices)
    value_gross = models.DecimalField("threshold (including VAT)", max_digits=14, decimal_places=2)
    effective_from = models.DateField()
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["kind", "-effective_from"]
        constraints = [models.UniqueConstraint(fields=["kind", "effective_from"], name="pa_threshold_unique")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.effective_from:%d/%m/%Y}: £{self.value_gross:,.2f}"


class ProcurementRequest(BaseModel):
    """A department's need, raised by a budget holder, before anything is bought."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="procurement_requests")
    reference = models.CharField(max_length=30)
    title = models.CharField("what is needed", max_length=300)
    description = models.TextField("description of the need", blank=True)
    justification = models.TextField("why it is needed")
    contract_type = models.CharField(max_length=20, choices=ContractType.choices, default=ContractType.SERVICES)
    estimated_value_gross = models.DecimalField(
        "estimated whole-life value (including VAT)", max_digits=14, decimal_places=2)
    budget_code = models.CharField(max_length=50)
    department = models.ForeignKey("organisations.Department", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    category = models.ForeignKey("contracts.Category", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    wanted_by = models.DateField()
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=RequestStatus.choices, default=RequestStatus.DRAFT)
    suggested_route = models.CharField(max_length=30, choices=SuggestedRoute.choices, blank=True)
    suggested_route_reason = models.TextField(blank=True)
    needs_board_approval = models.BooleanField(default=False)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approval_conditions = models.TextField("conditions of the board's approval", blank=True)
    met_by_contract = models.ForeignKey("contracts.Contract", null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+", help_text="The existing contract that meets the need")

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "reference"], name="request_reference_unique"),
            models.CheckConstraint(condition=Q(estimated_value_gross__gte=0), name="request_value_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"


class RouteBand(BaseModel):
    """One of an organisation's contract procedure rules: needs from one value (included) up to another
    (excluded) go by a route. The bands sharing the latest effective date on or before a day are the rules
    in force that day."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="route_bands")
    from_value_gross = models.DecimalField("from (including VAT)", max_digits=14, decimal_places=2)
    to_value_gross = models.DecimalField("up to (including VAT)", max_digits=14, decimal_places=2, null=True,
                                         blank=True, help_text="Excluded; empty for no upper limit")
    route = models.CharField(max_length=30, choices=SuggestedRoute.choices)
    description = models.CharField(max_length=500, help_text="What the buyer does, as a budget holder reads it")
    effective_from = models.DateField()

    class Meta:
        ordering = ["-effective_from", "from_value_gross"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "effective_from", "from_value_gross"],
                                    name="route_band_unique_start"),
            models.CheckConstraint(condition=Q(from_value_gross__gte=0), name="route_band_from_not_negative"),
            models.CheckConstraint(condition=Q(to_value_gross__isnull=True)
                                   | Q(to_value_gross__gt=models.F("from_value_gross")),
                                   name="route_band_ends_above_start"),
        ]

    def __str__(self) -> str:
        upper = f"£{self.to_value_gross:,.2f}" if self.to_value_gross is not None else "no limit"
        return f"£{self.from_value_gross:,.2f} to {upper}: {self.get_route_display()}"
