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


def test_reading_a_bid_before_the_opening_fails_and_after_it_is_audited(organisation, officer, user_with_role):
    from procure.core.models import AuditEvent
    from procure.organisations.choices import Role
    from procure.sourcing.models import TenderOpening
    from procure.sourcing.selectors import bid_content_read

    tender = TenderFactory(organisation=organisation, submission_deadline=timezone.now() - timedelta(hours=1),
                           status=TenderStatus.CLOSED)
    bid = BidFactory(tender=tender, content={"total_price": "1000.00"})
    with pytest.raises(BusinessRuleViolation, match="SRC-20"):
        bid_content_read(bid=bid, actor=officer, now=timezone.now())
    assert not AuditEvent.objects.filter(action="bid.read").exists()
    for opener in (officer, user_with_role(Role.PROCUREMENT_OFFICER, organisation)):
        TenderOpening.objects.create(tender=tender, officer=opener, confirmed_at=timezone.now())
    tender.status = TenderStatus.OPENED
    tender.save()
    assert bid_content_read(bid=bid, actor=officer, now=timezone.now()) == {"total_price": "1000.00"}
    assert AuditEvent.objects.get(action="bid.read").actor == officer
