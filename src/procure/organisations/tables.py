import django_tables2 as tables

from procure.core.models import AuditEvent
from procure.organisations.models import Department, Membership, Organisation


class OrganisationTable(tables.Table):
    name = tables.LinkColumn("organisations:dashboard", args=[tables.A("slug")])

    class Meta:
        model = Organisation
        fields = ("name", "slug", "kind", "local_county_code", "local_region_code")


class DepartmentTable(tables.Table):
    name = tables.LinkColumn("organisations:department_detail", args=[tables.A("organisation__slug"), tables.A("pk")])

    class Meta:
        model = Department
        fields = ("code", "name", "is_active")


class MembershipTable(tables.Table):
    user = tables.Column(accessor="user__username", verbose_name="Username")
    name = tables.Column(accessor="user", verbose_name="Name", orderable=False)
    email = tables.Column(accessor="user__email", verbose_name="Email")
    created_at = tables.DateTimeColumn(format="j M Y", verbose_name="Since")

    class Meta:
        model = Membership
        fields = ("user", "name", "email", "role", "created_at")


class AuditEventTable(tables.Table):
    at = tables.DateTimeColumn(format="j M Y H:i", verbose_name="When")
    subject_type = tables.Column(verbose_name="Record type")

    class Meta:
        model = AuditEvent
        fields = ("at", "actor_name", "action", "subject_type", "subject_label")
