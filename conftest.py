"""Fixtures shared by every app's tests: an organisation, and a signed-in user per role."""

import pytest

from procure.organisations.choices import Role
from procure.organisations.tests.factories import MembershipFactory, OrganisationFactory, UserFactory


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Test users get passwords; hashing them the production way would make up most of the run time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
