from datetime import timedelta

import pytest
from django.utils import timezone

from procure.core.errors import BusinessRuleViolation
from procure.sourcing import rules, sealing
from procure.sourcing.choices import TenderStatus
from procure.sourcing.tests.factories import BidFactory, TenderFactory

pytestmark = pytest.mark.django_db


def test_a_sealed_bid_holds_no_readable_trace_of_its_content(organisation):
    content = {"prices": {"1": "98765.43"}, "quality": {"2": "Our method"}}
    bid = BidFactory(tender=TenderFactory(organisation=organisation), content=content)
    stored = bytes(bid.sealed_content) + bytes(bid.tender.sealed_key)
    assert b"98765.43" not in stored and b"Our method" not in stored
    assert sealing.unseal(bid.tender, bid.sealed_content) == sealing.content_bytes(content)


def test_the_database_alone_cannot_open_a_bid(organisation, settings):
    bid = BidFactory(tender=TenderFactory(organisation=organisation))
    settings.PROCURE_SEALING_KEY = "another installation's key"
    with pytest.raises(BusinessRuleViolation, match="SEAL-2"):
        sealing.unseal(bid.tender, bid.sealed_content)


def test_each_tender_has_its_own_key(organisation):
    first, second = TenderFactory(organisation=organisation), TenderFactory(organisation=organisation)
    bid = BidFactory(tender=first)
    with pytest.raises(Exception):  # noqa: B017 - any failure to decrypt will do
        sealing.unseal(second, bid.sealed_content)


@pytest.mark.parametrize(("_case", "deadline_in", "openers", "status", "readable"), [
    ("before the deadline", timedelta(minutes=5), 2, TenderStatus.OPENED, False),
    ("after the deadline, one officer", timedelta(minutes=-5), 1, TenderStatus.CLOSED, False),
    ("after the deadline, two officers", timedelta(minutes=-5), 2, TenderStatus.OPENED, True),
])
def test_bids_are_readable_only_after_deadline_and_two_openers(_case, deadline_in, openers, status, readable):
    now = timezone.now()
    if readable:
        rules.check_bids_readable(status=status, deadline=now + deadline_in, openers=openers, now=now)
    else:
        with pytest.raises(BusinessRuleViolation, match="SRC-20"):
            rules.check_bids_readable(status=status, deadline=now + deadline_in, openers=openers, now=now)
