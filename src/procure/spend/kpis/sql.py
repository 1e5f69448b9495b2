"""INSERT ... SELECT through the ORM: summaries are written from grouped queries without a round trip."""

from django.db import connections
from django.db.models import DecimalField, QuerySet

MONEY = DecimalField(max_digits=16, decimal_places=2)


def insert_from(model, queryset: QuerySet, renamed: dict[str, str] | None = None) -> None:
    """INSERT INTO the model's table the rows a grouped query selects, without bringing them into Python.
    Each selected value goes to the field of its name (or of the name `renamed` gives it)."""
    compiler = queryset.query.get_compiler(using=queryset.db)
    select, params = compiler.as_sql()
    connection = connections[queryset.db]
    columns = {field.attname: field.column for field in model._meta.concrete_fields}
    renamed = renamed or {}
    names = ", ".join(connection.ops.quote_name(columns[renamed.get(alias, alias)])
                      for _col, _sql, alias in compiler.select)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({names}) {select}", params)
