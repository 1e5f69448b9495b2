from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from procure.contracts.choices import RouteToMarket
from procure.core.models import BaseModel
from procure.sourcing.choices import ContractType, PriceFormula, SocialValuePolicy, TenderStatus, TieBreak


def default_mark_scale() -> list[dict]:
    return [
        {"mark": 0, "descriptor": "Unacceptable: no answer, or the answer does not meet the requirement"},
        {"mark": 1, "descriptor": "Poor: major gaps or risks in meeting the requirement"},
        {"mark": 2, "descriptor": "Weak: meets some of the requirement, with reservations"},
        {"mark": 3, "descriptor": "Satisfactory: meets the requirement"},
        {"mark": 4, "descriptor": "Good: meets the requirement fully, with some added value"},
        {"mark": 5, "descriptor": "Excellent: exceeds the requirement, with clear evidence"},
    ]


class Tender(BaseModel):
    """A competition: its lots, documents, timetable, questionnaire and evaluation model."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="tenders")
    request = models.ForeignKey("sourcing.ProcurementRequest", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="tenders")
    reference = models.CharField(max_length=50)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    contract_type = models.CharField(max_length=20, choices=ContractType.choices, default=ContractType.SERVICES)
    category = models.ForeignKey("contracts.Category", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    department = models.ForeignKey("organisations.Department", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    route = models.CharField("route to market", max_length=20, choices=RouteToMarket.choices,
                             default=RouteToMarket.OWN_TENDER)
    estimated_value_gross = models.DecimalField("estimated value (including VAT)", max_digits=14,
                                                decimal_places=2, null=True, blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    status = models.CharField(max_length=20, choices=TenderStatus.choices, default=TenderStatus.DRAFT)

    # Timetable
    publish_on = models.DateField("publication date", null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    clarification_deadline = models.DateTimeField(null=True, blank=True)
    submission_deadline = models.DateTimeField(null=True, blank=True)
    evaluation_on = models.DateField("evaluation starts", null=True, blank=True)
    award_on = models.DateField("planned award date", null=True, blank=True)
    standstill_ends_on = models.DateField("end of standstill", null=True, blank=True)
    contract_starts_on = models.DateField("contract start date", null=True, blank=True)
    contract_ends_on = models.DateField("contract end date", null=True, blank=True)

    # Evaluation model (DESIGN.md section 6): percentages of the total score
    price_weight = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("60.00"))
    quality_weight = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("40.00"))
    social_value_policy = models.CharField(max_length=20, choices=SocialValuePolicy.choices,
                                           default=SocialValuePolicy.DEFAULT)
    price_formula = models.CharField(max_length=30, choices=PriceFormula.choices,
                                     default=PriceFormula.LOWEST_OVER_BID)
    tie_break = models.CharField(max_length=30, choices=TieBreak.choices, default=TieBreak.HIGHEST_QUALITY)
    abnormally_low_pct = models.DecimalField(
        "abnormally low price (% below the mean of the others)", max_digits=5, decimal_places=2,
        default=Decimal("30.00"))
    mark_scale = models.JSONField(default=default_mark_scale, help_text="Marks and what each means")

    # Sealing: the per-tender key, wrapped by the installation's sealing key (never stored in the clear)
    sealed_key = models.BinaryField(null=True, blank=True, editable=False)
    opened_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "reference"], name="tender_reference_unique"),
            models.CheckConstraint(condition=Q(price_weight__gte=0) & Q(quality_weight__gte=0),
                                   name="tender_weights_not_negative"),
            models.CheckConstraint(
                condition=Q(contract_ends_on__isnull=True) | Q(contract_starts_on__isnull=True)
                | Q(contract_ends_on__gte=F("contract_starts_on")), name="tender_contract_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"


class Lot(BaseModel):
    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="lots")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    estimated_value_gross = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["tender", "number"]
        constraints = [models.UniqueConstraint(fields=["tender", "number"], name="lot_number_unique")]

    def __str__(self) -> str:
        return f"Lot {self.number}: {self.title}"


class TenderDocument(BaseModel):
    """A document published to bidders (specification, terms, pricing schedule, ...)."""

    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="documents")
    lot = models.ForeignKey(Lot, null=True, blank=True, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=300)
    file = models.FileField(upload_to="tenders/%Y/%m/")
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["tender", "title"]

    def __str__(self) -> str:
        return self.title


class SelectionQuestion(BaseModel):
    """A pass or fail question (insurance, financial standing, exclusion grounds, ...)."""

    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="selection_questions")
    number = models.CharField(max_length=10)
    text = models.TextField()
    guidance = models.TextField(blank=True)

    class Meta:
        ordering = ["tender", "number", "id"]

    def __str__(self) -> str:
        return f"{self.number} {self.text[:60]}"


class Criterion(BaseModel):
    """A quality criterion. Criteria form a tree: a group's weight is the sum of its children's; leaves are the
    questions bidders answer and evaluators mark. Weights are percentages of the total score."""

    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="criteria")
    lot = models.ForeignKey(Lot, null=True, blank=True, on_delete=models.CASCADE, related_name="criteria",
                            help_text="Empty: the criterion applies to every lot")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    number = models.CharField(max_length=10)
    title = models.CharField(max_length=300)
    question = models.TextField(blank=True, help_text="What bidders are asked (leaves only)")
    guidance = models.TextField(blank=True)
    weight = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("0.00"))
    max_mark = models.PositiveSmallIntegerField(default=5)
    minimum_mark = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="A moderated mark below this excludes the bid")
    is_social_value = models.BooleanField(default=False)

    class Meta:
        ordering = ["tender", "number", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(weight__gte=0), name="criterion_weight_not_negative"),
            models.CheckConstraint(condition=Q(minimum_mark__isnull=True) | Q(minimum_mark__lte=F("max_mark")),
                                   name="criterion_minimum_within_max"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class PriceItem(BaseModel):
    """A line of the price schedule: bidders give a unit price; the bid's price is the sum of quantity × rate."""

    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="price_items")
    lot = models.ForeignKey(Lot, null=True, blank=True, on_delete=models.CASCADE, related_name="price_items")
    number = models.CharField(max_length=10)
    description = models.CharField(max_length=300)
    unit = models.CharField(max_length=50, default="each")
    quantity = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("1.00"))

    class Meta:
        ordering = ["tender", "number", "id"]
        constraints = [models.CheckConstraint(condition=Q(quantity__gt=0), name="price_item_quantity_positive")]

    def __str__(self) -> str:
        return f"{self.number} {self.description}"
