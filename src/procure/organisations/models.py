from django.contrib.auth.models import AbstractUser
from django.db import models

from procure.core.models import BaseModel
from procure.organisations.choices import OrganisationKind, Role


class User(AbstractUser):
    """A person who signs in. What they may do comes from their memberships, per organisation."""

    class Meta:
        ordering = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Organisation(BaseModel):
    slug = models.SlugField(max_length=50, unique=True, help_text="Short name used in addresses, e.g. 'demo'")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=OrganisationKind.choices, default=OrganisationKind.POLICE_FORCE)
    local_county_code = models.CharField(
        max_length=9, blank=True, help_text="ONS code of the county counted as local, e.g. E10000017 (Lancashire)")
    local_region_code = models.CharField(
        max_length=9, blank=True, help_text="ONS code of the region counted as local, e.g. E12000002 (North West)")
    partners = models.ManyToManyField("self", blank=True, help_text="Partner forces and public bodies")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Department(BaseModel):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="departments")
    code = models.CharField(max_length=30, help_text="Cost centre or department code")
    name = models.CharField(max_length=200)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="department_code_unique_per_org"),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(BaseModel):
    """A user's role in one organisation. A user may hold several roles."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=30, choices=Role.choices)

    class Meta:
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organisation}"
