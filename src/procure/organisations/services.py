from django.db import transaction

from procure.core.audit import audit_record, snapshot
from procure.core.errors import BusinessRuleViolation
from procure.organisations.choices import Role
from procure.organisations.models import Department, Membership, Organisation, User


@transaction.atomic
def organisation_add(*, slug: str, name: str, actor: User | None = None, **fields) -> tuple[Organisation, bool]:
    """Create an organisation, or return the existing one with that slug. Returns (organisation, created)."""
    existing = Organisation.objects.filter(slug=slug).first()
    if existing is not None:
        return existing, False
    organisation = Organisation.objects.create(slug=slug, name=name, **fields)
    audit_record(actor=actor, action="organisation.created", subject=organisation,
                 after=snapshot(organisation), organisation=organisation)
    return organisation, True


@transaction.atomic
def organisation_update(*, organisation: Organisation, actor: User | None, **fields) -> Organisation:
    before = snapshot(organisation)
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save()
    audit_record(actor=actor, action="organisation.updated", subject=organisation,
                 before=before, after=snapshot(organisation), organisation=organisation)
    return organisation


@transaction.atomic
def department_create(*, organisation: Organisation, code: str, name: str, actor: User | None) -> Department:
    if Department.objects.filter(organisation=organisation, code=code).exists():
        raise BusinessRuleViolation(code="ORG-1", message=f"A department with code {code} already exists")
    department = Department.objects.create(organisation=organisation, code=code, name=name)
    audit_record(actor=actor, action="department.created", subject=department,
                 after=snapshot(department), organisation=organisation)
    return department


@transaction.atomic
def department_update(*, department: Department, actor: User | None, **fields) -> Department:
    before = snapshot(department)
    for name, value in fields.items():
        setattr(department, name, value)
    department.save()
    audit_record(actor=actor, action="department.updated", subject=department,
                 before=before, after=snapshot(department), organisation=department.organisation)
    return department


@transaction.atomic
def role_grant(*, user: User, organisation: Organisation, role: Role | str, actor: User | None) -> Membership:
    membership, created = Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
    if created:
        audit_record(actor=actor, action="role.granted", subject=membership,
                     after=snapshot(membership), organisation=organisation)
    return membership


@transaction.atomic
def role_revoke(*, membership: Membership, actor: User | None) -> None:
    organisation = membership.organisation
    before = snapshot(membership)
    if membership.role == Role.ADMINISTRATOR and not organisation.memberships.filter(
        role=Role.ADMINISTRATOR).exclude(pk=membership.pk).exists():
        raise BusinessRuleViolation(code="ORG-2", message="An organisation must keep at least one administrator")
    audit_record(actor=actor, action="role.revoked", subject=membership, before=before, organisation=organisation)
    membership.delete()


@transaction.atomic
def user_create(*, username: str, email: str = "", first_name: str = "", last_name: str = "",
                password: str | None = None, actor: User | None = None) -> User:
    user = User(username=username, email=email, first_name=first_name, last_name=last_name)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    audit_record(actor=actor, action="user.created", subject=user, after=snapshot(user, exclude=("last_login",)))
    return user
