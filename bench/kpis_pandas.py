"""The KPI block of DESIGN.md section 5 computed with plain pandas: the baseline of bench/kpis_10m.py.

    .venv/bin/python bench/kpis_pandas.py SPEND_CSV TABLES_FOLDER OUTPUT_JSON

Reads the spend file in the LGA layout and the tables kpis_10m.py exported as CSV (payee, category and
department maps as the import resolved them; suppliers, classifications, postcode districts, contracts with
their suppliers and categories, categories, exclusion rules, savings; `settings.json` with the year, the
as-at date and the organisation's county and region), decides every line's coverage itself, and writes every
figure to OUTPUT_JSON: money as strings of pounds and pence (exact: amounts are summed as integer pennies),
percentages to 2 places rounded half up. Prints the seconds spent loading and computing.

The rules, as the app states them: a line is non-procurable when an active exclusion rule matches it
(the most specific first: a named supplier, an expense type containing the rule's text in any case, a
category or one below it, a public body); otherwise it is on contract when a contract listing its supplier is
live on its date (start <= date <= end counting exercised extensions) and lists no categories or the line's
category or one above it; of several, the latest-ending, then the lowest id. Collaborative: the covering
contract's route is collaborative, or a call-off from a public buying organisation's framework. SME and VCSE
by the supplier's classification holding on the line's date. Local by the share of the supplier's postcode
district in the county (region), to 4 places; no usable postcode or no supplier: unknown.
"""

import json
import sys
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import pandas as pd

KIND_ORDER = {"supplier": 0, "expense_type": 1, "category": 2, "public_body": 3}
SME_SIZES = {"micro", "small", "medium", "sme"}
ICT_BRANCH = "information communication technology"
PERCENT = Decimal("0.01")
SPEND_COLUMNS = {"BeneficiaryName": "category", "PaymentDate": "category", "Amount": "float64",
                 "Purpose": "category", "ProclassLabel": "category", "ProclassCode": "category",
                 "ProfitCentre": "category", "OrganisationalUnit": "category"}


def pounds(pennies) -> str:
    return str((Decimal(int(pennies)) / 100).quantize(PERCENT))


def percentage(part: int, whole: int) -> float:
    if not whole:
        return 0.0
    return float((Decimal(int(part)) * 100 / Decimal(int(whole))).quantize(PERCENT, rounding=ROUND_HALF_UP))


def ids(column: pd.Series) -> pd.Series:
    """An id column read as text: '' (NULL) becomes -1."""
    return pd.to_numeric(column.replace("", "-1")).astype(np.int64)


def flags(column: pd.Series) -> pd.Series:
    return column.isin(("t", "true", "True", "1"))


def lookup(columns: list[pd.Series], table: pd.DataFrame, names: list[str], value: str,
           missing) -> np.ndarray:
    """For each line, `value` of the table row whose `names` equal the line's categorical `columns` (one
    lookup per distinct combination met)."""
    sizes = [len(column.cat.categories) + 1 for column in columns]
    # pandas may have read the categories as numbers (a column of codes): compare them as text
    positions = [{str(text): code for code, text in enumerate(column.cat.categories)} for column in columns]
    known = {}
    for row in table[[*names, value]].itertuples(index=False):
        codes = [positions[i].get(row[i]) for i in range(len(columns))]
        if None not in codes:
            key = 0
            for code, size in zip(codes, sizes, strict=True):
                key = key * size + code
            known[key] = row[-1]
    wanted = np.zeros(len(columns[0]), dtype=np.int64)
    for column, size in zip(columns, sizes, strict=True):
        wanted = wanted * size + column.cat.codes.to_numpy()
    unique, inverse = np.unique(wanted, return_inverse=True)
    return np.array([known.get(key, missing) for key in unique], dtype=object)[inverse]


TABLES = ("payees", "category_map", "department_map", "suppliers", "classifications", "postcode_districts",
          "contracts", "contract_suppliers", "contract_categories", "categories", "exclusion_rules",
          "savings")


