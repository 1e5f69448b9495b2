from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from procure.core.models import AuditEvent
from procure.organisations.choices import Role
from procure.spend.choices import ImportStatus, PayeeReviewStatus
from procure.spend.models import ColumnMapping, PayeeReview, SpendImport, SpendLine
from procure.spend.tests.factories import PayeeReviewFactory, SpendImportFactory, SpendLineFactory
from procure.spend.tests.files import LGA_HEADINGS, lga_row
from procure.suppliers.choices import AliasKind
from procure.suppliers.models import SupplierAlias
from procure.suppliers.tests.factories import SupplierFactory


def _csv_upload(rows: list[list[str]], name: str = "april.csv") -> SimpleUploadedFile:
    text = "\n".join(",".join(cell for cell in row) for row in rows) + "\n"
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def _page_urls(organisation) -> dict[str, str]:
    record = SpendImportFactory(organisation=organisation)
    review = PayeeReviewFactory(organisation=organisation)
    unrecognised = SpendImportFactory(organisation=organisation, status=ImportStatus.REJECTED, headers=["A", "B"])
    slug = organisation.slug
    return {
        "spend:import_mapping": reverse("spend:import_mapping", args=[slug, unrecognised.pk]),
        "spend:line_list": reverse("spend:line_list", args=[slug]),
        "spend:import_list": reverse("spend:import_list", args=[slug]),
        "spend:import_detail": reverse("spend:import_detail", args=[slug, record.pk]),
        "spend:import_progress": reverse("spend:import_progress", args=[slug, record.pk]),
        "spend:import_new": reverse("spend:import_new", args=[slug]),
        "spend:import_remove": reverse("spend:import_remove", args=[slug, record.pk]),
        "spend:payee_review_list": reverse("spend:payee_review_list", args=[slug]),
        "spend:payee_review_detail": reverse("spend:payee_review_detail", args=[slug, review.pk]),
    }


@pytest.mark.parametrize(("name", "allowed_role", "refused_role"), [
    ("spend:line_list", Role.BUDGET_HOLDER, Role.EVALUATOR),
    ("spend:import_list", Role.AUDITOR, Role.SUPPLIER_USER),
    ("spend:import_detail", Role.AUDITOR, Role.SUPPLIER_USER),
    ("spend:import_progress", Role.AUDITOR, Role.EVALUATOR),
    ("spend:import_new", Role.PROCUREMENT_OFFICER, Role.BUDGET_HOLDER),
    ("spend:import_remove", Role.PROCUREMENT_OFFICER, Role.AUDITOR),
    ("spend:import_mapping", Role.ADMINISTRATOR, Role.AUDITOR),
    ("spend:payee_review_list", Role.ADMINISTRATOR, Role.AUDITOR),
    ("spend:payee_review_detail", Role.PROCUREMENT_OFFICER, Role.BUDGET_HOLDER),
])
def test_spend_pages_permission_matrix(assert_page_access, organisation, name, allowed_role, refused_role):
    assert_page_access(_page_urls(organisation)[name], allowed_role, refused_role)


def test_line_list_shows_credits_marked_and_links_linked_payees_to_their_supplier(officer_client, organisation):
    supplier = SupplierFactory(organisation=organisation, name="Banner Group Ltd")
    SpendLineFactory(organisation=organisation, payee_name="BANNER GROUP", supplier=supplier, amount=Decimal("612.50"))
    SpendLineFactory(organisation=organisation, payee_name="Certas Energy", amount=Decimal("-40.00"))
    page = officer_client.get(reverse("spend:line_list", args=["lancs"])).content.decode()
    assert reverse("suppliers:detail", args=["lancs", supplier.pk]) in page
    assert "-£40.00" in page and "Credit</strong>" in page
    assert "govuk-table__cell--numeric" in page
    assert "Not linked" in page


def test_line_list_query_count_is_pinned(officer_client, organisation, django_assert_max_num_queries):
    record = SpendImportFactory(organisation=organisation)
    for _ in range(40):
        SpendLineFactory(organisation=organisation, spend_import=record,
                         supplier=SupplierFactory(organisation=organisation))
    with django_assert_max_num_queries(10):  # session, user, organisation, roles, 2 counts, navigation twice,
        response = officer_client.get(reverse("spend:line_list", args=["lancs"]))  # import choices, lines
    assert response.status_code == 200


