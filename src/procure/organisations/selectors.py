from django.db.models import QuerySet

from procure.organisations.choices import Role
from procure.organisations.models import Department, Membership, Organisation, User
from procure.organisations.permissions import role_allows


def organisation_get(*, slug: str) -> Organisation | None:
    return Organisation.objects.filter(slug=slug).first()


def user_roles(user: User, organisation: Organisation) -> set[str]:
    """The roles a user holds in an organisation (cached on the user object for one request)."""
    if not user.is_authenticated:
        return set()
    cache = user.__dict__.setdefault("_procure_roles", {})
    if organisation.pk not in cache:
        roles = set(Membership.objects.filter(user=user, organisation=organisation).values_list("role", flat=True))
        if user.is_superuser:
            roles.add(Role.ADMINISTRATOR)
        cache[organisation.pk] = roles
    return cache[organisation.pk]


def user_has_permission(user: User, organisation: Organisation, permission: str | tuple[str, ...]) -> bool:
    wanted = (permission,) if isinstance(permission, str) else permission
    roles = user_roles(user, organisation)
    return any(role_allows(role, name) for role in roles for name in wanted)


def organisations_for_user(user: User) -> QuerySet[Organisation]:
    if user.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(memberships__user=user).distinct()


def organisation_list() -> QuerySet[Organisation]:
    return Organisation.objects.all()


def department_list(*, organisation: Organisation) -> QuerySet[Department]:
    return Department.objects.filter(organisation=organisation)


def membership_list(*, organisation: Organisation) -> QuerySet[Membership]:
    return Membership.objects.filter(organisation=organisation).select_related("user")


def organisation_changes(*, organisation: Organisation):
    """Changes to the organisation itself, its departments and its roles, newest first."""
    from django.contrib.contenttypes.models import ContentType

    from procure.core.models import AuditEvent

    types = ContentType.objects.get_for_models(Organisation, Department, Membership).values()
    return (AuditEvent.objects.filter(organisation=organisation, subject_type__in=list(types))
            .order_by("-at", "-id"))
