import pytest

from procure.organisations.choices import Role
from procure.organisations.permissions import MATRIX, role_allows
from procure.organisations.selectors import user_has_permission


def test_auditor_reads_everything_and_changes_nothing():
    readable = {name for name in MATRIX if name.endswith((".view", ".view_own"))}
    assert all(role_allows(Role.AUDITOR, name) for name in readable - {"supplier.view_own", "contract.view_own"})
    changes = {name for name in MATRIX if not name.endswith((".view", ".view_own"))} - {"audit.view"}
    assert not any(role_allows(Role.AUDITOR, name) for name in changes)


def test_supplier_users_see_only_their_own_records():
    allowed = {name for name in MATRIX if role_allows(Role.SUPPLIER_USER, name)}
    assert allowed == {"supplier.view_own", "contract.view_own", "bid.submit", "social_value.report_own"}


def test_unknown_permission_is_an_error_not_a_refusal():
    with pytest.raises(KeyError):
        role_allows(Role.ADMINISTRATOR, "contract.destroy")


def test_roles_hold_only_in_their_own_organisation(user_with_role, organisation, other_organisation):
    officer = user_with_role(Role.PROCUREMENT_OFFICER, organisation)
    assert user_has_permission(officer, organisation, "contract.change")
    assert not user_has_permission(officer, other_organisation, "contract.view")
