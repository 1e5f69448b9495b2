"""Finding, in the audit trail, what changed since coverage was last decided (the contracts app sits below
spend and cannot tell it: spend reads the events instead, from a watermark kept per organisation).

Lookups go through the KPI summary, which holds each line's supplier, contract and coverage at a fraction
of the lines' size.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import BigIntegerField, Max, Q, QuerySet
from django.db.models.functions import Cast

from procure.contracts.models import Contract
from procure.core.models import AuditEvent
from procure.organisations.models import Organisation
from procure.spend.choices import Coverage
from procure.spend.models import CoverageWatermark, SpendSummary
from procure.suppliers.models import Supplier

# Supplier changes that can change a decision or a KPI: public body flag, size or VCSE classification.
SUPPLIER_ACTIONS = ("supplier.updated", "supplier.classified")
# Decisions that name a contract: when it is deleted they lose it and must be made again.
CONTRACT_DECISIONS = (Coverage.COVERED, Coverage.CONTRACT_ENDED, Coverage.CONTRACT_NOT_STARTED,
                      Coverage.CATEGORY_NOT_COVERED)


def latest_event_id() -> int:
    return AuditEvent.objects.aggregate(latest=Max("id"))["latest"] or 0


def watermark_for_update(organisation: Organisation) -> CoverageWatermark:
    """The organisation's watermark, locked; an unsaved one (pk None) before its first catch-up."""
    found = CoverageWatermark.objects.select_for_update().filter(organisation=organisation).first()
    return found or CoverageWatermark(organisation=organisation)


def _subject_ids(events: QuerySet[AuditEvent], model) -> QuerySet:
    subject_type = ContentType.objects.get_for_model(model, for_concrete_model=True)
    return (events.filter(subject_type=subject_type).order_by()
            .annotate(subject=Cast("subject_id", BigIntegerField())).values("subject"))


def _ids(queryset: QuerySet) -> set[int]:
    return {pk for pk in queryset if pk is not None}


def affected_supplier_ids(organisation: Organisation, *, after: int, up_to: int) -> tuple[set[int], bool]:
    """The organisation's suppliers whose lines may decide differently because of the events after `after`
    up to `up_to`, and whether lines without a supplier need deciding too (lines never decided)."""
    events = AuditEvent.objects.filter(id__gt=after, id__lte=up_to)
    contract_ids = _subject_ids(events.filter(action__startswith="contract."), Contract)
    summary = SpendSummary.objects.filter(organisation=organisation).order_by()
    ids = _ids(Contract.suppliers.through.objects.filter(
        contract_id__in=contract_ids, contract__organisation=organisation).values_list("supplier_id", flat=True))
    ids |= _ids(Supplier.objects.filter(
        organisation=organisation, pk__in=_subject_ids(events.filter(action__in=SUPPLIER_ACTIONS), Supplier)
    ).values_list("pk", flat=True))
    ids |= _ids(summary.filter(Q(contract_id__in=contract_ids) | Q(
        contract__isnull=True, coverage__in=CONTRACT_DECISIONS)).values_list("supplier_id", flat=True).distinct())
    ids |= _shared_contract_suppliers(organisation, contract_ids)
    undecided = summary.filter(coverage=Coverage.UNDECIDED)
    ids |= _ids(undecided.values_list("supplier_id", flat=True).distinct())
    return ids, undecided.filter(supplier__isnull=True).exists()


def _shared_contract_suppliers(organisation: Organisation, contract_ids: QuerySet) -> set[int]:
    """The organisation's suppliers that are the same firm as a supplier of a changed contract it takes part
    in (same normalised name or company number)."""
    theirs = Supplier.objects.filter(contracts__in=Contract.objects.filter(
        pk__in=contract_ids, participating_organisations=organisation))
    same = Q(normalised_name__in=theirs.values("normalised_name")) | Q(
        companies_house_number__in=theirs.exclude(companies_house_number="").values("companies_house_number"))
    return _ids(Supplier.objects.filter(organisation=organisation).filter(same).values_list("pk", flat=True))
