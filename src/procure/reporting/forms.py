"""The dashboard's filters: a GET form, so every view of the figures has its own address."""

from django import forms

from procure.core.dates import FinancialYear


class DashboardFilterForm(forms.Form):
    year = forms.TypedChoiceField(label="Financial year", coerce=int, error_messages={
        "invalid_choice": "Select a financial year from the list"})
    department = forms.TypedChoiceField(label="Department", coerce=int, required=False, empty_value=None,
                                        error_messages={"invalid_choice": "Select a department from the list"})
    category = forms.TypedChoiceField(label="Category", coerce=int, required=False, empty_value=None,
                                      help_text="With everything under it",
                                      error_messages={"invalid_choice": "Select a category from the list"})
    supplier_name = forms.CharField(label="Supplier", required=False, max_length=300,
                                    help_text="Type part of the supplier's name")
    supplier = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    def __init__(self, data, *, years: list[FinancialYear], default_year: FinancialYear, departments, categories,
                 suggestions_url: str):
        data = data.copy()
        data.setdefault("year", str(default_year.start_year))
        super().__init__(data)
        self.fields["year"].choices = [(year.start_year, year.label) for year in years]
        self.fields["department"].choices = [("", "All departments")] + [
            (department.pk, department.name) for department in departments]
        self.fields["category"].choices = [("", "All categories")] + [
            (category.pk, category.path or category.name) for category in categories]
        self.fields["supplier_name"].widget.attrs.update({
            "autocomplete": "off", "spellcheck": "false", "hx-get": suggestions_url,
            "hx-trigger": "input changed delay:300ms, search", "hx-target": "#supplier-suggestions",
            "hx-include": "closest form", "hx-sync": "this:replace",
        })

    def value(self, name: str):
        """The field's cleaned value, or None when it is missing or wrong (its error is shown)."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        return self.cleaned_data.get(name)
