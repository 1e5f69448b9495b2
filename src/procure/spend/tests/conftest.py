
import pytest

from procure.organisations.choices import Role


@pytest.fixture(autouse=True)
def imports_inline_and_uploads_in_tmp(settings, tmp_path):
    """Imports run in the request (tests share one database transaction); uploads go to a temporary folder;
    passwords hash quickly."""
    settings.PROCURE_RUN_IMPORTS_INLINE = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def auditor(user_with_role, organisation):
    return user_with_role(Role.AUDITOR, organisation)


@pytest.fixture
def budget_holder(user_with_role, organisation):
    return user_with_role(Role.BUDGET_HOLDER, organisation)
