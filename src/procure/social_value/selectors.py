from django.db.models import Q, QuerySet

from procure.contracts.models import Contract
from procure.organisations.models import Organisation
from procure.social_value.models import Commitment, Measure, Outcome


def measure_list(*, organisation: Organisation) -> QuerySet[Measure]:
    """The measures bidders and contract managers choose from: the shared framework and the organisation's own."""
    return (Measure.objects.filter(is_active=True)
            .filter(Q(outcome__organisation__isnull=True) | Q(outcome__organisation=organisation))
            .select_related("outcome"))


def commitment_list(*, contract: Contract) -> QuerySet[Commitment]:
    return Commitment.objects.filter(contract=contract).select_related("measure__outcome")


def framework(*, organisation: Organisation) -> list[tuple[Outcome, list[Measure]]]:
    """The outcomes in code order, each with its active measures."""
    by_outcome: dict[int, list[Measure]] = {}
    outcomes: dict[int, Outcome] = {}
    for measure in measure_list(organisation=organisation).order_by("outcome__code", "code"):
        outcomes.setdefault(measure.outcome_id, measure.outcome)
        by_outcome.setdefault(measure.outcome_id, []).append(measure)
    return [(outcome, by_outcome[pk]) for pk, outcome in outcomes.items()]
