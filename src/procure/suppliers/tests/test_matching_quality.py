"""Payee matching measured on the labelled Bolton spend file (the same measurement as bench/payee_matching.py)."""

import pytest
from django.conf import settings

from procure.core.testing import shared_data_dir
from procure.suppliers.matching_quality import measure, read_rows

BOLTON = shared_data_dir() / "spend" / "nwod_bolton_2019-01_enriched.csv"


@pytest.fixture(scope="module")
def quality():
    if not BOLTON.exists():
        pytest.skip(f"the labelled Bolton file is not at {BOLTON} (set PROCURE_SHARED_DATA)")
    return measure(read_rows(BOLTON), auto_link=settings.PROCURE_PAYEE_AUTO_LINK_SCORE,
                   suggest=settings.PROCURE_PAYEE_SUGGEST_SCORE)


def test_payee_names_link_to_the_right_supplier_almost_always(quality):
    assert quality.labelled_names > 400
    assert quality.precision >= 0.97, quality.wrong_links


def test_most_labelled_payee_names_link_without_a_person(quality):
    assert quality.recall >= 0.82


def test_payees_sent_to_review_mostly_have_the_right_supplier_suggested_first(quality):
    assert quality.to_review > 0
    assert quality.review_top_right_rate >= 0.6


def test_few_unlabelled_payees_are_linked(quality):
    assert quality.unlabelled_linked <= 0.03 * quality.unlabelled_names, quality.unlabelled_links


def test_measuring_no_payees_links_nothing():
    assert measure([], auto_link=92, suggest=75).precision == 1.0
