"""The permission matrix: which role may do what, within one organisation.

Every page and endpoint names one permission; `role_allows` is the single place that decides.
"""

from procure.organisations.choices import Role

_STAFF_READERS = {
    Role.ADMINISTRATOR, Role.PROCUREMENT_OFFICER, Role.BUDGET_HOLDER,
    Role.BOARD_MEMBER, Role.EVALUATOR, Role.AUDITOR,
}
_BUYERS = {Role.ADMINISTRATOR, Role.PROCUREMENT_OFFICER}

MATRIX: dict[str, set[Role]] = {
    "organisation.view": _STAFF_READERS,
    "organisation.manage": {Role.ADMINISTRATOR},
    "supplier.view": _STAFF_READERS,
    "supplier.change": _BUYERS,
    "supplier.view_own": {Role.SUPPLIER_USER},
    "contract.view": _STAFF_READERS,
    "contract.change": _BUYERS,
    "contract.view_own": {Role.SUPPLIER_USER},
    "category.view": _STAFF_READERS,
    "spend.view": _STAFF_READERS - {Role.EVALUATOR},
    "spend.import": _BUYERS,
    "payee.resolve": _BUYERS,
    "audit.view": {Role.ADMINISTRATOR, Role.PROCUREMENT_OFFICER, Role.AUDITOR},
}

PERMISSIONS = tuple(MATRIX)


def role_allows(role: str, permission: str) -> bool:
    if permission not in MATRIX:
        raise KeyError(f"Unknown permission {permission!r}")
    return role in MATRIX[permission]


def roles_allowing(permission: str) -> set[Role]:
    return set(MATRIX[permission])
