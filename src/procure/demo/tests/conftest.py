import pytest

from procure.demo.services import demo_build

SMALL = 0.02  # 150 suppliers, 40 contracts, about 1,200 payments: a build takes well under a second
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """The demo's sign-ins are checked by logging in; a fast hasher keeps that quick."""
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture
def demo(db):
    """The demo built at a small scale; returns the build's result."""
    return demo_build(scale=SMALL, seed=11)
