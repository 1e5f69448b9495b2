from django.conf import settings
from django.db import models
from django.db.models import Q

from procure.core.models import BaseModel
from procure.suppliers.choices import AliasKind, SupplierImportStatus, SupplierSize, SupplierSource


class Supplier(BaseModel):
    """A supplier in one organisation's register."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="suppliers")
    name = models.CharField("legal name", max_length=300)
    normalised_name = models.CharField(max_length=300, db_index=True, editable=False)
    companies_house_number = models.CharField(max_length=8, blank=True, db_index=True)
    charity_number = models.CharField(max_length=12, blank=True, db_index=True)
    vat_number = models.CharField("VAT number", max_length=14, blank=True)
    address_line_1 = models.CharField(max_length=200, blank=True)
    address_line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=8, blank=True, help_text="Full UK postcode, e.g. PR4 5SB")
    postcode_district = models.CharField(max_length=4, blank=True, db_index=True, editable=False)
    is_living_wage_accredited = models.BooleanField("Living Wage accredited", default=False)
    living_wage_accredited_on = models.DateField(null=True, blank=True)
    is_public_body = models.BooleanField(
        default=False, help_text="Another public body: payments to it may be non-procurable")
    is_verified = models.BooleanField(
        default=False, help_text="Checked by a person, not only created from a payee name")
    source = models.CharField(max_length=20, choices=SupplierSource.choices, default=SupplierSource.MANUAL)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "companies_house_number"], condition=~Q(companies_house_number=""),
                name="supplier_company_number_unique_per_org"),
        ]
        indexes = [models.Index(fields=["organisation", "normalised_name"], name="supplier_org_norm_idx")]

    def __str__(self) -> str:
        return self.name


class SupplierClassification(BaseModel):
    """Size band and VCSE status, holding from a date until the next classification."""

    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="classifications")
    valid_from = models.DateField()
    size = models.CharField(max_length=10, choices=SupplierSize.choices, default=SupplierSize.UNKNOWN)
    is_vcse = models.BooleanField("VCSE (voluntary, community or social enterprise)", default=False)

    class Meta:
        ordering = ["supplier", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["supplier", "valid_from"], name="classification_one_per_date"),
        ]

    def __str__(self) -> str:
        vcse = ", VCSE" if self.is_vcse else ""
        return f"{self.get_size_display()}{vcse} from {self.valid_from:%d/%m/%Y}"


class SupplierAlias(BaseModel):
    """Another name the supplier is known by: a trading name, or a payee name a person matched."""

    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=300)
    normalised_name = models.CharField(max_length=300, db_index=True, editable=False)
    kind = models.CharField(max_length=20, choices=AliasKind.choices, default=AliasKind.ALIAS)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["supplier", "normalised_name"], name="alias_unique_per_supplier"),
        ]

    def __str__(self) -> str:
        return self.name


class SupplierUser(BaseModel):
    """A person who signs in for a supplier and sees only that supplier's records."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supplier_links")
    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="users")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "supplier"], name="supplier_user_unique")]

    def __str__(self) -> str:
        return f"{self.user} for {self.supplier}"


class SupplierImport(BaseModel):
    """One supplier file loaded (or refused): who, when, which file, what came of it."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="supplier_imports")
    file_name = models.CharField(max_length=255)
    checksum = models.CharField(max_length=64, db_index=True, help_text="SHA-256 of the file's bytes")
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    status = models.CharField(max_length=10, choices=SupplierImportStatus.choices)
    lines = models.PositiveIntegerField(default=0, help_text="Supplier rows read (blank rows not counted)")
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    rejected = models.JSONField(default=list, blank=True, help_text="[{line, reason}] for every bad row")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%d/%m/%Y %H:%M})"


class PostcodeDistrict(models.Model):
    """Where a postcode district lies: one row per (district, local authority), with the share of its postcodes.

    Reference data shipped with Procure (see suppliers/data/README.md); a district split between authorities
    has several rows whose shares add up to 1.
    """

    district = models.CharField(max_length=4, db_index=True, help_text="Outward code, e.g. PR4")
    local_authority_code = models.CharField(max_length=9)
    local_authority_name = models.CharField(max_length=100)
    county_code = models.CharField(max_length=9, blank=True, help_text="Blank for unitary authorities")
    county_name = models.CharField(max_length=100, blank=True)
    region_code = models.CharField(max_length=9, blank=True)
    region_name = models.CharField(max_length=100, blank=True)
    police_force_area_code = models.CharField(max_length=9, blank=True)
    share = models.DecimalField(max_digits=5, decimal_places=4, help_text="Share of the district's postcodes")
    is_primary = models.BooleanField(default=False, help_text="The authority holding most of the district")

    class Meta:
        ordering = ["district", "-share"]
        constraints = [
            models.UniqueConstraint(fields=["district", "local_authority_code"], name="district_authority_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.district} in {self.local_authority_name} ({self.share:.0%})"