@pytest.mark.parametrize(("query", "expected"), [
    ("credits=on", {"Credit Ltd"}),
    ("financial_year=2023", {"Old Ltd"}),
    ("unlinked=on", {"Credit Ltd", "Old Ltd"}),
    ("q=invoice-77", {"Linked Ltd"}),
    ("amount_min=100&amount_max=600", {"Linked Ltd"}),
    ("date_from=01/04/2024&date_to=31/05/2024", {"Linked Ltd", "Credit Ltd"}),
    ("supplier=Banner", {"Linked Ltd"}),
])
def test_line_list_filters(officer_client, organisation, query, expected):
    supplier = SupplierFactory(organisation=organisation, name="Banner Group Ltd")
    SpendLineFactory(organisation=organisation, payee_name="Linked Ltd", supplier=supplier, amount=Decimal("500"),
                     invoice_reference="INVOICE-77")
    SpendLineFactory(organisation=organisation, payee_name="Credit Ltd", amount=Decimal("-12"))
    SpendLineFactory(organisation=organisation, payee_name="Old Ltd", payment_date=date(2023, 6, 1))
    response = officer_client.get(reverse("spend:line_list", args=["lancs"]) + "?" + query)
    shown = {line.payee_name for line in response.context["table"].data}
    assert shown == expected


def test_line_list_downloads_as_csv_with_plain_amounts(officer_client, organisation):
    SpendLineFactory(organisation=organisation, payee_name="Credit Ltd", amount=Decimal("-12.50"))
    response = officer_client.get(reverse("spend:line_list", args=["lancs"]) + "?_export=csv")
    body = b"".join(response.streaming_content if response.streaming else [response.content]).decode()
    assert "Credit Ltd" in body and "-12.50" in body and "<strong" not in body


def test_line_list_downloads_as_xlsx(officer_client, organisation):
    SpendLineFactory(organisation=organisation)
    response = officer_client.get(reverse("spend:line_list", args=["lancs"]) + "?_export=xlsx")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_import_list_query_count_is_pinned(officer_client, organisation, officer, django_assert_max_num_queries):
    for _ in range(20):
        SpendImportFactory(organisation=organisation, uploaded_by=officer)
    with django_assert_max_num_queries(9):
        response = officer_client.get(reverse("spend:import_list", args=["lancs"]))
    assert response.status_code == 200


def test_payee_review_list_query_count_is_pinned(officer_client, organisation, django_assert_max_num_queries):
    for _ in range(20):
        review = PayeeReviewFactory(organisation=organisation)
        SpendLineFactory(organisation=organisation, payee_name=review.payee_name)
    with django_assert_max_num_queries(9):
        response = officer_client.get(reverse("spend:payee_review_list", args=["lancs"]))
    assert response.status_code == 200
    assert len(response.context["table"].page.object_list) == 20


def test_uploading_a_file_imports_it_and_shows_the_report(officer_client, organisation):
    upload = _csv_upload([LGA_HEADINGS, lga_row("Banner Group Ltd", "612.50"), lga_row("Certas", "(12.50)")])
    response = officer_client.post(reverse("spend:import_new", args=["lancs"]), {"file": upload}, follow=True)
    record = SpendImport.objects.get()
    assert response.redirect_chain[-1][0] == reverse("spend:import_detail", args=["lancs", record.pk])
    page = response.content.decode()
    assert record.status == ImportStatus.COMPLETED and SpendLine.objects.count() == 2
    assert "£600.00" in page and record.checksum in page and "the lines add up to the file" in page
    assert record.uploaded_by.username in page or str(record.uploaded_by) in page


def test_uploading_a_file_with_bad_rows_shows_each_row_to_correct(officer_client, organisation):
    upload = _csv_upload([LGA_HEADINGS, lga_row("Banner Group Ltd", "lots"), lga_row("", "5.00")])
    response = officer_client.post(reverse("spend:import_new", args=["lancs"]), {"file": upload}, follow=True)
    page = response.content.decode()
    assert "Nothing was imported" in page
    assert "Amount: &#x27;lots&#x27; is not an amount" in page and "No payee: enter the supplier" in page
    assert not SpendLine.objects.exists()


