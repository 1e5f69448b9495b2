"""Writes to the savings register. Every change is checked against the rules (savings/rules.py) and audited
on the saving, so its page shows one history."""

from datetime import date
from decimal import Decimal

from django.db import transaction

from procure.contracts.models import Contract
from procure.core.audit import audit_record, snapshot
from procure.core.dates import FinancialYear
from procure.core.money import to_pennies
from procure.organisations.models import Organisation, User
from procure.organisations.selectors import user_has_permission
from procure.spend.models import Saving, SavingYear
from procure.spend.savings import rules
from procure.spend.savings.selectors import contract_spend_in_year

APPROVER_PERMISSION = "organisation.manage"


def saving_snapshot(saving: Saving) -> dict:
    return snapshot(saving)


def _year_snapshot(row: SavingYear) -> dict:
    return {"financial_year": FinancialYear(row.financial_year).label, "projected": row.projected,
            "realised": row.realised, "realised_from_spend": row.realised_from_spend}


def _check(saving: Saving) -> None:
    rules.check_title(saving.title)
    rules.check_saving_type(saving.saving_type)
    rules.check_baseline(saving.baseline)
    saving.baseline = to_pennies(saving.baseline)
    rules.check_method(saving.method)
    rules.check_contract_organisation(
        organisation_id=saving.organisation_id,
        contract_organisation_id=saving.contract.organisation_id if saving.contract else None)


def _withdraw_approval(saving: Saving) -> None:
    saving.is_finance_approved = False
    saving.approved_by = None
    saving.approved_on = None


@transaction.atomic
def saving_create(*, organisation: Organisation, actor: User | None, title: str, saving_type: str,
                  baseline: Decimal, method: str, baseline_description: str = "",
                  contract: Contract | None = None) -> Saving:
    """Record a saving (not yet approved by finance); its yearly amounts are added with `saving_year_set`."""
    saving = Saving(organisation=organisation, title=(title or "").strip(), saving_type=saving_type,
                    baseline=baseline, baseline_description=(baseline_description or "").strip(),
                    method=(method or "").strip(), contract=contract)
    _check(saving)
    saving.save()
    audit_record(actor=actor, action="saving.created", subject=saving, after=saving_snapshot(saving),
                 organisation=organisation)
    return saving


@transaction.atomic
def saving_update(*, saving: Saving, actor: User | None, **fields) -> Saving:
    """Change a saving's title, type, baseline, baseline description, method or contract.

    Nothing is written or audited when nothing changes. A change to an approved saving withdraws its finance
    approval (SAV-13): finance approves figures, not a record that may later say something else.
    """
    saving = Saving.objects.select_for_update(of=("self",)).select_related("contract").get(pk=saving.pk)
    before = saving_snapshot(saving)
    for name in rules.APPROVED_FIELDS:
        if name in fields:
            value = fields[name]
            setattr(saving, name, value.strip() if isinstance(value, str) else value)
    _check(saving)
    after = saving_snapshot(saving)
    if after == before:
        return saving
    if saving.is_finance_approved and rules.approval_lapses(before, after):
        _withdraw_approval(saving)
        after = saving_snapshot(saving)
    saving.save()
    audit_record(actor=actor, action="saving.updated", subject=saving, before=before, after=after,
                 organisation=saving.organisation)
    return saving


def _year_save(*, saving: Saving, actor: User | None, row: SavingYear, before: dict | None, action: str
               ) -> SavingYear:
    after = _year_snapshot(row)
    if before == after:
        return row
    row.save()
    audit_record(actor=actor, action=action, subject=saving, before=before, after=after,
                 organisation=saving.organisation)
    return row


@transaction.atomic
def saving_year_set(*, saving: Saving, actor: User | None, financial_year: FinancialYear, projected: Decimal,
                    realised: Decimal | None = None) -> SavingYear:
    """Record (or change) one year's projected and, when known, realised saving, both typed by a person.

    A realised amount typed here replaces one measured against spend. Changing the projected amount of an
    approved saving withdraws its finance approval (SAV-13).
    """
    rules.check_year(financial_year)
    rules.check_amounts(projected=projected, realised=realised)
    projected, realised = to_pennies(projected), to_pennies(realised) if realised is not None else None
    saving = Saving.objects.select_for_update().get(pk=saving.pk)
    row = SavingYear.objects.filter(saving=saving, financial_year=financial_year.start_year).first()
    before = _year_snapshot(row) if row else None
    row = row or SavingYear(saving=saving, financial_year=financial_year.start_year)
    projected_changed = before is not None and row.projected != projected
    row.projected, row.realised, row.realised_from_spend = projected, realised, False
    row = _year_save(saving=saving, actor=actor, row=row, before=before, action="saving.year_set")
    if saving.is_finance_approved and (before is None or projected_changed):
        _withdraw_lapsed(saving=saving, actor=actor)
    return row


def _withdraw_lapsed(*, saving: Saving, actor: User | None) -> None:
    before = saving_snapshot(saving)
    _withdraw_approval(saving)
    saving.save(update_fields=["is_finance_approved", "approved_by", "approved_on", "updated_at"])
    audit_record(actor=actor, action="saving.approval_withdrawn", subject=saving, before=before,
                 after=saving_snapshot(saving), organisation=saving.organisation)


@transaction.atomic
def saving_approve(*, saving: Saving, actor: User, approved_on: date) -> Saving:
    """Give finance approval to a saving's baseline, method and projected amounts (SAV-8, SAV-9)."""
    saving = Saving.objects.select_for_update().get(pk=saving.pk)
    rules.check_approver(may_manage_organisation=user_has_permission(actor, saving.organisation,
                                                                     APPROVER_PERMISSION))
    rules.check_approvable(is_approved=saving.is_finance_approved, years=saving.years.count())
    before = saving_snapshot(saving)
    saving.is_finance_approved, saving.approved_by, saving.approved_on = True, actor, approved_on
    saving.save(update_fields=["is_finance_approved", "approved_by", "approved_on", "updated_at"])
    audit_record(actor=actor, action="saving.approved", subject=saving, before=before,
                 after=saving_snapshot(saving), organisation=saving.organisation)
    return saving


@transaction.atomic
def saving_realise_from_spend(*, saving: Saving, actor: User | None, financial_year: FinancialYear,
                              today: date) -> SavingYear:
    """Measure a year's realised saving against actual spend (SAV-10, SAV-11).

    Realised = the saving's baseline − the year's spend lines decided as covered by the saving's contract
    (net of VAT, credits negative). The year must have ended. The year's projected amount is kept (0 when
    the year had none).
    """
    saving = Saving.objects.select_for_update(of=("self",)).select_related("contract").get(pk=saving.pk)
    rules.check_year(financial_year)
    actual, lines = (contract_spend_in_year(organisation=saving.organisation, contract=saving.contract,
                                            year=financial_year) if saving.contract else (Decimal(0), 0))
    rules.check_measurable(has_contract=saving.contract is not None, year=financial_year, today=today,
                           covered_lines=lines)
    row = SavingYear.objects.filter(saving=saving, financial_year=financial_year.start_year).first()
    before = _year_snapshot(row) if row else None
    row = row or SavingYear(saving=saving, financial_year=financial_year.start_year)
    row.realised = rules.realised_from_spend(baseline=saving.baseline, actual_spend=actual)
    row.realised_from_spend = True
    return _year_save(saving=saving, actor=actor, row=row, before=before, action="saving.realised_from_spend")
