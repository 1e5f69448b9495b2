"""The vendored postcode district table (see data/README.md): read it, and load it in bulk.

`load_postcode_districts` takes the model class so a data migration can pass its historical model.
"""

import csv
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from django.db import connections, router, transaction
from psycopg import sql

DATA_DIR = Path(__file__).resolve().parent / "data"
POSTCODE_DISTRICTS_FILE = DATA_DIR / "postcode_districts.csv"
MAX_ROWS_PER_INSERT = 1000


class DistrictRow(NamedTuple):
    """One (district, local authority) row of the table, in the model's words."""

    district: str
    local_authority_code: str
    local_authority_name: str
    county_code: str
    county_name: str
    region_code: str
    region_name: str
    police_force_area_code: str
    share: Decimal
    is_primary: bool


def _row(record: dict[str, str], names: dict[str, str]) -> DistrictRow:
    def named(code_column: str, name_column: str) -> tuple[str, str]:
        code = record[code_column].strip()
        return code, record[name_column].strip() or names.get(code, "")

    county_code, county_name = named("county_code", "county_name")
    region_code, region_name = named("region_code", "region_name")
    return DistrictRow(
        district=record["district"].strip().upper(), local_authority_code=record["lad_code"].strip(),
        local_authority_name=record["lad_name"].strip(), county_code=county_code, county_name=county_name,
        region_code=region_code, region_name=region_name,
        police_force_area_code=record["police_force_area_code"].strip(),
        share=Decimal(record["share"]).quantize(Decimal("0.0001")), is_primary=record["is_primary"] == "1")


def postcode_district_rows(path: Path = POSTCODE_DISTRICTS_FILE, names: dict[str, str] | None = None
                           ) -> list[DistrictRow]:
    """Every row of the table. A county or region name the file leaves blank is taken from `names`
    (GSS code -> name); the vendored file names every code, so none is needed for it."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [_row(record, names or {}) for record in csv.DictReader(handle)]


def load_postcode_districts(district_model, *, path: Path = POSTCODE_DISTRICTS_FILE, using: str | None = None
                            ) -> int:
    """Replace the table's rows with the file's; returns how many were written.

    PostgreSQL's COPY where available, multi-row INSERTs elsewhere: several times faster than `bulk_create`,
    which matters because every test database runs this migration.
    """
    rows = postcode_district_rows(path)
    connection = connections[using or router.db_for_write(district_model)]
    meta = district_model._meta
    columns = [meta.get_field(name).column for name in DistrictRow._fields]
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        district_model.objects.using(connection.alias).all().delete()
        if connection.vendor == "postgresql":
            _copy(cursor, meta.db_table, columns, rows)
        else:
            _insert(cursor, connection, meta.db_table, columns, rows)
    return len(rows)


def _copy(cursor, table: str, columns: list[str], rows: list[DistrictRow]) -> None:
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(sql.Identifier(column) for column in columns))
    with cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def _insert(cursor, connection, table: str, columns: list[str], rows: list[DistrictRow]) -> None:
    """As many rows a statement as the database takes parameters for (999 on SQLite)."""
    quote = connection.ops.quote_name
    head = f"INSERT INTO {quote(table)} ({', '.join(quote(column) for column in columns)}) VALUES "
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
    batch = max(1, min(MAX_ROWS_PER_INSERT, connection.ops.bulk_batch_size(columns, rows)))
    for start in range(0, len(rows), batch):
        chunk = rows[start:start + batch]
        values = [value for row in chunk for value in row]
        cursor.execute(head + ", ".join([placeholders] * len(chunk)), values)
