"""Loading the synthetic register and spend into the scratch database (Django must be set up first).

`register_load` writes the bench organisation's register through the app's models (bulk inserts: about
5,000 suppliers and 1,700 contracts in a few seconds; no audit rows, since no person made them).

`spend_fast_load` is the fastest route we can justify for millions of lines: PostgreSQL parses the file
(COPY into an unlogged staging table); each distinct payee name, category and department met is resolved
once by the app's own code (payees_settle, category_ids, department_finder, the cells' cleaning rules); one
INSERT ... SELECT then writes spend_spendline. With `bulk=True` it also does what PostgreSQL's manual advises
for a bulk load: secondary indexes are dropped and rebuilt after, and foreign-key triggers are skipped for
the insert (every key comes from the maps above, made from the same database). import_1m.py --verify-fast-load
checks that it writes exactly the lines the app's import writes.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

from benchkit import Timer, copy_file
from django.db import connection, transaction
from django.utils import timezone
from psycopg import sql
from synthetic_spend import ORGANISATION, YEAR, Register

from procure.contracts.models import Category, Contract, ContractExtension, Framework
from procure.core.tabular import cell_text
from procure.organisations.choices import OrganisationKind, Role
from procure.organisations.models import Department, Organisation, User
from procure.organisations.services import organisation_add, role_grant, user_create
from procure.spend.choices import ImportStatus
from procure.spend.importing.cells import optional_text
from procure.spend.models import ExclusionRule, Saving, SavingYear, SpendImport, SpendLine
from procure.spend.rules import payee_is_matchable
from procure.spend.services.lines import category_ids, department_finder, payees_settle
from procure.suppliers.choices import AliasKind, SupplierSource
from procure.suppliers.matching import normalise_name
from procure.suppliers.models import Supplier, SupplierAlias, SupplierClassification
from procure.suppliers.rules import CLASSIFIED_FROM_THE_START, normalise_postcode, postcode_district
from procure.suppliers.services import PayeeInput

OFFICER = "bench.officer"
PASSWORD = "bench-password-not-secret"
STAGING = ("organisation_label", "organisation_uri", "effective_date", "unit", "payee", "other_id",
           "payment_date", "transaction_number", "amount", "vat", "purpose", "proclass_label",
           "proclass_code", "invoice_number", "profit_centre", "vat_number")


@dataclass
class BenchSetup:
    organisation: Organisation
    officer: User
    supplier_ids: list[int]
    contract_ids: list[int]
    counts: dict[str, int] = field(default_factory=dict)


@transaction.atomic
def register_load(register: Register) -> BenchSetup:
    organisation, _ = organisation_add(
        slug=ORGANISATION["slug"], name=ORGANISATION["name"], kind=OrganisationKind.POLICE_FORCE,
        local_county_code=ORGANISATION["county"], local_region_code=ORGANISATION["region"])
    officer = user_create(username=OFFICER, password=PASSWORD, first_name="Bench", last_name="Officer")
    role_grant(user=officer, organisation=organisation, role=Role.PROCUREMENT_OFFICER, actor=None)
    Department.objects.bulk_create(Department(organisation=organisation, code=code, name=name)
                                   for code, name in register.departments)
    supplier_ids = _suppliers(organisation, register)
    contract_ids = _contracts(organisation, register, supplier_ids)
    _exclusions(organisation, register, supplier_ids)
    _savings(organisation, register, contract_ids)
    counts = {"suppliers": len(supplier_ids), "contracts": len(contract_ids),
              "savings": len(register.savings)}
    transaction.on_commit(_analyze)
    return BenchSetup(organisation, officer, supplier_ids, contract_ids, counts)


def _analyze() -> None:
    """Planner statistics for the tables just filled, as autovacuum would gather them soon after."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _suppliers(organisation: Organisation, register: Register) -> list[int]:
    rows = []
    for plan in register.suppliers:
        postcode = normalise_postcode(plan.postcode)
        rows.append(Supplier(
            organisation=organisation, name=plan.name, normalised_name=normalise_name(plan.name)[:300],
            companies_house_number=plan.company_number, vat_number=plan.vat_number, postcode=postcode,
            postcode_district=postcode_district(postcode), is_public_body=plan.is_public_body,
            is_verified=True, source=SupplierSource.SUPPLIER_FILE))
    ids = [supplier.pk for supplier in Supplier.objects.bulk_create(rows, batch_size=2000)]
    classifications, aliases = [], []
    for plan, supplier_id in zip(register.suppliers, ids, strict=True):
        classifications.append(SupplierClassification(
            supplier_id=supplier_id, valid_from=CLASSIFIED_FROM_THE_START, size=plan.size,
            is_vcse=plan.is_vcse))
        if plan.size_change:
            changed_on, size = plan.size_change
            classifications.append(SupplierClassification(
                supplier_id=supplier_id, valid_from=changed_on, size=size, is_vcse=plan.is_vcse))
        if plan.trading_name:
            aliases.append(SupplierAlias(supplier_id=supplier_id, name=plan.trading_name,
                                         normalised_name=normalise_name(plan.trading_name)[:300],
                                         kind=AliasKind.TRADING_NAME))
    SupplierClassification.objects.bulk_create(classifications, batch_size=2000)
    SupplierAlias.objects.bulk_create(aliases, batch_size=2000)
    return ids


def _contracts(organisation: Organisation, register: Register, supplier_ids: list[int]) -> list[int]:
    frameworks = Framework.objects.bulk_create(
        Framework(organisation=organisation, provider=provider, name=name,
                  is_public_buying_organisation=public) for provider, name, public in register.frameworks)
    departments = {d.code: d.pk for d in Department.objects.filter(organisation=organisation)}
    categories = dict(Category.objects.filter(scheme="proclass").values_list("code", "pk"))
    rows = [Contract(
        organisation=organisation, reference=plan.reference, title=plan.title, route=plan.route,
        framework=frameworks[plan.framework] if plan.framework is not None else None,
        collaborative_bodies=plan.collaborative_bodies, starts_on=plan.starts_on, ends_on=plan.ends_on,
        final_ends_on=plan.final_ends_on, department_id=departments[register.departments[plan.department][0]],
        is_managed_by_procurement=plan.is_managed_by_procurement,
        annual_value_net=Decimal(plan.annual_value_pennies) / 100) for plan in register.contracts]
    ids = [contract.pk for contract in Contract.objects.bulk_create(rows, batch_size=1000)]
    supplier_links, category_links, extensions = [], [], []
    for plan, contract_id in zip(register.contracts, ids, strict=True):
        supplier_links += [Contract.suppliers.through(contract_id=contract_id,
                                                      supplier_id=supplier_ids[index])
                           for index in plan.supplier_indexes]
        category_links += [Contract.categories.through(contract_id=contract_id, category_id=categories[code])
                           for code in plan.category_codes]
        if plan.extension_ends_on:
            extensions.append(ContractExtension(
                contract_id=contract_id, ends_on=plan.extension_ends_on,
                is_exercised=plan.extension_exercised,
                exercised_on=plan.ends_on if plan.extension_exercised else None))
    Contract.suppliers.through.objects.bulk_create(supplier_links, batch_size=2000)
    Contract.categories.through.objects.bulk_create(category_links, batch_size=2000)
    ContractExtension.objects.bulk_create(extensions, batch_size=2000)
    return ids


def _exclusions(organisation: Organisation, register: Register, supplier_ids: list[int]) -> None:
    rules = []
    for kind, value, reason in register.exclusions:
        rule = ExclusionRule(organisation=organisation, kind=kind, reason=reason)
        if kind == "expense_type":
            rule.value = value
        elif kind == "category":
            rule.category = Category.objects.get(scheme="proclass", code=value)
        elif kind == "supplier":
            rule.supplier_id = supplier_ids[int(value)]
        rules.append(rule)
    ExclusionRule.objects.bulk_create(rules)


def _savings(organisation: Organisation, register: Register, contract_ids: list[int]) -> None:
    for plan in register.savings:
        saving = Saving.objects.create(
            organisation=organisation, title=plan.title, contract_id=contract_ids[plan.contract_index],
            saving_type=plan.saving_type, baseline=Decimal(plan.baseline_pennies) / 100,
            method="Baseline (last year's prices) less the contract's prices, times the volumes bought",
            is_finance_approved=plan.realised_pennies is not None,
            approved_on=date(YEAR + 1, 3, 31) if plan.realised_pennies is not None else None)
        SavingYear.objects.create(
            saving=saving, financial_year=YEAR, projected=Decimal(plan.projected_pennies) / 100,
            realised=Decimal(plan.realised_pennies) / 100 if plan.realised_pennies is not None else None)


# ---- spend ----