def load(spend_csv: Path, folder: Path) -> tuple[pd.DataFrame, dict]:
    """The year's lines with supplier, category, department, expense type, date and pennies; the tables."""
    table = {name: pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False, na_filter=False)
             for name in TABLES}
    settings = table["settings"] = json.loads((folder / "settings.json").read_text())
    raw = pd.read_csv(spend_csv, usecols=list(SPEND_COLUMNS), dtype=SPEND_COLUMNS, keep_default_na=False,
                      na_filter=False)
    dates = pd.to_datetime(pd.Series(raw["PaymentDate"].cat.categories), format="%Y-%m-%d").to_numpy()
    lines = pd.DataFrame({"date": dates[raw["PaymentDate"].cat.codes.to_numpy()],
                          "pennies": np.rint(raw["Amount"].to_numpy() * 100).astype(np.int64)})
    payees = table["payees"].assign(supplier_id=lambda t: ids(t["supplier_id"]))
    lines["supplier_id"] = lookup([raw["BeneficiaryName"]], payees, ["raw"], "supplier_id", -1).astype(
        np.int64)
    categories = table["category_map"].assign(category_id=lambda t: ids(t["category_id"]))
    triple = [raw["ProclassCode"], raw["ProclassLabel"], raw["Purpose"]]
    lines["category_id"] = lookup(triple, categories, ["code", "label", "purpose"], "category_id", -1).astype(
        np.int64)
    lines["expense_type"] = pd.Categorical(lookup(triple, categories, ["code", "label", "purpose"],
                                                  "expense_type", ""))
    departments = table["department_map"].assign(department_id=lambda t: ids(t["department_id"]))
    lines["department_id"] = lookup([raw["ProfitCentre"], raw["OrganisationalUnit"]], departments,
                                    ["profit_centre", "unit"], "department_id", -1).astype(np.int64)
    in_year = ((lines["date"] >= pd.Timestamp(settings["starts_on"]))
               & (lines["date"] <= pd.Timestamp(settings["ends_on"])))
    return lines[in_year].reset_index(drop=True), _typed(table)


def _typed(table: dict) -> dict:
    for name, columns in (("suppliers", ("id",)), ("classifications", ("supplier_id",)),
                          ("contracts", ("id",)), ("contract_suppliers", ("contract_id", "supplier_id")),
                          ("contract_categories", ("contract_id", "category_id")),
                          ("categories", ("id", "parent_id", "level")),
                          ("exclusion_rules", ("id", "category_id", "supplier_id")),
                          ("savings", ("financial_year",))):
        for column in columns:
            table[name][column] = ids(table[name][column])
    return table


def subtree(categories: pd.DataFrame, roots) -> set[int]:
    parent = dict(zip(categories["id"], categories["parent_id"], strict=True))
    roots, found = set(roots), set()
    for category in parent:
        walk, steps = category, 0
        while walk != -1 and steps < 5:
            if walk in roots:
                found.add(category)
                break
            walk, steps = parent.get(walk, -1), steps + 1
    return found


def exclusions(lines: pd.DataFrame, table: dict) -> np.ndarray:
    """The id of the first active exclusion rule matching each line (the most specific first), or -1."""
    rules = table["exclusion_rules"]
    rules = rules[flags(rules["is_active"])].copy()
    rules["order"] = rules["kind"].map(KIND_ORDER)
    public = set(table["suppliers"].loc[flags(table["suppliers"]["is_public_body"]), "id"])
    conditions, choices = [], []
    for rule in rules.sort_values(["order", "id"]).itertuples():
        if rule.kind == "supplier":
            matched = lines["supplier_id"].to_numpy() == rule.supplier_id
        elif rule.kind == "expense_type":
            text = str(rule.value or "").upper()
            kinds = lines["expense_type"].cat.categories
            hits = np.array([bool(text) and text in str(kind).upper() for kind in kinds])
            matched = hits[lines["expense_type"].cat.codes.to_numpy()] if len(kinds) else np.zeros(
                len(lines), bool)
        elif rule.kind == "category":
            matched = lines["category_id"].isin(subtree(table["categories"], [rule.category_id])).to_numpy()
        else:
            matched = lines["supplier_id"].isin(public).to_numpy()
        conditions.append(matched)
        choices.append(int(rule.id))
    return np.select(conditions, choices, default=-1) if conditions else np.full(len(lines), -1)


