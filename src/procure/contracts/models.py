from django.conf import settings
from django.db import models
from django.db.models import F, Q

from procure.contracts.choices import CategoryScheme, ContractImportStatus, RouteToMarket
from procure.core.models import BaseModel


class Category(models.Model):
    """A node of the spend classification tree (ProClass, or an organisation's own)."""

    scheme = models.CharField(max_length=10, choices=CategoryScheme.choices, default=CategoryScheme.PROCLASS)
    code = models.CharField(max_length=20)
    name = models.CharField(max_length=200)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="children")
    level = models.PositiveSmallIntegerField(default=1)
    path = models.CharField(max_length=500, blank=True,
                            help_text="Names from the top of the tree, joined by ' > '")
    clarification = models.CharField(max_length=200, blank=True,
                                     help_text="The scheme's note on what it covers")

    class Meta:
        ordering = ["scheme", "code"]
        verbose_name_plural = "categories"
        constraints = [models.UniqueConstraint(fields=["scheme", "code"], name="category_code_unique")]

    def __str__(self) -> str:
        return self.name


class CpvCode(models.Model):
    """A Common Procurement Vocabulary (CPV 2008) code, for classifying contracts and notices."""

    code = models.CharField(max_length=10, unique=True,
                            help_text="Eight digits and check digit, e.g. 30192000-1")
    description = models.CharField(max_length=400)
    significant_digits = models.PositiveSmallIntegerField(
        default=8, help_text="2 for a division, 3 a group, 4 a class, 5 a category, 6 to 8 finer categories")

    class Meta:
        ordering = ["code"]
        verbose_name = "CPV code"

    def __str__(self) -> str:
        return f"{self.code} {self.description}"


class Framework(BaseModel):
    """A framework agreement let by a buying organisation, from which contracts are called off."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="frameworks")
    name = models.CharField(max_length=300)
    reference = models.CharField(max_length=100, blank=True)
    provider = models.CharField(max_length=200, help_text="Who let it, e.g. Crown Commercial Service")
    is_public_buying_organisation = models.BooleanField(
        default=True, help_text="Let by a public buying organisation, so call-offs count as collaborative")
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["provider", "name"]

    def __str__(self) -> str:
        return f"{self.provider}: {self.name}"


class Contract(BaseModel):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="contracts")
    reference = models.CharField(max_length=100)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    participating_organisations = models.ManyToManyField(
        "organisations.Organisation", blank=True, related_name="participating_contracts",
        help_text="Other organisations party to the contract")
    collaborative_bodies = models.CharField(
        max_length=500, blank=True,
        help_text="Named bodies the contract was let with, e.g. 'Cumbria Constabulary'")
    suppliers = models.ManyToManyField("suppliers.Supplier", related_name="contracts")
    categories = models.ManyToManyField(Category, blank=True, related_name="contracts")
    cpv_codes = models.ManyToManyField(CpvCode, blank=True, related_name="contracts")
    department = models.ForeignKey("organisations.Department", null=True, blank=True,
                                   on_delete=models.SET_NULL,
                                   related_name="contracts")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="owned_contracts")
    route = models.CharField("route to market", max_length=20, choices=RouteToMarket.choices,
                             default=RouteToMarket.OWN_TENDER)
    framework = models.ForeignKey(Framework, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="contracts")
    total_value_net = models.DecimalField("total value (net of VAT)", max_digits=14, decimal_places=2,
                                          null=True, blank=True)
    total_value_gross = models.DecimalField("total value (including VAT)", max_digits=14, decimal_places=2,
                                            null=True, blank=True)
    annual_value_net = models.DecimalField("annual value (net of VAT)", max_digits=14, decimal_places=2,
                                           null=True, blank=True)
    annual_value_gross = models.DecimalField("annual value (including VAT)", max_digits=14, decimal_places=2,
                                             null=True, blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField(help_text="End date before any extension")
    final_ends_on = models.DateField(
        db_index=True, editable=False,
        help_text="End date counting exercised extensions (kept by the services)")
    review_due_on = models.DateField("review date", null=True, blank=True,
                                     help_text="When the contract is next to be reviewed")
    is_managed_by_procurement = models.BooleanField(default=True)

    class Meta:
        ordering = ["-starts_on", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "reference"],
                                    name="contract_reference_unique_per_org"),
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")),
                                   name="contract_ends_after_start"),
            models.CheckConstraint(condition=Q(final_ends_on__gte=F("ends_on")),
                                   name="contract_final_end_not_before_end"),
        ]
        indexes = [models.Index(fields=["organisation", "starts_on", "final_ends_on"],
                                name="contract_org_dates_idx")]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"


class ContractExtension(BaseModel):
    """An option to extend a contract, and whether it has been exercised."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="extensions")
    ends_on = models.DateField(help_text="The contract's end date if this option is exercised")
    is_exercised = models.BooleanField(default=False)
    exercised_on = models.DateField(null=True, blank=True)
    exercised_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL,
                                     related_name="+")

    class Meta:
        ordering = ["contract", "ends_on"]

    def __str__(self) -> str:
        state = "exercised" if self.is_exercised else "option"
        return f"Extension to {self.ends_on:%d/%m/%Y} ({state})"


class ContractImport(BaseModel):
    """One contracts register file loaded (or refused): who, when, which file, what came of it."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="contract_imports")
    file_name = models.CharField(max_length=255)
    checksum = models.CharField(max_length=64, db_index=True, help_text="SHA-256 of the file's bytes")
    size_bytes = models.PositiveBigIntegerField(default=0)
    layout = models.CharField(max_length=100, blank=True, help_text="The layout recognised")
    status = models.CharField(max_length=10, choices=ContractImportStatus.choices)
    lines = models.PositiveIntegerField(default=0, help_text="Data rows read")
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    total = models.DecimalField(max_digits=16, decimal_places=2, default=0,
                                help_text="Sum of the total values (net of VAT) in the file")
    rejected = models.JSONField(default=list, blank=True, help_text="[{line, reason}] for every bad row")
    message = models.TextField(blank=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%d/%m/%Y %H:%M})"
