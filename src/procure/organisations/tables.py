import django_tables2 as tables

from procure.core.models import AuditEvent
from procure.organisations.models import Department, Membership


class DepartmentTable(tables.Table):
    class Meta:
        model = Department
        fields = ("code", "name", "is_active")


class MembershipTable(tables.Table):
    user = tables.Column(accessor="user__username", verbose_name="Username")
    name = tables.Column(accessor="user", verbose_name="Name", orderable=False)

    class Meta:
        model = Membership
        fields = ("user", "name", "role", "created_at")


class AuditEventTable(tables.Table):
    at = tables.DateTimeColumn(format="j M Y H:i", verbose_name="When")
    subject_type = tables.Column(verbose_name="Record type")

    class Meta:
        model = AuditEvent
        fields = ("at", "actor_name", "action", "subject_type", "subject_label")
