"""Plain multi-row inserts for the demo's largest table, on SQLite and PostgreSQL alike.

Django's bulk_create builds and compiles a statement for every 47 spend lines on SQLite (its limit of
999 parameters), which takes most of a build's time. Here one INSERT is prepared once and run with
`executemany` over batches of rows, each value adapted the way the field itself would adapt it.
"""

from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from django.db import connection, models

BATCH = 5000
_PASSED_AS_IS = (models.CharField, models.TextField, models.IntegerField, models.BooleanField,
                 models.ForeignKey)


def insert_rows(model: type[models.Model], rows: Iterable[dict]) -> int:
    """Insert rows given as {attname: value}, foreign keys by id; a field left out gets its default."""
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    defaults = {field.attname: field.get_default() for field in fields}
    quote = connection.ops.quote_name
    statement = (f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
                 f"VALUES ({', '.join(['%s'] * len(fields))})")
    names = [field.attname for field in fields]
    adapters = [(position, _adapter(field)) for position, field in enumerate(fields) if _adapter(field)]
    count = 0
    with connection.cursor() as cursor:
        for batch in _batches(rows, BATCH):
            values = [[row.get(name, defaults[name]) for name in names] for row in batch]
            for row_values in values:
                for position, adapt in adapters:
                    row_values[position] = adapt(row_values[position])
            cursor.executemany(statement, values)
            count += len(batch)
    return count


def _adapter(field: models.Field) -> Callable | None:
    """How the backend wants a field's values passed, where that is not as Python holds them."""
    if isinstance(field, models.DecimalField):
        digits, places = field.max_digits, field.decimal_places
        return lambda value: connection.ops.adapt_decimalfield_value(value, digits, places)
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        return connection.ops.adapt_datefield_value
    if isinstance(field, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value
    if isinstance(field, _PASSED_AS_IS):
        return None
    return lambda value: field.get_db_prep_save(value, connection)


def _batches(rows: Iterable[dict], size: int) -> Iterator[list[dict]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch
