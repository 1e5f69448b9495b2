"""How well payee names match suppliers, measured on a spend file whose payees are labelled with their
Companies House numbers (the 'enriched' Bolton file: beneficiary_name, company_number, company_name).

The register is one supplier per labelled company number, named as Companies House names it. Each distinct
labelled payee name is then matched by name alone (its company number withheld), as a ledger without
numbers would be. Pure Python: used by bench/payee_matching.py and by the suppliers' tests.
"""

import csv
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from procure.suppliers.matching import SupplierNameIndex, normalise_company_number, normalise_name


@dataclass
class MatchingQuality:
    auto_link: float
    suggest: float
    suppliers: int = 0
    labelled_names: int = 0
    links: int = 0
    correct_links: int = 0
    to_review: int = 0
    review_top_suggestion_right: int = 0
    review_right_among_suggestions: int = 0
    unmatched: int = 0
    unlabelled_names: int = 0
    unlabelled_linked: int = 0
    unlabelled_to_review: int = 0
    wrong_links: list[tuple[str, str, str]] = field(default_factory=list)  # (payee, linked to, labelled as)
    unlabelled_links: list[tuple[str, str]] = field(default_factory=list)  # (payee, linked to)

    @property
    def precision(self) -> float:
        return self.correct_links / self.links if self.links else 1.0

    @property
    def recall(self) -> float:
        return self.correct_links / self.labelled_names if self.labelled_names else 0.0

    @property
    def review_top_right_rate(self) -> float:
        return self.review_top_suggestion_right / self.to_review if self.to_review else 0.0

    def summary(self) -> dict:
        data = {key: value for key, value in asdict(self).items() if key not in ("wrong_links", "unlabelled_links")}
        data.update(precision=round(self.precision, 4), recall=round(self.recall, 4),
                    review_top_right_rate=round(self.review_top_right_rate, 4))
        return data


def read_rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def labelled_payees(rows: Iterable[dict[str, str]]) -> tuple[dict[str, str], dict[str, str], set[str]]:
    """(payee name to company number, company number to Companies House name, unlabelled payee names)."""
    labels: dict[str, str] = {}
    companies: dict[str, str] = {}
    seen: set[str] = set()
    for row in rows:
        name = (row.get("beneficiary_name") or "").strip()
        number = normalise_company_number(row.get("company_number") or "")
        if not name:
            continue
        seen.add(name)
        if number:
            labels.setdefault(name, number)
            companies.setdefault(number, (row.get("company_name") or "").strip() or name)
    return labels, companies, seen - set(labels)


def measure(rows: Iterable[dict[str, str]], *, auto_link: float, suggest: float) -> MatchingQuality:
    labels, companies, unlabelled = labelled_payees(rows)
    ids = {number: position for position, number in enumerate(sorted(companies), start=1)}
    index = SupplierNameIndex([(normalise_name(name), ids[number], name) for number, name in companies.items()])
    quality = MatchingQuality(auto_link=auto_link, suggest=suggest, suppliers=len(ids),
                              labelled_names=len(labels), unlabelled_names=len(unlabelled))
    for payee, number in sorted(labels.items()):
        _score_labelled(quality, index, payee, ids[number], companies[number])
    for payee in sorted(unlabelled):
        result = index.match(payee, auto_link=auto_link, suggest=suggest)
        if result.supplier_id is not None:
            quality.unlabelled_linked += 1
            quality.unlabelled_links.append((payee, index.displays[result.supplier_id]))
        elif result.method == "review":
            quality.unlabelled_to_review += 1
    return quality


def _score_labelled(quality: MatchingQuality, index: SupplierNameIndex, payee: str, expected: int,
                    expected_name: str) -> None:
    result = index.match(payee, auto_link=quality.auto_link, suggest=quality.suggest)
    if result.supplier_id is not None:
        quality.links += 1
        if result.supplier_id == expected:
            quality.correct_links += 1
        else:
            quality.wrong_links.append((payee, index.displays[result.supplier_id], expected_name))
    elif result.method == "review":
        quality.to_review += 1
        suggested = [suggestion.supplier_id for suggestion in result.suggestions]
        quality.review_top_suggestion_right += suggested[:1] == [expected]
        quality.review_right_among_suggestions += expected in suggested
    else:
        quality.unmatched += 1
