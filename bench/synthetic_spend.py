"""Deterministic synthetic spend for the benchmarks: a supplier register, contracts and N spend lines.

    .venv/bin/python bench/synthetic_spend.py --lines 1000000 [--seed 2024] [--out bench/data]

Writes `spend_<N>_<seed>.csv` in the LGA spend layout (the Transparency Code's 16 columns, as Trafford and
others publish it), streamed to disk a batch at a time, and prints its size, line count and total as one
JSON line. The same seed always gives the same register and, for the same N, the same file, byte for byte.

The register (bench/synthetic_register.py: about 5,000 suppliers, 3,200 contracts, exclusion rules, savings)
does not depend on N; bench/loading.py loads it into the database.

Payees are written the way ledgers write them: each supplier has a few fixed spellings — its legal name,
in capitals, Ltd for Limited, 'and' for '&', with 'The' in front, its trading name, 'X Ltd t/a Y', and
for a few a typo — and lines pick among them. About 97% of lines fall in 2024/25, the rest in 2023/24;
about 1.5% are credits. A tenth carry no ProClass category ('Not Classified', 'NA').
"""

import argparse
import hashlib
import json
import random
import time
from bisect import bisect
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path

from synthetic_register import ORGANISATION, SEED, YEAR, Register, SupplierPlan, build_register
from synthetic_vocabulary import DEPARTMENTS, TRADES

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "bench" / "data"
EARLIER_YEAR_SHARE = 0.03
CREDIT_SHARE = 0.015
UNCLASSIFIED_SHARE = 0.10
REDACTED_SHARE = 0.002
ORGANISATION_URI = "http://opendatacommunities.org/id/police-force/bench-constabulary"
HEADER = ("OrganisationLabel,OrganisationURI,EffectiveDate,OrganisationalUnit,BeneficiaryName,"
          "BeneficiaryOtherID,PaymentDate,TransactionNumber,Amount,IrrecoverableVATAmount,Purpose,ProclassLabel,"
          "ProclassCode,InvoiceNumber,ProfitCentre,VATRegistrationNumber\n")
BATCH = 50_000


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n\r') else text


def _money(pennies: int) -> str:
    sign = "-" if pennies < 0 else ""
    pennies = abs(pennies)
    return f"{sign}{pennies // 100}.{pennies % 100:02d}"


