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
    # Sourcing: needs, the board, tenders, bids, evaluation and award
    "request.view": _STAFF_READERS - {Role.EVALUATOR},
    "request.raise": _BUYERS | {Role.BUDGET_HOLDER},
    "request.triage": _BUYERS,
    "board.view": _BUYERS | {Role.BOARD_MEMBER, Role.AUDITOR},
    "board.manage": _BUYERS,
    "board.decide": {Role.ADMINISTRATOR, Role.BOARD_MEMBER},
    "tender.view": _STAFF_READERS,
    "tender.manage": _BUYERS,
    "tender.open": _BUYERS,
    "bid.view": _BUYERS | {Role.AUDITOR},
    "bid.submit": {Role.SUPPLIER_USER},
    "evaluation.mark": {Role.EVALUATOR, Role.PROCUREMENT_OFFICER},
    "evaluation.moderate": _BUYERS,
    "evaluation.view": _BUYERS | {Role.BOARD_MEMBER, Role.AUDITOR},
    "award.propose": _BUYERS,
    "award.approve": {Role.ADMINISTRATOR, Role.BOARD_MEMBER},
    # Social value: the framework, commitments in contracts, delivery returns
    "social_value.view": _STAFF_READERS,
    "social_value.manage": _BUYERS,
    "social_value.report_own": {Role.SUPPLIER_USER},
}

PERMISSIONS = tuple(MATRIX)


def role_allows(role: str, permission: str) -> bool:
    if permission not in MATRIX:
        raise KeyError(f"Unknown permission {permission!r}")
    return role in MATRIX[permission]


def roles_allowing(permission: str) -> set[Role]:
    return set(MATRIX[permission])
