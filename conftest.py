"""Fixtures shared by every app's tests: an organisation, and a signed-in user per role."""

import pytest
from django.core.cache import cache

from procure.organisations.choices import Role
from procure.organisations.tests.factories import MembershipFactory, OrganisationFactory, UserFactory


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Test users get passwords; hashing them the production way would make up most of the run time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: ids are reused after a rolled-back test, so a page cached by one
    test could otherwise be served to the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def organisation(db):
    return OrganisationFactory(slug="lancs", name="Lancashire Constabulary")


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(slug="other", name="Other Constabulary")


@pytest.fixture
def user_with_role(db):
    """Call with (role, organisation) to get a user holding that role there."""

    def make(role: Role | str, organisation):
        user = UserFactory()
        MembershipFactory(user=user, organisation=organisation, role=role)
        return user

    return make


@pytest.fixture
def officer(user_with_role, organisation):
    return user_with_role(Role.PROCUREMENT_OFFICER, organisation)


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def assert_page_access(client, user_with_role, organisation, other_organisation):
    """The permission matrix of one page: anonymous to sign-in, refused role 403, allowed role 200, and the
    allowed role of another organisation 403."""

    def check(url: str, allowed_role, refused_role) -> None:
        assert client.get(url).status_code == 302
        if refused_role is not None:
            client.force_login(user_with_role(refused_role, organisation))
            assert client.get(url).status_code == 403
        client.force_login(user_with_role(allowed_role, organisation))
        assert client.get(url).status_code == 200
        client.force_login(user_with_role(allowed_role, other_organisation))
        assert client.get(url).status_code == 403

    return check
