"""Reads of spend lines, imports, saved column mappings and payee reviews."""

from decimal import Decimal

from django.db.models import Count, DecimalField, F, IntegerField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Round

from procure.core.money import PENNY, ZERO, money_str
from procure.organisations.models import Organisation
from procure.spend.choices import ImportStatus, PayeeReviewStatus
from procure.spend.importing import SavedMapping
from procure.spend.models import ColumnMapping, PayeeReview, SpendImport, SpendLine
from procure.spend.progress import progress_get


def spend_line_list(*, organisation: Organisation) -> QuerySet[SpendLine]:
    return SpendLine.objects.filter(organisation=organisation).select_related(
        "supplier", "category", "department", "spend_import")


def spend_import_list(*, organisation: Organisation) -> QuerySet[SpendImport]:
    return SpendImport.objects.filter(organisation=organisation).select_related("uploaded_by")


def spend_import_get(*, organisation: Organisation, import_id: int) -> SpendImport | None:
    return spend_import_list(organisation=organisation).select_related("duplicate_of").filter(pk=import_id).first()


def spend_import_progress(*, spend_import: SpendImport) -> tuple[int, int]:
    """(done, total) of a running import: the running thread's figures when this process holds them."""
    return progress_get(spend_import.pk) or (spend_import.progress_done, spend_import.progress_total)


def column_mappings_for(*, organisation: Organisation) -> dict[str, SavedMapping]:
    """The organisation's saved column mappings, keyed by the signature of the headings they were made for."""
    return {mapping.header_signature: SavedMapping(mapping.source_name, mapping.mapping)
            for mapping in ColumnMapping.objects.filter(organisation=organisation)}


def _lines_of_payee(field: str):
    lines = (SpendLine.objects.filter(organisation=OuterRef("organisation"),
                                      payee_normalised=OuterRef("payee_normalised"))
             .order_by().values("payee_normalised"))
    if field == "count":
        return Subquery(lines.annotate(n=Count("id")).values("n"), output_field=IntegerField())
    return Subquery(lines.annotate(t=Sum("amount")).values("t"), output_field=DecimalField(max_digits=16,
                                                                                           decimal_places=2))


def payee_review_list(*, organisation: Organisation) -> QuerySet[PayeeReview]:
    """Payee reviews with the number and total of the organisation's lines under each name."""
    return PayeeReview.objects.filter(organisation=organisation).select_related("supplier").annotate(
        line_count=Coalesce(_lines_of_payee("count"), Value(0)),
        line_total=Coalesce(_lines_of_payee("total"), Value(Decimal("0.00")),
                            output_field=DecimalField(max_digits=16, decimal_places=2)))


def payee_review_get(*, organisation: Organisation, review_id: int) -> PayeeReview | None:
    return payee_review_list(organisation=organisation).filter(pk=review_id).first()


def payee_reviews_open_count(*, organisation: Organisation) -> int:
    return PayeeReview.objects.filter(organisation=organisation, status=PayeeReviewStatus.OPEN).count()


def payee_review_lines(*, review: PayeeReview, limit: int = 20) -> QuerySet[SpendLine]:
    return (SpendLine.objects.filter(organisation=review.organisation, payee_normalised=review.payee_normalised)
            .select_related("spend_import").order_by("-payment_date", "id")[:limit])


def lines_total(lines: QuerySet[SpendLine]) -> Decimal:
    """The exact sum of the lines' amounts: summed as whole pennies, so SQLite's floating point cannot blur it."""
    pennies = lines.aggregate(pennies=Sum(Round(F("amount") * 100), output_field=IntegerField()))["pennies"]
    return (Decimal(round(pennies)) / 100).quantize(PENNY) if pennies is not None else ZERO


def import_completed_with_checksum(*, organisation: Organisation, checksum: str) -> SpendImport | None:
    return SpendImport.objects.filter(organisation=organisation, checksum=checksum,
                                      status=ImportStatus.COMPLETED).first()


def spend_import_report(*, spend_import: SpendImport) -> dict:
    """An import's outcome as JSON-ready values (money as strings), for the command line and the API."""
    return {
        "file": spend_import.file_name, "status": spend_import.status, "lines": spend_import.lines,
        "total": money_str(spend_import.total),
        "file_total": money_str(spend_import.file_total) if spend_import.file_total is not None else None,
        "file_total_source": spend_import.file_total_source, "totals_agree": spend_import.totals_agree,
        "rejected": spend_import.rejected, "checksum": spend_import.checksum, "import_id": spend_import.pk,
        "duplicate_of": spend_import.duplicate_of_id, "layout": spend_import.layout,
        "payees_linked": spend_import.payees_linked, "payees_new": spend_import.payees_new,
        "payees_to_review": spend_import.payees_to_review, "message": spend_import.message,
    }
