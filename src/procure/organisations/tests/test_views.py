import pytest
from django.urls import reverse

from procure.core.models import AuditEvent
from procure.organisations.choices import Role
from procure.organisations.models import Department, Membership


@pytest.fixture
def admin(user_with_role, organisation):
    return user_with_role(Role.ADMINISTRATOR, organisation)


def test_sign_in_takes_a_single_organisation_user_to_its_overview(client, officer, organisation):
    response = client.post(reverse("organisations:sign_in"),
                           {"username": officer.username, "password": "correct-horse-battery"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("organisations:dashboard", args=[organisation.slug])
    assert organisation.name in response.content.decode()


def test_wrong_password_shows_an_error_summary(client, officer):
    response = client.post(reverse("organisations:sign_in"), {"username": officer.username, "password": "nope"})
    page = response.content.decode()
    assert "There is a problem" in page and "<title>Error:" in page


@pytest.mark.parametrize(("name", "allowed_role", "refused_role"), [
    ("organisations:detail", Role.AUDITOR, Role.SUPPLIER_USER),
    ("organisations:audit", Role.AUDITOR, Role.BUDGET_HOLDER),
    ("organisations:dashboard", Role.BUDGET_HOLDER, None),
])
def test_organisation_pages_permission_matrix(client, user_with_role, organisation, other_organisation,
                                              name, allowed_role, refused_role):
    url = reverse(name, args=[organisation.slug])
    assert client.get(url).status_code == 302  # anonymous: to sign-in
    if refused_role:
        client.force_login(user_with_role(refused_role, organisation))
        assert client.get(url).status_code == 403
    client.force_login(user_with_role(allowed_role, organisation))
    assert client.get(url).status_code == 200
    client.force_login(user_with_role(allowed_role, other_organisation))
    assert client.get(url).status_code == 403


def test_administrator_adds_a_department_and_it_is_audited(client, admin, organisation):
    client.force_login(admin)
    client.post(reverse("organisations:department_add", args=[organisation.slug]), {"code": "EST", "name": "Estates"})
    assert Department.objects.filter(organisation=organisation, code="EST").exists()
    assert AuditEvent.objects.filter(action="department.created", actor=admin).exists()


def test_officer_cannot_grant_roles_and_nothing_changes(client, officer, organisation, user_with_role):
    someone = user_with_role(Role.BUDGET_HOLDER, organisation)
    client.force_login(officer)
    response = client.post(reverse("organisations:role_grant", args=[organisation.slug]),
                           {"username": someone.username, "role": Role.ADMINISTRATOR})
    assert response.status_code == 403
    assert not Membership.objects.filter(user=someone, role=Role.ADMINISTRATOR).exists()


def test_last_administrator_cannot_be_removed(client, admin, organisation):
    client.force_login(admin)
    membership = Membership.objects.get(user=admin, organisation=organisation)
    response = client.post(reverse("organisations:role_revoke", args=[organisation.slug, membership.pk]), follow=True)
    assert "at least one administrator" in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_audit_trail_lists_changes_and_exports_csv(client, admin, organisation):
    client.force_login(admin)
    client.post(reverse("organisations:department_add", args=[organisation.slug]), {"code": "ICT", "name": "ICT"})
    url = reverse("organisations:audit", args=[organisation.slug])
    assert "department.created" in client.get(url).content.decode()
    export = client.get(url, {"_export": "csv"})
    assert export["Content-Type"].startswith("text/csv") and b"department.created" in export.content


def test_api_refuses_other_organisations_and_anonymous(client, officer, organisation, other_organisation):
    url = f"/api/o/{organisation.slug}/departments/"
    assert client.get(url).status_code in (401, 403)
    client.force_login(officer)
    assert client.get(url).status_code == 200
    assert client.get(f"/api/o/{other_organisation.slug}/departments/").status_code == 403


def test_openapi_schema_is_served(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200 and b"openapi" in response.content


def test_organisation_add_command_is_idempotent(db, capsys):
    from django.core.management import call_command

    call_command("organisation_add", "pcc", "--name", "Office of the PCC")
    call_command("organisation_add", "pcc", "--name", "Another name")
    out = capsys.readouterr().out
    assert "Created organisation pcc" in out and "already exists" in out
    assert AuditEvent.objects.filter(action="organisation.created").count() == 1