def covering_contracts(lines: pd.DataFrame, table: dict, candidates_mask: np.ndarray) -> pd.Series:
    """For each line, the id of the contract covering it (-1 when none): live on its date, category fitting;
    the latest-ending first, then the lowest id."""
    contracts = table["contracts"].rename(columns={"id": "contract_id"})
    for column in ("starts_on", "final_ends_on"):
        contracts[column] = pd.to_datetime(contracts[column], format="%Y-%m-%d")
    listed = table["contract_categories"]
    contracts["lists_categories"] = contracts["contract_id"].isin(set(listed["contract_id"]))
    links = table["contract_suppliers"].merge(contracts[["contract_id", "starts_on", "final_ends_on",
                                                         "lists_categories"]], on="contract_id")
    subject = lines.loc[candidates_mask, ["supplier_id", "date", "category_id"]]
    subject = subject.reset_index().rename(columns={"index": "line"})
    pairs = subject.merge(links, on="supplier_id")
    live = (pairs["starts_on"] <= pairs["date"]) & (pairs["date"] <= pairs["final_ends_on"])
    pairs = pairs[live]
    fitting_keys = set()
    for contract_id, group in listed.groupby("contract_id")["category_id"]:
        fitting_keys.update(contract_id * 10**7 + category
                            for category in subtree(table["categories"], group))
    fits = ~pairs["lists_categories"] | np.isin(pairs["contract_id"].to_numpy() * 10**7 +
                                                pairs["category_id"].to_numpy(), list(fitting_keys))
    pairs = pairs[fits].sort_values(["line", "final_ends_on", "contract_id"], ascending=[True, False, True])
    best = pairs.drop_duplicates("line")
    covering = pd.Series(-1, index=lines.index, dtype=np.int64)
    covering.loc[best["line"].to_numpy()] = best["contract_id"].to_numpy()
    return covering


def classified(lines: pd.DataFrame, table: dict) -> tuple[np.ndarray, np.ndarray]:
    """(is SME, is VCSE) of each line's supplier by the classification holding on the line's date."""
    holding = table["classifications"].copy()
    holding["valid_from"] = pd.to_datetime(holding["valid_from"], format="%Y-%m-%d")
    holding = holding.sort_values("valid_from")
    left = lines[["supplier_id", "date"]].reset_index().sort_values("date")
    joined = pd.merge_asof(left, holding, left_on="date", right_on="valid_from", by="supplier_id")
    joined = joined.sort_values("index")
    sme = joined["size"].isin(SME_SIZES).to_numpy()
    vcse = flags(joined["is_vcse"]).to_numpy()
    return sme, vcse


def local(lines: pd.DataFrame, procurable: np.ndarray, table: dict) -> tuple[int, int, int]:
    """(county, region, unknown) spend in pennies, county and region weighted by district shares."""
    districts = table["postcode_districts"]
    settings = table["settings"]
    weights = {}
    for level, code in (("county", settings["county"]), ("region", settings["region"])):
        rows = {}
        for district, group in districts.groupby("district"):
            shares = [Decimal(share) for share in group["share"]]
            areas = zip(group["share"], group[f"{level}_code"], strict=True)
            inside = [Decimal(share) for share, area in areas if code and area == code]
            if inside and sum(inside):
                rows[district] = min(sum(inside) / sum(shares), Decimal(1)).quantize(Decimal("0.0001"))
        weights[level] = rows
    suppliers = table["suppliers"].set_index("id")["postcode_district"]
    spent = (pd.DataFrame({"supplier_id": lines["supplier_id"], "pennies": lines["pennies"]})[procurable]
             .groupby("supplier_id")["pennies"].sum())
    known = set(districts["district"])
    county = region = Decimal(0)
    unknown = 0
    by_district: dict[str, int] = {}
    for supplier_id, pennies in spent.items():
        district = suppliers.get(supplier_id, "") if supplier_id != -1 else ""
        if not district or district not in known:
            unknown += int(pennies)
        else:
            by_district[district] = by_district.get(district, 0) + int(pennies)
    for district, pennies in by_district.items():
        county += pennies * weights["county"].get(district, Decimal(0))
        region += pennies * weights["region"].get(district, Decimal(0))
    return _whole(county), _whole(region), unknown


def _whole(pennies: Decimal) -> int:
    return int(pennies.quantize(Decimal(1), ROUND_HALF_UP))


def breakdown(lines: pd.DataFrame, procurable: np.ndarray, covered: np.ndarray, key: str) -> dict:
    frame = pd.DataFrame({"key": lines[key].to_numpy(), "amount": lines["pennies"].to_numpy(),
                          "contracted": np.where(covered, lines["pennies"].to_numpy(), 0)})[procurable]
    sums = frame.groupby("key")[["amount", "contracted"]].sum()
    return {("null" if k == -1 else str(int(k))): [pounds(row.amount), pounds(row.contracted)]
            for k, row in sums.iterrows()}


