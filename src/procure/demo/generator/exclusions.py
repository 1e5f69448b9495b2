"""The demo force's non-procurable spend rules: what its ledger pays that is not a purchase."""

from procure.spend.choices import ExclusionKind
from procure.spend.coverage.services import ExclusionInput


def _expense(text: str, reason: str) -> ExclusionInput:
    return ExclusionInput(kind=ExclusionKind.EXPENSE_TYPE, value=text, reason=reason)


DEMO_EXCLUSIONS: tuple[ExclusionInput, ...] = (
    _expense("pension", "Pension contributions"),
    _expense("salar", "Salaries and wages"),
    _expense("national insurance", "National insurance"),
    _expense("levy", "Apprenticeship levy"),
    _expense("business rates", "Business rates"),
    _expense("excise duty", "Taxes and duties"),
    _expense("grant", "Grants"),
    ExclusionInput(kind=ExclusionKind.PUBLIC_BODY,
                   reason="Other payments to public bodies (recharges, contributions, national charges)"),
)
