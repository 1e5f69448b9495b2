import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from procure.spend.models import SpendLine
from procure.spend.tests.files import lga_file, lga_row


def _run(*args, **options) -> list[dict]:
    out = StringIO()
    call_command("spend_import", *args, stdout=out, stderr=StringIO(), **options)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_json_output_gives_one_object_per_file(organisation, tmp_path):
    first = lga_file(tmp_path / "april.csv", [lga_row("Banner Group Ltd", "612.50"), lga_row("Banner", "(12.50)")])
    second = lga_file(tmp_path / "may.csv", [lga_row("Certas Energy UK Ltd", "1000.00")])
    reports = _run(str(first), str(second), organisation="lancs", json=True)
    assert [(r["file"], r["status"], r["lines"], r["total"], r["rejected"]) for r in reports] == [
        ("april.csv", "completed", 2, "600.00", []), ("may.csv", "completed", 1, "1000.00", [])]
    assert reports[0]["file_total"] == "600.00" and reports[0]["totals_agree"] is True
    assert len(reports[0]["checksum"]) == 64
    assert {"payees_linked", "payees_new", "payees_to_review"} <= reports[0].keys()


def test_a_rejected_file_gives_a_non_zero_exit_and_lists_its_bad_rows(organisation, tmp_path):
    good = lga_file(tmp_path / "good.csv", [lga_row("Banner Group Ltd", "1.00")])
    bad = lga_file(tmp_path / "bad.csv", [lga_row("Banner Group Ltd", "x")])
    out = StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("spend_import", str(good), str(bad), organisation="lancs", json=True, stdout=out)
    assert refused.value.returncode == 1
    reports = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["status"] for r in reports] == ["completed", "rejected"]
    assert reports[1]["rejected"] == [{"line": 2, "sheet": "", "reason": "Amount: 'x' is not an amount"}]
    assert SpendLine.objects.count() == 1


def test_a_duplicate_is_not_a_rejection(organisation, tmp_path):
    path = lga_file(tmp_path / "april.csv", [lga_row("Banner Group Ltd", "1.00")])
    _run(str(path), organisation="lancs", json=True)
    assert _run(str(path), organisation="lancs", json=True)[0]["status"] == "duplicate"
    assert SpendLine.objects.count() == 1


def test_unknown_organisation_is_a_clear_error(db, tmp_path):
    path = lga_file(tmp_path / "april.csv", [lga_row("Banner Group Ltd", "1.00")])
    with pytest.raises(CommandError, match="No organisation with slug 'nowhere'"):
        call_command("spend_import", str(path), organisation="nowhere")


def test_a_missing_file_is_reported_as_rejected(organisation, tmp_path):
    with pytest.raises(CommandError):
        call_command("spend_import", str(tmp_path / "nope.csv"), organisation="lancs", json=True, stdout=StringIO())


def test_plain_output_says_whether_the_totals_agree(organisation, tmp_path):
    path = lga_file(tmp_path / "april.csv", [lga_row("Banner Group Ltd", "612.50")])
    out = StringIO()
    call_command("spend_import", str(path), organisation="lancs", stdout=out, stderr=StringIO())
    assert "imported 1 line, £612.50" in out.getvalue() and "totals agree" in out.getvalue()