@pytest.mark.parametrize(("upload", "message"), [
    (None, "Select a spend file to upload"),
    (SimpleUploadedFile("notes.pdf", b"%PDF-1.4"), "The selected file must be a CSV or XLSX file"),
    (SimpleUploadedFile("empty.csv", b""), "The selected file is empty"),
])
def test_upload_errors_are_shown_the_govuk_way(officer_client, organisation, upload, message):
    data = {"file": upload} if upload is not None else {}
    response = officer_client.post(reverse("spend:import_new", args=["lancs"]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and message in page and "<title>Error:" in page
    assert not SpendImport.objects.exists()


def test_upload_is_refused_without_the_import_permission_and_nothing_is_stored(client, budget_holder, organisation):
    client.force_login(budget_holder)
    upload = _csv_upload([LGA_HEADINGS, lga_row("Banner Group Ltd", "1.00")])
    response = client.post(reverse("spend:import_new", args=["lancs"]), {"file": upload})
    assert response.status_code == 403
    assert not SpendImport.objects.exists() and not SpendLine.objects.exists()


def test_running_import_page_polls_a_progress_partial(officer_client, organisation):
    record = SpendImportFactory(organisation=organisation, status=ImportStatus.RUNNING, progress_done=30,
                                progress_total=120)
    page = officer_client.get(reverse("spend:import_detail", args=["lancs", record.pk])).content.decode()
    partial_url = reverse("spend:import_progress", args=["lancs", record.pk])
    assert f'hx-get="{partial_url}"' in page and 'hx-trigger="every 1s"' in page
    assert '<progress id="import-progress-bar"' in page and "30 of 120" in page and "(25%)" in page


def test_progress_partial_asks_the_page_to_reload_when_the_import_ends(officer_client, organisation):
    record = SpendImportFactory(organisation=organisation, status=ImportStatus.COMPLETED)
    response = officer_client.get(reverse("spend:import_progress", args=["lancs", record.pk]))
    assert response["HX-Refresh"] == "true"
    assert "hx-get" not in response.content.decode()


def test_unrecognised_file_can_have_its_columns_chosen_and_saved(officer_client, organisation):
    upload = _csv_upload([["Posted", "Who", "Value"], ["02/05/2024", "Banner Group Ltd", "10.00"]], "ledger.csv")
    response = officer_client.post(reverse("spend:import_new", args=["lancs"]), {"file": upload}, follow=True)
    refused = SpendImport.objects.get()
    mapping_url = reverse("spend:import_mapping", args=["lancs", refused.pk])
    assert mapping_url in response.content.decode()
    response = officer_client.post(mapping_url, {"source_name": "Ledger", "payment_date": "Posted",
                                                 "payee_name": "Who", "amount": "Value"}, follow=True)
    again = SpendImport.objects.exclude(pk=refused.pk).get()
    assert again.status == ImportStatus.COMPLETED and again.layout == "Saved mapping: Ledger"
    assert ColumnMapping.objects.filter(organisation=organisation, source_name="Ledger").exists()
    assert "Columns saved" in response.content.decode()


def test_column_choice_is_refused_without_the_import_permission_and_nothing_is_saved(client, auditor,
                                                                                     organisation):
    refused = SpendImportFactory(organisation=organisation, status=ImportStatus.REJECTED, headers=["A", "B", "C"])
    client.force_login(auditor)
    response = client.post(reverse("spend:import_mapping", args=["lancs", refused.pk]),
                           {"source_name": "Ledger", "payment_date": "A", "payee_name": "B", "amount": "C"})
    assert response.status_code == 403
    assert not ColumnMapping.objects.exists() and SpendImport.objects.count() == 1


def test_duplicate_report_names_the_earlier_import(officer_client, organisation):
    earlier = SpendImportFactory(organisation=organisation, file_name="april.csv")
    again = SpendImportFactory(organisation=organisation, status=ImportStatus.DUPLICATE, duplicate_of=earlier,
                               message="This file was already imported on 01/05/2024 (april.csv): nothing was added.")
    page = officer_client.get(reverse("spend:import_detail", args=["lancs", again.pk])).content.decode()
    assert "nothing was added" in page
    assert reverse("spend:import_detail", args=["lancs", earlier.pk]) in page


def test_column_choice_needs_the_required_fields(officer_client, organisation):
    refused = SpendImportFactory(organisation=organisation, status=ImportStatus.REJECTED, headers=["A", "B"],
                                 mapping={})
    response = officer_client.post(reverse("spend:import_mapping", args=["lancs", refused.pk]),
                                   {"source_name": "Ledger", "payment_date": "A"})
    page = response.content.decode()
    assert "Choose the column that holds the amount" in page and "There is a problem" in page
    assert not ColumnMapping.objects.exists()


def test_deciding_a_payee_links_its_lines_and_remembers_the_name(officer_client, officer, organisation):
    supplier = SupplierFactory(organisation=organisation, name="Northern Fleet Services Ltd")
    review = PayeeReviewFactory(organisation=organisation, payee_name="Northern Fleet Servs",
                                suggestions=[{"supplier_id": supplier.pk, "name": supplier.name, "score": 77.5}])
    line = SpendLineFactory(organisation=organisation, payee_name="Northern Fleet Servs")
    url = reverse("spend:payee_review_detail", args=["lancs", review.pk])
    assert "Northern Fleet Services Ltd" in officer_client.get(url).content.decode()
    response = officer_client.post(url, {"choice": f"supplier:{supplier.pk}"})
    assert response.status_code == 302
    line.refresh_from_db()
    review.refresh_from_db()
    assert line.supplier == supplier and review.status == PayeeReviewStatus.LINKED
    assert SupplierAlias.objects.filter(supplier=supplier, kind=AliasKind.PAYEE_DECISION).exists()
    assert AuditEvent.objects.filter(action="payee_review.decided", actor=officer).exists()


def test_deciding_a_payee_can_find_another_supplier_by_search(officer_client, organisation):
    other = SupplierFactory(organisation=organisation, name="Pendle Joinery Ltd")
    review = PayeeReviewFactory(organisation=organisation, payee_name="PJ Ltd")
    url = reverse("spend:payee_review_detail", args=["lancs", review.pk])
    page = officer_client.get(url + "?q=pendle").content.decode()
    assert f'value="supplier:{other.pk}"' in page


def test_deciding_a_payee_without_a_choice_shows_an_error(officer_client, organisation):
    review = PayeeReviewFactory(organisation=organisation)
    response = officer_client.post(reverse("spend:payee_review_detail", args=["lancs", review.pk]), {})
    assert "Choose a supplier, or create a new one" in response.content.decode()
    review.refresh_from_db()
    assert review.status == PayeeReviewStatus.OPEN


def test_deciding_a_payee_is_refused_without_the_permission_and_nothing_changes(client, auditor, organisation):
    supplier = SupplierFactory(organisation=organisation)
    review = PayeeReviewFactory(organisation=organisation)
    client.force_login(auditor)
    response = client.post(reverse("spend:payee_review_detail", args=["lancs", review.pk]),
                           {"choice": f"supplier:{supplier.pk}"})
    assert response.status_code == 403
    review.refresh_from_db()
    assert review.status == PayeeReviewStatus.OPEN and not SupplierAlias.objects.exists()


def test_a_payee_cannot_be_linked_to_another_organisations_supplier(officer_client, organisation,
                                                                    other_organisation):
    stranger = SupplierFactory(organisation=other_organisation)
    review = PayeeReviewFactory(organisation=organisation)
    response = officer_client.post(reverse("spend:payee_review_detail", args=["lancs", review.pk]),
                                   {"choice": f"supplier:{stranger.pk}"})
    assert "Choose one of this organisation" in response.content.decode()
    assert PayeeReview.objects.get(pk=review.pk).status == PayeeReviewStatus.OPEN


def _imported(officer_client) -> SpendImport:
    upload = _csv_upload([LGA_HEADINGS, lga_row("Banner Group Ltd", "612.50"), lga_row("Certas", "(12.50)")])
    officer_client.post(reverse("spend:import_new", args=["lancs"]), {"file": upload})
    return SpendImport.objects.get()


def test_removing_an_import_takes_its_lines_out_and_lets_the_file_load_again(officer_client, organisation):
    record = _imported(officer_client)
    url = reverse("spend:import_remove", args=["lancs", record.pk])
    response = officer_client.post(url, {"reason": "Loaded for the wrong force"}, follow=True)
    record.refresh_from_db()
    assert record.status == ImportStatus.REMOVED and not SpendLine.objects.exists()
    assert "were removed" in response.content.decode()
    event = AuditEvent.objects.get(action="spend_import.removed")
    assert event.after["reason"] == "Loaded for the wrong force" and event.after["lines_removed"] == 2
    again = _csv_upload([LGA_HEADINGS, lga_row("Banner Group Ltd", "612.50"), lga_row("Certas", "(12.50)")])
    officer_client.post(reverse("spend:import_new", args=["lancs"]), {"file": again})
    assert SpendLine.objects.count() == 2


def test_removing_an_import_needs_a_reason_and_changes_nothing_without_one(officer_client, organisation):
    record = _imported(officer_client)
    response = officer_client.post(reverse("spend:import_remove", args=["lancs", record.pk]), {"reason": " "})
    assert response.status_code == 400 and "Enter why the import is being removed" in response.content.decode()
    assert "<title>Error:" in response.content.decode()
    record.refresh_from_db()
    assert record.status == ImportStatus.COMPLETED and SpendLine.objects.count() == 2


def test_an_auditor_cannot_remove_an_import(client, user_with_role, officer_client, organisation):
    record = _imported(officer_client)
    client.force_login(user_with_role(Role.AUDITOR, organisation))
    response = client.post(reverse("spend:import_remove", args=["lancs", record.pk]), {"reason": "Because"})
    assert response.status_code == 403 and SpendLine.objects.count() == 2
