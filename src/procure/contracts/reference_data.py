"""The vendored classifications (see data/README.md): read them, and load them in bulk.

`load_reference_data` takes the model classes so the data migration can pass its historical models.
"""

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
PROCLASS_FILE = DATA_DIR / "proclass_v17_1.csv"
CPV_FILE = DATA_DIR / "cpv2008_codes_en.csv"
PROCLASS = "proclass"
PATH_SEPARATOR = " > "


@dataclass(frozen=True)
class ProclassRow:
    code: str
    names: tuple[str, ...]  # from the top of the tree down to this category
    clarification: str

    @property
    def level(self) -> int:
        return len(self.names)

    @property
    def name(self) -> str:
        return self.names[-1]

    @property
    def path(self) -> str:
        return PATH_SEPARATOR.join(self.names)


@dataclass(frozen=True)
class CpvRow:
    code: str
    description: str
    significant_digits: int


def proclass_rows(path: Path = PROCLASS_FILE) -> list[ProclassRow]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [_proclass_row(record) for record in csv.DictReader(handle)]


def _proclass_row(record: dict[str, str]) -> ProclassRow:
    levels = (record["level1"], record["level2"], record["level3"])
    names = tuple(" ".join(name.split()) for name in levels if name and name.strip())
    return ProclassRow(record["code"].strip(), names, record["clarification_info"].strip())


def cpv_significant_digits(plain_code: str, real_code: str = "") -> int:
    """How many leading digits carry meaning: REAL_CODE's length, or worked out from the plain code.

    Six division codes in the source have no REAL_CODE; dropping trailing zeros (but keeping the two
    digits of a division) gives the same answer the source gives everywhere else.
    """
    if real_code.strip():
        return len(real_code.strip())
    return max(2, len(plain_code.rstrip("0")))


def cpv_rows(path: Path = CPV_FILE) -> Iterator[CpvRow]:
    with path.open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            yield CpvRow(record["ORIGINAL_CODE"].strip(), record["NAME"].strip(),
                         cpv_significant_digits(record["PLAIN_CODE"].strip(), record["REAL_CODE"]))


def load_proclass(category_model) -> int:
    """Add the ProClass tree level by level (three bulk inserts); codes already present are left alone."""
    existing = set(category_model.objects.filter(scheme=PROCLASS).values_list("code", flat=True))
    rows = [row for row in proclass_rows() if row.code not in existing]
    ids_by_path = {tuple(path.split(PATH_SEPARATOR)): pk for path, pk in
                   category_model.objects.filter(scheme=PROCLASS).values_list("path", "id")}
    for level in (1, 2, 3):
        batch = [category_model(scheme=PROCLASS, code=row.code, name=row.name, level=level, path=row.path,
                                clarification=row.clarification, parent_id=ids_by_path.get(row.names[:-1]))
                 for row in rows if row.level == level]
        category_model.objects.bulk_create(batch, batch_size=500)
        ids_by_path.update({tuple(path.split(PATH_SEPARATOR)): pk for path, pk in
                            category_model.objects.filter(scheme=PROCLASS, level=level).values_list("path",
                                                                                                    "id")})
    return len(rows)


def load_cpv(cpv_model) -> int:
    existing = set(cpv_model.objects.values_list("code", flat=True))
    batch = [cpv_model(code=row.code, description=row.description, significant_digits=row.significant_digits)
             for row in cpv_rows() if row.code not in existing]
    cpv_model.objects.bulk_create(batch, batch_size=2000)
    return len(batch)


def load_reference_data(category_model, cpv_model) -> tuple[int, int]:
    return load_proclass(category_model), load_cpv(cpv_model)