class _LineMaker:
    """Everything per supplier that does not change from line to line, quoted once."""

    def __init__(self, register: Register, seed: int, lines: int) -> None:
        self.rng = random.Random(f"spend-{seed}-{lines}")
        self.suppliers = register.suppliers
        self.cumulative = list(accumulate(s.weight for s in self.suppliers))
        self.payees = [[_quote(name) for name in s.spellings] for s in self.suppliers]
        self.payee_weights = [list(accumulate(s.spelling_weights)) for s in self.suppliers]
        self.categories = [self._categories(s) for s in self.suppliers]
        self.departments = [[(_quote(DEPARTMENTS[d][1]), DEPARTMENTS[d][0]) for d in s.departments]
                            for s in self.suppliers]
        self.dates = self._dates()
        self.prefix = f"{_quote(ORGANISATION['name'])},{ORGANISATION_URI}"

    @staticmethod
    def _categories(supplier: SupplierPlan) -> list[tuple[str, str]]:
        """(Purpose, 'ProclassLabel,ProclassCode') for each trade of the supplier."""
        if supplier.trades[0] < 0:
            return [(_quote(supplier.purpose), "Not Classified,NA")]
        return [(_quote(TRADES[t][3]), f"{_quote(TRADES[t][2])},{TRADES[t][1]}") for t in supplier.trades]

    @staticmethod
    def _dates() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """(payment date, effective date = month end) for each weekday of 2023/24 and of 2024/25."""
        years = []
        for start in (YEAR - 1, YEAR):
            day, end, days = date(start, 4, 1), date(start + 1, 3, 31), []
            while day <= end:
                if day.weekday() < 5:
                    month_end = (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
                    days.append((day.isoformat(), month_end.isoformat()))
                day += timedelta(days=1)
            years.append(days)
        return years[0], years[1]

    def line(self, number: int) -> tuple[str, int]:
        rng = self.rng
        index = bisect(self.cumulative, rng.random() * self.cumulative[-1])
        supplier = self.suppliers[index]
        weights = self.payee_weights[index]
        payee = self.payees[index][bisect(weights, rng.random() * weights[-1])]
        if rng.random() < REDACTED_SHARE:
            payee = "REDACTED - Personal Data"
        unit, profit = rng.choice(self.departments[index])
        purpose, category = rng.choice(self.categories[index])
        if supplier.trades[0] >= 0 and rng.random() < UNCLASSIFIED_SHARE:
            category = "Not Classified,NA" if rng.random() < 0.5 else "NA,"
        paid, effective = rng.choice(self.dates[0] if rng.random() < EARLIER_YEAR_SHARE else self.dates[1])
        pennies = max(100, int(rng.lognormvariate(6.6, 1.05) * supplier.amount_scale * 100))
        if rng.random() < CREDIT_SHARE:
            pennies = -pennies
        row = (f"{self.prefix},{effective},{unit},{payee},{10000 + index},{paid},{5_100_000_000 + number},"
               f"{_money(pennies)},0.00,{purpose},{category},{rng.randrange(10_000, 9_999_999)},{profit},"
               f"{supplier.vat_number}\n")
        return row, pennies


def generator_version() -> str:
    """A fingerprint of the generator's files: a file another version wrote is written again."""
    digest = hashlib.sha256()
    for name in ("synthetic_spend.py", "synthetic_register.py", "synthetic_vocabulary.py"):
        digest.update(Path(__file__).with_name(name).read_bytes())
    return digest.hexdigest()[:12]


def spend_file_path(lines: int, seed: int = SEED, folder: Path = DATA) -> Path:
    return folder / f"spend_{lines}_{seed}.csv"


def write_spend(path: Path, lines: int, *, seed: int = SEED, register: Register | None = None) -> dict:
    """Write `lines` spend lines to `path` (via a temporary name, so a half-written file is never taken)."""
    register = register or build_register(seed)
    maker = _LineMaker(register, seed, lines)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    total = 0
    with partial.open("w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER)
        for start in range(0, lines, BATCH):
            rows = []
            for number in range(start, min(start + BATCH, lines)):
                row, pennies = maker.line(number)
                rows.append(row)
                total += pennies
            handle.write("".join(rows))
    partial.replace(path)
    summary = {"path": str(path), "lines": lines, "total": _money(total), "bytes": path.stat().st_size,
               "seed": seed, "generator": generator_version()}
    path.with_suffix(".json").write_text(json.dumps(summary) + "\n")
    return summary


def ensure_spend_file(lines: int, seed: int = SEED) -> tuple[Path, dict]:
    """The spend file for (lines, seed), written first when it is not on disk yet."""
    path = spend_file_path(lines, seed)
    meta = path.with_suffix(".json")
    if path.exists() and meta.exists():
        summary = json.loads(meta.read_text())
        same = (summary.get("lines"), summary.get("bytes"), summary.get("generator"))
        if same == (lines, path.stat().st_size, generator_version()):
            return path, summary
    started = time.perf_counter()
    summary = write_spend(path, lines, seed=seed)
    print(f"generated {lines:,} lines in {time.perf_counter() - started:.1f} s: {path}", flush=True)
    return path, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, default=DATA)
    options = parser.parse_args()
    register = build_register(options.seed)
    started = time.perf_counter()
    summary = write_spend(spend_file_path(options.lines, options.seed, options.out), options.lines,
                          seed=options.seed, register=register)
    seconds = time.perf_counter() - started
    spellings = sum(len(s.spellings) for s in register.suppliers)
    print(f"register: {len(register.suppliers):,} suppliers ({spellings:,} payee spellings), "
          f"{len(register.contracts):,} contracts, {len(register.savings)} savings")
    print(f"spend: {summary['lines']:,} lines, total £{summary['total']}, {summary['bytes'] / 1e6:,.1f} MB "
          f"in {seconds:.1f} s")
    print(json.dumps({"bench": "synthetic_spend", **summary, "seconds": round(seconds, 2),
                      "suppliers": len(register.suppliers), "payee_spellings": spellings,
                      "contracts": len(register.contracts)}))


if __name__ == "__main__":
    main()
