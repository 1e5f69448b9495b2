import pytest

from procure.contracts.tests.conftest import supplier, supplier_user  # noqa: F401 - shared fixtures


@pytest.fixture
def login(client):
    def sign_in(user):
        client.force_login(user)
        return client
    return sign_in
