from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction

from procure.contracts.models import Contract
from procure.core.audit import audit_record, snapshot
from procure.core.errors import BusinessRuleViolation
from procure.organisations.models import User
from procure.social_value import selectors
from procure.social_value.choices import CommitmentSource
from procure.social_value.models import Commitment


def _offer_item(item: dict, position: int, measures: dict[int, object]) -> Commitment:
    """SV-1: Each commitment names what will be delivered, a target of zero or more in a unit, and a date."""
    where = f"Social value commitment {position}"
    description = str(item.get("description") or "").strip()
    measure = measures.get(int(item["measure_id"])) if item.get("measure_id") else None
    if item.get("measure_id") and measure is None:
        raise BusinessRuleViolation(code="SV-1", message=f"{where}: the measure is not in the framework")
    try:
        target = Decimal(str(item.get("target"))).quantize(Decimal("0.01"))
        due_on = date.fromisoformat(str(item.get("due_on")))
    except (InvalidOperation, ValueError):
        raise BusinessRuleViolation(code="SV-1", message=f"{where}: give a target as a number and a date") from None
    if target < 0 or not (description or measure):
        raise BusinessRuleViolation(code="SV-1", message=f"{where}: describe it and give a target of 0 or more")
    unit = str(item.get("unit") or getattr(measure, "unit", "") or "").strip()
    return Commitment(measure=measure, description=description or str(measure.name), unit=unit,
                      target=target, due_on=due_on)


@transaction.atomic
def commitments_attach(*, contract: Contract, offer: Iterable[dict], actor: User | None,
                       source: str = CommitmentSource.AWARD) -> list[Commitment]:
    """Make a social value offer part of a contract: one commitment per item (measure_id, description, target,
    unit, due_on as an ISO date), each audited. All or nothing: one bad item and none is attached."""
    measures = {measure.pk: measure for measure in selectors.measure_list(organisation=contract.organisation)}
    commitments = [_offer_item(item, position, measures) for position, item in enumerate(offer, start=1)]
    for commitment in commitments:
        commitment.contract, commitment.source = contract, source
        commitment.save()
        audit_record(actor=actor, action="social_value_commitment.created", subject=commitment,
                     after=snapshot(commitment), organisation=contract.organisation)
    return commitments
