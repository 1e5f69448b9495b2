"""The coverage rules for lines being written: one decision per line in memory, before the line is stored.

spend/coverage/expressions.py decides lines already in the database with one UPDATE; an import would then
write every line twice (once undecided, once decided), which on a large file costs more than everything
else the import does. `CoverageDecider` reads the organisation's rules once (its exclusion rules, its
contracts with their suppliers, categories and dates, the category tree) and decides each line as it is
built, with the same outcome, contract and exclusion rule as the UPDATE: the tests hold the two to the same
answers on generated registers and lines.

Contracts that the organisation takes part in (another organisation's) are left to the UPDATE's narrow
second pass (coverage_services.coverage_decide_shared), which the import still runs.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from procure.contracts.models import Category, Contract
from procure.spend.choices import Coverage, ExclusionKind
from procure.spend.coverage.expressions import (
    _KIND_ORDER,
    _OUTCOMES,
    DATE_UNIT,
    RANK_UNIT,
    active_exclusion_rules,
)
from procure.spend.kpis.expressions import subtree_ids
from procure.suppliers.models import Supplier


@dataclass(frozen=True)
class Decision:
    coverage: str
    contract_id: int | None
    exclusion_rule_id: int | None


@dataclass(frozen=True)
class _Candidate:
    contract_id: int
    starts_on: date
    final_ends_on: date
    categories: frozenset[int]  # empty: the contract lists no categories and covers any


@dataclass(frozen=True)
class _Exclusion:
    rule_id: int
    kind: str
    text: str  # expense type rules: the text, upper-cased as the databases compare it
    ids: frozenset[int]  # category rules: the subtree; supplier and public-body rules: the suppliers


def _day_number(day: date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


class CoverageDecider:
    """Decides lines of one organisation against its own contracts (COV-1 to COV-7)."""

    def __init__(self, *, organisation_id: int) -> None:
        self.organisation_id = organisation_id
        self._exclusions = self._load_exclusions(organisation_id)
        self._candidates = self._load_candidates(organisation_id)
        self._parents = dict(Category.objects.values_list("pk", "parent_id"))
        self._lineage: dict[int | None, tuple[int, ...]] = {None: ()}

    @staticmethod
    def _load_exclusions(organisation_id: int) -> list[_Exclusion]:
        rules = [rule for rule in active_exclusion_rules() if rule.organisation_id == organisation_id]
        rules.sort(key=lambda rule: (_KIND_ORDER[rule.kind], rule.pk))
        loaded = []
        for rule in rules:
            ids: frozenset[int] = frozenset()
            if rule.kind == ExclusionKind.CATEGORY and rule.category_id:
                ids = frozenset(subtree_ids([rule.category_id]))
            elif rule.kind == ExclusionKind.SUPPLIER and rule.supplier_id:
                ids = frozenset([rule.supplier_id])
            elif rule.kind == ExclusionKind.PUBLIC_BODY:
                ids = frozenset(Supplier.objects.filter(organisation_id=organisation_id, is_public_body=True)
                                .values_list("pk", flat=True))
            loaded.append(_Exclusion(rule.pk, rule.kind, (rule.value or "").upper(), ids))
        return loaded

    @staticmethod
    def _load_candidates(organisation_id: int) -> dict[int, list[_Candidate]]:
        contracts = Contract.objects.filter(suppliers__organisation_id=organisation_id).distinct()
        categories: dict[int, set[int]] = defaultdict(set)
        for contract_id, category_id in Contract.categories.through.objects.filter(
                contract__in=contracts).values_list("contract_id", "category_id"):
            categories[contract_id].add(category_id)
        dates = {pk: (starts, ends) for pk, starts, ends in contracts.values_list("pk", "starts_on", "final_ends_on")}
        by_supplier: dict[int, list[_Candidate]] = defaultdict(list)
        for contract_id, supplier_id in Contract.suppliers.through.objects.filter(
                contract_id__in=list(dates), supplier__organisation_id=organisation_id).values_list(
                "contract_id", "supplier_id"):
            starts, ends = dates[contract_id]
            by_supplier[supplier_id].append(
                _Candidate(contract_id, starts, ends, frozenset(categories.get(contract_id, ()))))
        return dict(by_supplier)

    def _category_lineage(self, category_id: int | None) -> tuple[int, ...]:
        """The category and up to three above it (the depth the UPDATE looks)."""
        found = self._lineage.get(category_id)
        if found is None:
            chain, current = [category_id], category_id
            for _level in range(3):
                current = self._parents.get(current)
                if current is None:
                    break
                chain.append(current)
            found = self._lineage[category_id] = tuple(chain)
        return found

    def _excluded_by(self, *, supplier_id: int | None, category_id: int | None, expense_type: str) -> int | None:
        upper = None
        for rule in self._exclusions:
            if rule.kind == ExclusionKind.EXPENSE_TYPE:
                if rule.text:
                    upper = expense_type.upper() if upper is None else upper
                    if rule.text in upper:
                        return rule.rule_id
            elif rule.kind == ExclusionKind.CATEGORY:
                if category_id is not None and category_id in rule.ids:
                    return rule.rule_id
            elif supplier_id is not None and supplier_id in rule.ids:
                return rule.rule_id
        return None

    def _best_key(self, *, supplier_id: int, paid_on: date, category_id: int | None) -> int | None:
        candidates = self._candidates.get(supplier_id)
        if not candidates:
            return None
        lineage = self._category_lineage(category_id)
        paid = _day_number(paid_on)
        best = None
        for candidate in candidates:
            starts, ends = _day_number(candidate.starts_on), _day_number(candidate.final_ends_on)
            if starts <= paid <= ends:
                timing = 0
            elif ends < paid:
                timing = 1
            else:
                timing = 2
            fits = not candidate.categories or any(c in candidate.categories for c in lineage if c is not None)
            tie = starts if starts > paid else 99_999_999 - ends
            key = (timing + (0 if fits else 3)) * RANK_UNIT + tie * DATE_UNIT + candidate.contract_id
            if best is None or key < best:
                best = key
        return best

    def decide(self, *, supplier_id: int | None, payment_date: date, category_id: int | None,
               expense_type: str) -> Decision:
        rule_id = self._excluded_by(supplier_id=supplier_id, category_id=category_id, expense_type=expense_type)
        if rule_id is not None:
            return Decision(Coverage.NON_PROCURABLE, None, rule_id)
        if supplier_id is None:
            return Decision(Coverage.NO_SUPPLIER, None, None)
        key = self._best_key(supplier_id=supplier_id, paid_on=payment_date, category_id=category_id)
        if key is None:
            return Decision(Coverage.NO_CONTRACT, None, None)
        return Decision(_OUTCOMES[key // RANK_UNIT], key % DATE_UNIT, None)