def spend_fast_load(path: Path, *, setup: BenchSetup, timer: Timer, bulk: bool = False, checksum: str = "",
                    keep_maps: bool = False) -> SpendImport:
    """Write every line of an LGA-layout spend file as the app's import would (see the module docstring).

    With `keep_maps` the resolution maps stay as tables: bench_payees, bench_categories, bench_departments.
    """
    record = SpendImport.objects.create(
        organisation=setup.organisation, file_name=path.name, checksum=checksum or f"bench:{path.name}",
        size_bytes=path.stat().st_size, layout="LGA spend (Transparency Code)", uploaded_by=setup.officer,
        status=ImportStatus.RUNNING, started_at=timezone.now())
    with transaction.atomic(), connection.cursor() as cursor:
        with timer("staging COPY"):
            _stage(cursor, path)
        with timer("payees, categories, departments resolved"):
            _maps(cursor, record, setup)
        dropped = _drop_indexes(cursor) if bulk else []
        with timer("INSERT ... SELECT into spend_spendline"):
            if bulk:
                cursor.execute("SET LOCAL session_replication_role = replica")
            cursor.execute(*_insert(record))
            if bulk:
                cursor.execute("SET LOCAL session_replication_role = origin")
        if dropped:
            with timer(f"{len(dropped)} indexes rebuilt"):
                cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
                for definition in dropped:
                    cursor.execute(definition)
        cursor.execute("DROP TABLE bench_staging" if keep_maps else
                       "DROP TABLE bench_staging, bench_payees, bench_categories, bench_departments")
        _finish(cursor, record)
    with timer("ANALYZE"), connection.cursor() as cursor:
        cursor.execute("ANALYZE spend_spendline")
    return record


def _stage(cursor, path: Path) -> None:
    columns = ", ".join(f"{name} text" for name in STAGING)
    cursor.execute(f"CREATE UNLOGGED TABLE bench_staging (n bigserial, {columns})")
    names = sql.SQL(", ").join(sql.Identifier(name) for name in STAGING)
    copy_file(cursor.cursor, sql.SQL("COPY bench_staging ({}) FROM STDIN WITH (FORMAT csv, HEADER true, "
                                     "FORCE_NOT_NULL ({}))").format(names, names), path)
    cursor.execute("ANALYZE bench_staging")  # without statistics the planner may join by nested loops


def _maps(cursor, record: SpendImport, setup: BenchSetup) -> None:
    cursor.execute("SELECT payee FROM bench_staging GROUP BY payee ORDER BY min(n)")
    raw_payees = [row[0] for row in cursor.fetchall()]
    cleaned = {raw: cell_text(raw)[:300] for raw in raw_payees}
    payees = list(dict.fromkeys(name for name in cleaned.values() if payee_is_matchable(name)))
    outcome = payees_settle(record=record, payees=[PayeeInput(name, "") for name in payees],
                            actor=setup.officer, step=lambda _count: None)
    _table(cursor, "bench_payees", ("raw", "name", "normalised", "supplier_id bigint"),
           [(raw, name, normalise_name(name)[:300], outcome.supplier_ids.get(name))
            for raw, name in cleaned.items()])
    cursor.execute("SELECT DISTINCT proclass_code, proclass_label, purpose FROM bench_staging")
    lines = {raw: _as_read(*raw) for raw in cursor.fetchall()}
    found = category_ids(list(lines.values()))
    _table(cursor, "bench_categories", ("code", "label", "purpose", "expense_type", "category_label",
                                        "category_id bigint"),
           [(*raw, line.expense_type, line.category_label,
             found[(line.category_code, line.category_label, line.expense_type)])
            for raw, line in lines.items()])
    finder = department_finder(setup.organisation)
    cursor.execute("SELECT DISTINCT profit_centre, unit FROM bench_staging")
    departments = []
    for code, unit in cursor.fetchall():
        clean_code, label = optional_text(code, max_length=50), optional_text(unit, max_length=200)
        departments.append((code, unit, clean_code, label, finder(clean_code, label)))
    _table(cursor, "bench_departments", ("profit_centre", "unit", "code", "label", "department_id bigint"),
           departments)


def _as_read(code: str, label: str, purpose: str) -> SimpleNamespace:
    """The category fields of a line as the import's reader cleans them."""
    return SimpleNamespace(category_code=optional_text(code, max_length=20, unclassified_is_blank=True),
                           category_label=optional_text(label, max_length=300, unclassified_is_blank=True),
                           expense_type=optional_text(purpose, max_length=300))


