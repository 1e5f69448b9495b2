"""Reading the dashboard's address: the year and filters asked for, checked against what exists."""

from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse

from procure.core.dates import FinancialYear
from procure.organisations.models import Organisation
from procure.reporting import selectors
from procure.reporting.forms import DashboardFilterForm
from procure.spend.kpis.selectors import KpiFilters
from procure.suppliers.models import Supplier


@dataclass
class DashboardQuery:
    year: FinancialYear
    filters: KpiFilters
    form: DashboardFilterForm
    supplier: Supplier | None = None
    supplier_matches: list[Supplier] = field(default_factory=list)
    supplier_text: str = ""

    def params(self) -> dict[str, str]:
        """The address parameters that reproduce this view of the figures."""
        params = {"year": str(self.year.start_year)}
        if self.filters.department_ids:
            params["department"] = str(self.filters.department_ids[0])
        if self.filters.category_ids:
            params["category"] = str(self.filters.category_ids[0])
        if self.supplier is not None:
            params.update(supplier=str(self.supplier.pk), supplier_name=self.supplier.name)
        return params

    def description(self) -> str:
        """The filters in force, in words: 'Department: Estates; Supplier: Banner Group Ltd'."""
        parts = []
        for name, label in (("department", "Department"), ("category", "Category")):
            chosen = self.form.value(name)
            if chosen is not None:
                parts.append(f"{label}: {dict(self.form.fields[name].choices).get(chosen, chosen)}")
        if self.supplier is not None:
            parts.append(f"Supplier: {self.supplier.name}")
        return "; ".join(parts)


def _year_asked(data, years: list[FinancialYear], default: FinancialYear) -> FinancialYear:
    text = (data.get("year") or "").strip()
    return next((year for year in years if str(year.start_year) == text), default)


def dashboard_query(data, *, organisation: Organisation, today: date) -> DashboardQuery:
    """The year and filters a request asks for. Anything wrong is left out and named in the form's errors."""
    default, years = selectors.dashboard_years(organisation=organisation, today=today)
    year = _year_asked(data, years, default)
    form = DashboardFilterForm(
        data, years=years, default_year=default,
        departments=selectors.department_choices(organisation=organisation),
        categories=selectors.category_choices(organisation=organisation, year=year),
        suggestions_url=reverse("reporting:supplier_suggestions", args=[organisation.slug]))
    form.is_valid()
    text = (form.value("supplier_name") or "").strip()
    supplier, matches = _supplier_asked(form, organisation, text)
    filters = KpiFilters(
        department_ids=_one(form.value("department")), category_ids=_one(form.value("category")),
        supplier_ids=_one(supplier.pk if supplier else None))
    return DashboardQuery(year=year, filters=filters, form=form, supplier=supplier, supplier_matches=matches,
                          supplier_text=text)


def _one(value: int | None) -> tuple[int, ...]:
    return (value,) if value is not None else ()


def _supplier_asked(form: DashboardFilterForm, organisation: Organisation, text: str
                    ) -> tuple[Supplier | None, list]:
    if not text:
        form.data["supplier"] = ""
        return None, []
    supplier, matches = selectors.supplier_choose(organisation=organisation, text=text,
                                                  supplier_id=form.value("supplier"))
    if supplier is not None:
        form.data["supplier_name"], form.data["supplier"] = supplier.name, str(supplier.pk)
    elif not matches:
        form.add_error("supplier_name", f"No supplier's name contains ‘{text}’. Check the spelling, "
                                        "or enter fewer letters")
    else:
        more = " (the first 10 are shown)" if len(matches) >= selectors.SUGGESTIONS else ""
        form.add_error("supplier_name", f"Choose one of the suppliers whose name contains ‘{text}’{more}")
    return supplier, matches
