from datetime import timedelta

from django.utils import timezone

from procure.demo.selectors import demo_organisation
from procure.demo.services import demo_delete
from procure.sourcing import selectors
from procure.sourcing.choices import TenderStatus
from procure.sourcing.models import Tender


def test_the_demo_has_a_tender_open_for_bids_and_one_being_set_up(demo):
    tenders = {tender.title: tender for tender in Tender.objects.filter(organisation=demo_organisation())}
    cleaning = tenders["Custody suite cleaning"]
    assert cleaning.status == TenderStatus.PUBLISHED and cleaning.submission_deadline > timezone.now()
    assert tenders["Fleet tyres and wheel alignment"].status == TenderStatus.DRAFT
    assert selectors.tender_readiness(tender=cleaning, now=timezone.now() - timedelta(days=1)) == []


def test_deleting_the_demo_removes_its_tenders(demo):
    assert demo_delete()
    assert not Tender.objects.exists()
