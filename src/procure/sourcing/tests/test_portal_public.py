"""The public supplier portal: open opportunities, documents, published clarifications, the Atom feed,
registration with email confirmation and the suppliers' own sign-in."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from procure.organisations.choices import Role
from procure.organisations.models import User
from procure.sourcing import bidding
from procure.sourcing.choices import TenderStatus
from procure.sourcing.models import Clarification, TenderDocument
from procure.sourcing.tests.factories import TenderFactory
from procure.suppliers.models import Supplier

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_tender(organisation, officer):
    tender = TenderFactory(organisation=organisation, title="Custody suite cleaning", reference="LC-T-001",
                           description="Daily cleaning of four custody suites")
    TenderDocument.objects.create(tender=tender, title="Specification", size=17,
                                  file=SimpleUploadedFile("spec.txt", b"The specification"))
    return tender


def test_anyone_sees_open_opportunities_but_never_drafts_or_closed_ones(client, organisation, open_tender):
    TenderFactory(organisation=organisation, title="Draft radios", status=TenderStatus.DRAFT)
    TenderFactory(organisation=organisation, title="Past vans", submission_deadline=timezone.now() - timedelta(days=1))
    page = client.get(reverse("portal:opportunity_list", args=[organisation.slug])).content.decode()
    assert "Custody suite cleaning" in page and "Draft radios" not in page and "Past vans" not in page
    assert "Custody" not in client.get(reverse("portal:opportunity_list", args=[organisation.slug]),
                                       {"q": "vans"}).content.decode()
    detail = client.get(reverse("portal:opportunity_detail", args=[organisation.slug, open_tender.pk]))
    assert detail.status_code == 200 and "Sign in to bid" in detail.content.decode()
    document = open_tender.documents.get()
    download = client.get(reverse("portal:document_download", args=[organisation.slug, open_tender.pk, document.pk]))
    assert b"".join(download.streaming_content) == b"The specification"
    draft = TenderFactory(organisation=organisation, status=TenderStatus.DRAFT)
    assert client.get(reverse("portal:opportunity_detail", args=[organisation.slug, draft.pk])).status_code == 404


def test_the_atom_feed_lists_open_opportunities(client, organisation, open_tender):
    TenderFactory(organisation=organisation, title="Draft radios", status=TenderStatus.DRAFT)
    response = client.get(reverse("portal:feed", args=[organisation.slug]))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = response.content.decode()
    assert "<feed" in feed and "LC-T-001 Custody suite cleaning" in feed and "Draft radios" not in feed


def test_a_clarification_is_published_without_naming_the_asker(client, organisation, open_tender, officer,
                                                               supplier, supplier_user):
    supplier_user.email = "tenders@pendle.example"
    supplier_user.save()
    client.force_login(supplier_user)
    client.post(reverse("bidding:ask", args=[organisation.slug, open_tender.pk]),
                {"question": "Are the suites open at weekends?"})
    clarification = Clarification.objects.get()
    assert clarification.supplier == supplier
    client.force_login(officer)
    client.post(reverse("sourcing:tender_clarifications", args=[organisation.slug, open_tender.pk]),
                {"clarification": clarification.pk, f"c{clarification.pk}-question": "Are the suites open at "
                 "weekends?", f"c{clarification.pk}-answer": "Yes, every day"})
    client.logout()
    page = client.get(reverse("portal:opportunity_detail", args=[organisation.slug, open_tender.pk])).content.decode()
    assert "Yes, every day" in page and "Pendle" not in page
    assert mail.outbox[-1].bcc == ["tenders@pendle.example"] and "Pendle" not in mail.outbox[-1].body


def test_questions_stop_at_the_clarification_deadline(organisation, open_tender, supplier, supplier_user):
    with pytest.raises(Exception, match="clarification deadline passed"):
        bidding.clarification_ask(tender=open_tender, supplier=supplier, actor=supplier_user, question="Late?",
                                  now=open_tender.clarification_deadline)


def _register(client, organisation, **changes):
    data = {"company_name": "Bowland Bakery Ltd", "companies_house_number": "09876543", "first_name": "Ada",
            "last_name": "Hill", "email": "ada@bowland.example", "username": "ada.hill",
            "password": "a long pass phrase 42", "password_again": "a long pass phrase 42", **changes}
    return client.post(reverse("portal:register", args=[organisation.slug]), data)


def test_registration_confirms_the_email_before_the_account_works(client, organisation):
    page = _register(client, organisation).content.decode()
    assert "Check your email" in page
    user = User.objects.get(username="ada.hill")
    assert not user.is_active and Supplier.objects.filter(name="Bowland Bakery Ltd").exists()
    [message] = mail.outbox
    link = re.search(r"https?://\S+/confirm/\S+/", message.body).group(0)
    sign_in = reverse("portal:sign_in", args=[organisation.slug])
    assert "Enter a correct username" in client.post(sign_in, {"username": "ada.hill", "password":
                                                               "a long pass phrase 42"}).content.decode()
    assert "Email address confirmed" in client.get(link).content.decode()
    response = client.post(sign_in, {"username": "ada.hill", "password": "a long pass phrase 42"})
    assert response.status_code == 302 and response.url == reverse("portal:opportunity_list", args=[organisation.slug])
    assert client.get(reverse("bidding:my_bids", args=[organisation.slug])).status_code == 200


def test_registration_never_hands_over_an_existing_supplier(client, organisation, supplier):
    page = _register(client, organisation, companies_house_number=supplier.companies_house_number).content.decode()
    assert "already registered: ask the buyer" in page and not User.objects.filter(username="ada.hill").exists()
    page = _register(client, organisation, password_again="something else").content.decode()
    assert "The passwords do not match" in page


def test_a_broken_confirmation_link_says_so(client, organisation):
    _register(client, organisation)
    response = client.get(reverse("portal:confirm", args=[organisation.slug, "MQ", "bad-token"]))
    assert response.status_code == 400 and "The link has not worked" in response.content.decode()
    assert not User.objects.get(username="ada.hill").is_active


def test_staff_cannot_use_the_supplier_sign_in(client, organisation, user_with_role):
    officer = user_with_role(Role.PROCUREMENT_OFFICER, organisation)
    officer.set_password("correct-horse-battery")
    officer.save()
    page = client.post(reverse("portal:sign_in", args=[organisation.slug]),
                       {"username": officer.username, "password": "correct-horse-battery"}).content.decode()
    assert "Staff sign in on the main sign-in page" in page
