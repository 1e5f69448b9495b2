"""Writing the demo force, its partners, departments and sign-ins, through the organisations services."""

from django.contrib.auth.hashers import make_password

from procure.core.audit import audit_record, snapshot
from procure.demo.generator.bodies import PARTNERS, PCC
from procure.demo.generator.catalogue import DEPARTMENTS
from procure.demo.generator.vocabulary import EMAIL_DOMAIN, SIGN_INS
from procure.organisations.choices import OrganisationKind, Role
from procure.organisations.models import Department, Organisation, User
from procure.organisations.services import department_create, organisation_add, role_grant, user_create
from procure.suppliers.models import Supplier, SupplierUser

DEMO_SLUG = "demo"
DEMO_NAME = "Demo Constabulary"
DEMO_PASSWORD = "procure-demo"
LANCASHIRE_COUNTY = "E10000017"
NORTH_WEST_REGION = "E12000002"
DEMO_SLUGS = (DEMO_SLUG, PCC.slug, *(body.slug for body in PARTNERS))
DEMO_USERNAMES = tuple(username for username, *_rest in SIGN_INS)


def sign_ins_taken() -> list[str]:
    """The demo's usernames that some account already has."""
    return list(User.objects.filter(username__in=DEMO_USERNAMES).values_list("username", flat=True))


def write_organisations() -> tuple[Organisation, list[Organisation]]:
    demo, _ = organisation_add(slug=DEMO_SLUG, name=DEMO_NAME, kind=OrganisationKind.POLICE_FORCE,
                               local_county_code=LANCASHIRE_COUNTY, local_region_code=NORTH_WEST_REGION)
    bodies = [organisation_add(slug=body.slug, name=body.name, kind=body.kind,
                               local_region_code=NORTH_WEST_REGION)[0] for body in (PCC, *PARTNERS)]
    before = snapshot(demo, many=("partners",))
    demo.partners.add(*bodies)
    audit_record(actor=None, action="organisation.updated", subject=demo, before=before,
                 after=snapshot(demo, many=("partners",)), organisation=demo)
    return demo, bodies


def write_departments(demo: Organisation) -> dict[str, Department]:
    return {code: department_create(organisation=demo, code=code, name=name, actor=None)
            for code, name in DEPARTMENTS}


def demo_password_hash() -> str:
    """The demo password, hashed once for every demo sign-in: it is published, so one salt is no loss."""
    return make_password(DEMO_PASSWORD)


def write_staff(demo: Organisation, password: str) -> dict[str, User]:
    """One sign-in per staff role, all with the demo password."""
    users = {}
    for username, first_name, last_name, role, _job in SIGN_INS:
        if role == Role.SUPPLIER_USER:
            continue
        users[username] = _user(username, first_name, last_name, password,
                                f"{first_name}.{last_name}@{EMAIL_DOMAIN}")
        role_grant(user=users[username], organisation=demo, role=role, actor=None)
    return users


def write_supplier_sign_in(demo: Organisation, supplier: Supplier, password: str) -> User:
    username, first_name, last_name, role, _job = next(s for s in SIGN_INS if s[3] == Role.SUPPLIER_USER)
    domain = "".join(ch for ch in supplier.normalised_name.lower() if ch.isalnum())[:30] or "supplier"
    user = _user(username, first_name, last_name, password, f"{first_name}.{last_name}@{domain}.example")
    role_grant(user=user, organisation=demo, role=role, actor=None)
    SupplierUser.objects.create(user=user, supplier=supplier)
    audit_record(actor=None, action="supplier.user_linked", subject=supplier, after={"user": user.username},
                 organisation=demo)
    return user


def _user(username: str, first_name: str, last_name: str, password: str, email: str) -> User:
    user = user_create(username=username, email=email.lower(), first_name=first_name, last_name=last_name,
                       actor=None)
    user.password = password
    user.save(update_fields=["password"])
    return user