def compute(lines: pd.DataFrame, table: dict) -> dict:
    settings, categories = table["settings"], table["categories"]
    rule = exclusions(lines, table)
    procurable = rule == -1
    candidates = procurable & (lines["supplier_id"].to_numpy() != -1)
    contract = covering_contracts(lines, table, candidates).to_numpy()
    covered = contract != -1
    routes = table["contracts"].set_index("id")
    public = flags(routes["framework_public"])
    collaborative_ids = set(routes.index[(routes["route"] == "collaborative") |
                                         ((routes["route"] == "framework_call_off") & public)])
    collaborative = covered & np.isin(contract, list(collaborative_ids))
    roots = categories.loc[(categories["scheme"] == "proclass") & (categories["level"] == 1) &
                           (categories["name"].str.lower() == ICT_BRANCH), "id"]
    non_ict = ~lines["category_id"].isin(subtree(categories, roots)).to_numpy()
    sme, vcse = classified(lines, table)
    pennies = lines["pennies"].to_numpy()
    total = int(pennies[procurable].sum())
    sums = {"total_spend": total, "excluded_spend": int(pennies[~procurable].sum()),
            "contracted_spend": int(pennies[covered].sum()),
            "sme_spend": int(pennies[procurable & sme].sum()),
            "vcse_spend": int(pennies[procurable & vcse].sum()),
            "collaborative_spend": int(pennies[collaborative].sum()),
            "non_ict_spend": int(pennies[procurable & non_ict].sum()),
            "collaborative_non_ict_spend": int(pennies[collaborative & non_ict].sum())}
    county, region, unknown = local(lines, procurable, table)
    sums |= {"spend_to_review": total - sums["contracted_spend"], "local_spend_county": county,
             "local_spend_region": region, "local_unknown_spend": unknown}
    result = {name: pounds(value) for name, value in sums.items()}
    for name, part, whole in (("compliance_pct", "contracted_spend", "total_spend"),
                              ("local_spend_pct_county", "local_spend_county", "total_spend"),
                              ("local_spend_pct_region", "local_spend_region", "total_spend"),
                              ("sme_spend_pct", "sme_spend", "total_spend"),
                              ("vcse_spend_pct", "vcse_spend", "total_spend"),
                              ("collaborative_spend_pct", "collaborative_spend", "total_spend"),
                              ("collaborative_non_ict_pct", "collaborative_non_ict_spend", "non_ict_spend")):
        result[name] = percentage(sums[part], sums[whole])
    reasons = table["exclusion_rules"].set_index("id")["reason"]
    excluded = pd.DataFrame({"rule": rule, "pennies": pennies})[~procurable].groupby("rule")["pennies"].sum()
    by_reason: dict[str, int] = {}
    for rule_id, amount in excluded.items():
        by_reason[reasons[rule_id]] = by_reason.get(reasons[rule_id], 0) + int(amount)
    result["exclusions"] = {reason: pounds(amount) for reason, amount in by_reason.items()}
    for key in ("category_id", "department_id", "supplier_id"):
        result[f"by_{key.removesuffix('_id')}"] = breakdown(lines, procurable, covered, key)
    month = lines["date"].to_numpy().astype("datetime64[M]")
    monthly = pd.DataFrame({"month": month, "amount": pennies, "contracted": np.where(covered, pennies, 0)})
    monthly = monthly[procurable].groupby("month")[["amount", "contracted"]].sum()
    result["monthly"] = {f"{pd.Timestamp(m):%Y-%m-%d}": [pounds(row.amount), pounds(row.contracted)]
                         for m, row in monthly.iterrows()}
    result["contracts_managed"] = contracts_managed(table["contracts"], settings["as_at"])
    result["savings"] = savings(table["savings"], settings["year"])
    return result


def contracts_managed(contracts: pd.DataFrame, as_at: str) -> int:
    managed = flags(contracts["is_managed_by_procurement"])
    live = (contracts["starts_on"] <= as_at) & (contracts["final_ends_on"] >= as_at)
    return int(contracts.loc[managed & live, "id"].nunique())


def savings(rows: pd.DataFrame, year: int) -> dict:
    rows = rows[rows["financial_year"] == year]
    counted = rows["realised"].where(rows["realised"] != "", rows["projected"])
    pennies = [int((Decimal(amount) * 100).to_integral_value()) for amount in counted]
    by_type = pd.DataFrame({"type": rows["saving_type"], "pennies": pennies}).groupby("type")["pennies"].sum()
    result = {kind: pounds(by_type.get(kind, 0)) for kind in ("cashable", "non_cashable", "cost_avoidance")}
    result["total"] = pounds(int(by_type.sum()))
    return result


def main() -> None:
    spend_csv, folder, output = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    started = time.perf_counter()
    lines, table = load(spend_csv, folder)
    loaded = time.perf_counter()
    result = compute(lines, table)
    finished = time.perf_counter()
    result["_seconds"] = {"load": round(loaded - started, 3), "compute": round(finished - loaded, 3),
                          "lines_in_year": len(lines)}
    output.write_text(json.dumps(result))
    print(f"pandas: load {loaded - started:.2f} s, compute {finished - loaded:.2f} s, "
          f"{len(lines):,} lines in the year")


if __name__ == "__main__":
    main()
