from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from procure.core.models import AuditEvent
from procure.demo.selectors import demo_organisation
from procure.demo.services import demo_build
from procure.demo.tests.conftest import SMALL
from procure.demo.tests.digest import demo_digest
from procure.organisations.models import Organisation, User
from procure.organisations.tests.factories import UserFactory
from procure.sourcing.models import ProcurementRequest, RouteBand
from procure.suppliers.models import Supplier


def _digest_of_fresh_build(*, seed: int) -> str:
    """Build into an empty database, fingerprint it, and leave the database empty again."""
    with transaction.atomic():
        demo_build(scale=SMALL, seed=seed)
        digest = demo_digest()
        transaction.set_rollback(True)
    return digest


@pytest.mark.django_db
def test_building_twice_from_empty_gives_identical_data():
    first = _digest_of_fresh_build(seed=5)
    assert not Organisation.objects.exists()
    assert _digest_of_fresh_build(seed=5) == first


def test_building_again_without_rebuild_changes_nothing(demo):
    before = (demo_digest(), AuditEvent.objects.count(), User.objects.count())
    out = StringIO()
    call_command("demo_build", "--scale", str(SMALL), "--seed", "99", stdout=out)
    assert "already built; nothing changed" in out.getvalue()
    assert (demo_digest(), AuditEvent.objects.count(), User.objects.count()) == before


def test_rebuild_replaces_the_demo_and_leaves_other_organisations_alone(demo, organisation, user_with_role):
    kept = user_with_role("auditor", organisation)
    before = demo_digest()
    call_command("demo_build", "--scale", str(SMALL), "--seed", "12", "--rebuild", stdout=StringIO())
    assert demo_digest() != before
    assert Organisation.objects.filter(slug="demo").count() == 1
    assert User.objects.exclude(pk=kept.pk).count() == 7
    assert Supplier.objects.count() == demo.summary.suppliers
    assert AuditEvent.objects.filter(action="organisation.deleted",
                                     subject_label="Demo Constabulary").count() == 1
    assert User.objects.filter(pk=kept.pk).exists() and Organisation.objects.filter(slug="lancs").exists()


@pytest.mark.django_db
def test_build_refuses_to_take_over_an_existing_account():
    UserFactory(username="officer")
    with pytest.raises(CommandError, match="officer already exist"):
        call_command("demo_build", "--scale", str(SMALL), stdout=StringIO())
    assert not Organisation.objects.filter(slug="demo").exists()
    assert not Supplier.objects.exists()


@pytest.mark.django_db
def test_build_refuses_a_scale_that_is_not_positive():
    with pytest.raises(CommandError, match="scale above 0"):
        call_command("demo_build", "--scale", "0", stdout=StringIO())
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_command_prints_a_summary_with_spend_per_year():
    out = StringIO()
    call_command("demo_build", "--scale", str(SMALL), stdout=out)
    text = out.getvalue()
    assert "Built the demo in" in text
    assert "Suppliers:     150" in text
    assert "2024/25:" in text and "2025/26:" in text
    assert "procurable" in text and "password procure-demo" in text


def test_the_demo_force_has_the_suggested_contract_procedure_rules(demo):
    assert RouteBand.objects.filter(organisation=demo_organisation()).count() == 3


def test_the_demo_force_has_needs_at_each_stage_and_a_board_meeting(demo):
    statuses = set(ProcurementRequest.objects.filter(organisation=demo_organisation()).values_list("status",
                                                                                                    flat=True))
    assert statuses == {"draft", "approved", "awaiting_board"}
    assert demo_organisation().board_meetings.get().items.get().decision == "approve_with_conditions"
