from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from procure.organisations.choices import Role
from procure.spend.models import SpendImport, SpendLine
from procure.spend.tests.factories import SpendImportFactory, SpendLineFactory
from procure.spend.tests.files import LGA_HEADINGS, lga_row


def _upload(rows: list[list[str]], name: str = "april.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, ("\n".join(",".join(row) for row in rows) + "\n").encode(), "text/csv")


def _urls(organisation) -> dict[str, str]:
    record = SpendImportFactory(organisation=organisation)
    return {
        "lines": reverse("api_spend_line_list", args=[organisation.slug]),
        "imports": reverse("api_spend_import_list", args=[organisation.slug]),
        "import": reverse("api_spend_import_detail", args=[organisation.slug, record.pk]),
    }


@pytest.mark.parametrize("name", ["lines", "imports", "import"])
def test_spend_api_reads_permission_matrix(client, user_with_role, organisation, other_organisation, name):
    url = _urls(organisation)[name]
    assert client.get(url).status_code in (401, 403)
    client.force_login(user_with_role(Role.EVALUATOR, organisation))
    assert client.get(url).status_code == 403
    client.force_login(user_with_role(Role.AUDITOR, organisation))
    assert client.get(url).status_code == 200
    client.force_login(user_with_role(Role.AUDITOR, other_organisation))
    assert client.get(url).status_code == 403


def test_upload_permission_matrix_and_refusals_change_nothing(client, user_with_role, organisation,
                                                             other_organisation):
    url = reverse("api_spend_import_list", args=["lancs"])
    rows = [LGA_HEADINGS, lga_row("Banner Group Ltd", "1.00")]
    assert client.post(url, {"file": _upload(rows)}).status_code in (401, 403)
    client.force_login(user_with_role(Role.AUDITOR, organisation))
    assert client.post(url, {"file": _upload(rows)}).status_code == 403
    client.force_login(user_with_role(Role.PROCUREMENT_OFFICER, other_organisation))
    assert client.post(url, {"file": _upload(rows)}).status_code == 403
    assert not SpendImport.objects.exists() and not SpendLine.objects.exists()
    client.force_login(user_with_role(Role.PROCUREMENT_OFFICER, organisation))
    assert client.post(url, {"file": _upload(rows)}).status_code == 201


def test_upload_returns_the_report(officer_client, organisation):
    url = reverse("api_spend_import_list", args=["lancs"])
    response = officer_client.post(url, {"file": _upload([LGA_HEADINGS, lga_row("Banner Group Ltd", "612.50"),
                                                          lga_row("Certas", "(12.50)")])})
    report = response.json()
    assert response.status_code == 201
    assert (report["status"], report["lines"], report["total"], report["file_total"], report["totals_agree"]) == (
        "completed", 2, "600.00", "600.00", True)
    assert len(report["checksum"]) == 64 and report["uploaded_by"]


def test_upload_of_a_bad_file_returns_422_with_every_bad_row(officer_client, organisation):
    url = reverse("api_spend_import_list", args=["lancs"])
    response = officer_client.post(url, {"file": _upload([LGA_HEADINGS, lga_row("A Ltd", "x"), lga_row("", "1")])})
    assert response.status_code == 422
    assert [row["line"] for row in response.json()["rejected"]] == [2, 3]
    assert not SpendLine.objects.exists()


def test_upload_of_the_same_file_twice_returns_200_and_adds_nothing(officer_client, organisation):
    url = reverse("api_spend_import_list", args=["lancs"])
    rows = [LGA_HEADINGS, lga_row("Banner Group Ltd", "1.00")]
    officer_client.post(url, {"file": _upload(rows)})
    response = officer_client.post(url, {"file": _upload(rows)})
    assert response.status_code == 200 and response.json()["status"] == "duplicate"
    assert SpendLine.objects.count() == 1


def test_upload_of_a_wrong_kind_of_file_is_a_400(officer_client, organisation):
    response = officer_client.post(reverse("api_spend_import_list", args=["lancs"]),
                                   {"file": SimpleUploadedFile("a.pdf", b"%PDF")})
    assert response.status_code == 400
    assert response.json() == {"file": ["The selected file must be a CSV or XLSX file"]}


def test_lines_can_be_filtered_and_money_is_a_string(officer_client, organisation, django_assert_max_num_queries):
    SpendLineFactory(organisation=organisation, payee_name="Credit Ltd", amount=Decimal("-12.50"))
    for _ in range(10):
        SpendLineFactory(organisation=organisation)
    with django_assert_max_num_queries(6):
        response = officer_client.get(reverse("api_spend_line_list", args=["lancs"]) + "?credits=true")
    results = response.json()["results"]
    assert [(line["payee_name"], line["amount"]) for line in results] == [("Credit Ltd", "-12.50")]


def test_lines_of_another_organisation_are_not_listed(officer_client, organisation, other_organisation):
    SpendLineFactory(organisation=other_organisation)
    response = officer_client.get(reverse("api_spend_line_list", args=["lancs"]))
    assert response.json()["count"] == 0