def _table(cursor, name: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    definitions = ", ".join(column if " " in column else f"{column} text" for column in columns)
    cursor.execute(f"CREATE UNLOGGED TABLE {name} ({definitions})")
    with cursor.cursor.copy(sql.SQL("COPY {} FROM STDIN").format(sql.Identifier(name))) as copy:
        for row in rows:
            copy.write_row(row)
    cursor.execute(f"ANALYZE {name}")


def _text(column: str, length: int) -> str:
    """SQL for cells.optional_text: spaces collapsed, placeholders such as 'NA' blank, cut to length."""
    tidy = f"regexp_replace(btrim(s.{column}), '\\s+', ' ', 'g')"
    return (f"CASE WHEN lower({tidy}) IN ('', 'na', 'n/a', '#n/a', 'null', 'none', '-', '--') THEN '' "
            f"ELSE left({tidy}, {length}) END")


def _insert(record: SpendImport) -> tuple[str, list]:
    known = {
        "organisation_id": "%s", "spend_import_id": "%s", "line_number": "s.n + 1", "sheet": "''",
        "payment_date": "s.payment_date::date", "amount": "s.amount::numeric(14, 2)",
        "irrecoverable_vat": "CASE WHEN lower(btrim(s.vat)) IN ('', 'na', 'n/a', '-') THEN NULL "
                             "ELSE s.vat::numeric(14, 2) END",
        "transaction_reference": _text("transaction_number", 100),
        "invoice_reference": _text("invoice_number", 100),
        "payee_name": "p.name", "payee_normalised": "p.normalised", "payee_company_number": "''",
        "payee_vat_number": _text("vat_number", 20), "supplier_id": "p.supplier_id",
        "expense_type": "c.expense_type", "category_label": "c.category_label",
        "category_id": "c.category_id",
        "department_label": "d.label", "department_code": "d.code", "department_id": "d.department_id",
        "description": "''", "coverage": "'undecided'", "contract_id": "NULL"}
    columns, expressions, params = [], [], []
    for model_field in SpendLine._meta.concrete_fields:
        if model_field.primary_key:
            continue
        columns.append(connection.ops.quote_name(model_field.column))
        if model_field.attname in known:
            expressions.append(known[model_field.attname])
            if model_field.attname == "organisation_id":
                params.append(record.organisation_id)
            elif model_field.attname == "spend_import_id":
                params.append(record.pk)
        else:  # a field added since this was written: its default
            expressions.append("%s")
            params.append(model_field.get_db_prep_save(model_field.get_default(), connection))
    statement = (f"INSERT INTO spend_spendline ({', '.join(columns)}) SELECT {', '.join(expressions)} "
                 "FROM bench_staging s JOIN bench_payees p ON p.raw = s.payee "
                 "JOIN bench_categories c ON (c.code, c.label, c.purpose) "
                 "= (s.proclass_code, s.proclass_label, s.purpose) "
                 "JOIN bench_departments d ON (d.profit_centre, d.unit) = (s.profit_centre, s.unit)")
    return statement, params


def _drop_indexes(cursor) -> list[str]:
    """Drop spend_spendline's secondary indexes (not those behind a constraint); their definitions."""
    cursor.execute("""
        SELECT i.indexname, i.indexdef FROM pg_indexes i
        WHERE i.tablename = 'spend_spendline' AND NOT EXISTS (
            SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.indexname))::regclass)""")
    indexes = cursor.fetchall()
    for name, _definition in indexes:
        cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    return [definition for _name, definition in indexes]


def _finish(cursor, record: SpendImport) -> None:
    cursor.execute("SELECT count(*), coalesce(sum(amount), 0) FROM spend_spendline "
                   "WHERE spend_import_id = %s", [record.pk])
    record.lines, record.total = cursor.fetchone()
    record.file_total = record.total
    record.file_total_source = "the sum of its amount column (bench fast load)"
    record.status, record.finished_at = ImportStatus.COMPLETED, timezone.now()
    record.message = f"Loaded {record.lines:,} lines by the bench's fast route."
    record.save()


def decide_and_summarise(record: SpendImport, *, timer: Timer) -> None:
    """What the import does once its lines are written: decide their coverage and add them to the KPI summary
    (spend.coverage.services.coverage_after_import), then ANALYZE as autovacuum would soon after."""
    from procure.spend.coverage.services import coverage_after_import

    with timer("coverage decided and KPI summary added (coverage_after_import)"), transaction.atomic():
        coverage_after_import(spend_import=record)
    with timer("ANALYZE after coverage"), connection.cursor() as cursor:
        cursor.execute("ANALYZE spend_spendline")
        cursor.execute("ANALYZE spend_spendsummary")
