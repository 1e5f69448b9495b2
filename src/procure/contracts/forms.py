"""Forms for the contracts pages, GOV.UK style: date inputs in three parts, messages that say what to do."""

import re
from datetime import date
from decimal import Decimal

from django import forms

from procure.contracts import selectors
from procure.contracts.choices import RouteToMarket
from procure.contracts.models import Category, Contract
from procure.core.errors import BusinessRuleViolation
from procure.core.money import parse_money
from procure.organisations.models import Department, Organisation, User
from procure.suppliers.models import Supplier

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class GovukDateWidget(forms.MultiWidget):
    """Day, month and year boxes (the GOV.UK date input)."""

    template_name = "contracts/widgets/govuk_date.html"

    def __init__(self, attrs=None):
        widgets = {"day": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 2}),
                   "month": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 2}),
                   "year": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 4})}
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def id_for_label(self, id_):
        return f"{id_}_0" if id_ else ""  # the day box (MultiWidget numbers its parts)


class GovukDateField(forms.MultiValueField):
    """A date typed as day, month and year, with GOV.UK error messages about `what` ('contract end date')."""

    widget = GovukDateWidget
    is_govuk_date = True  # templates render it as a fieldset of three boxes

    def __init__(self, *, what: str, **kwargs):
        self.what = what
        kwargs.setdefault("error_messages", {"required": f"Enter the {what}",
                                             "incomplete": f"Enter the {what}"})
        parts = [forms.CharField(required=False) for _ in range(3)]
        super().__init__(fields=parts, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        day, month, year = ([str(part or "").strip() for part in data_list] + ["", "", ""])[:3]
        if not (day or month or year):
            return None
        for part, name in ((day, "day"), (month, "month"), (year, "year")):
            if not part:
                raise forms.ValidationError(f"The {self.what} must include a {name}")
        if not (day.isdigit() and month.isdigit() and year.isdigit()) or len(year) != 4:
            raise forms.ValidationError(f"The {self.what} must be a real date, like 31 3 2027")
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError(f"The {self.what} must be a real date, like 31 3 2027") from None


class MoneyField(forms.CharField):
    """Pounds and pence as people type them: 125000, £125,000.00."""

    def __init__(self, *, what: str, **kwargs):
        self.what = what
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", "In pounds, for example 125000 or 125,000.00")
        super().__init__(**kwargs)

    def clean(self, value) -> Decimal | None:
        text = super().clean(value)
        if not text:
            if self.required:
                raise forms.ValidationError(f"Enter the {self.what}")
            return None
        try:
            amount = parse_money(text)
        except ValueError:
            raise forms.ValidationError(
                f"Enter the {self.what} as an amount, like 125000 or 125,000.00") from None
        if amount < 0:
            raise forms.ValidationError(f"The {self.what} cannot be negative")
        return amount


class PathChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Category) -> str:
        return f"{obj.code} {obj.path or obj.name}"


class ContractForm(forms.Form):
    reference = forms.CharField(max_length=100, error_messages={"required": "Enter the contract reference"},
                                help_text="Your reference for the contract, e.g. LC-2025-014")
    title = forms.CharField(max_length=300, error_messages={"required": "Enter the contract title"})
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))
    suppliers = forms.ModelMultipleChoiceField(
        queryset=Supplier.objects.none(), widget=forms.SelectMultiple(attrs={"size": 8}),
        error_messages={"required": "Choose at least one supplier"},
        help_text="Hold Ctrl (or Cmd) to choose more than one")
    route = forms.ChoiceField(label="Route to market", choices=RouteToMarket.choices,
                              error_messages={"required": "Choose the route to market"})
    framework = forms.ModelChoiceField(queryset=None, required=False, empty_label="Not a framework call-off",
                                       help_text="Needed when the route is a framework call-off")
    collaborative_bodies = forms.CharField(
        max_length=500, required=False, label="Let jointly with",
        help_text="Other bodies it was let with, e.g. Cumbria Constabulary")
    participating_organisations = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(), required=False, widget=forms.SelectMultiple(attrs={"size": 4}),
        label="Other organisations party to the contract")
    department = forms.ModelChoiceField(queryset=Department.objects.none(), required=False,
                                        empty_label="None")
    owner = forms.ModelChoiceField(queryset=User.objects.none(), required=False, label="Contract manager",
                                   empty_label="None")
    categories = PathChoiceField(
        queryset=Category.objects.none(), required=False, label="Categories (ProClass)",
        widget=forms.SelectMultiple(attrs={"size": 8}))
    cpv_codes = forms.CharField(required=False, label="CPV codes",
                                help_text="Separated by commas, for example 79710000-4, 35120000-1")
    starts_on = GovukDateField(what="contract start date", label="Start date",
                               help_text="For example, 1 4 2025")
    ends_on = GovukDateField(what="contract end date", label="End date",
                             help_text="Before any extension, for example 31 3 2028")
    review_due_on = GovukDateField(what="review date", label="Review date", required=False)
    total_value_net = MoneyField(what="total value net of VAT", label="Total value (net of VAT)")
    total_value_gross = MoneyField(what="total value including VAT", label="Total value (including VAT)")
    annual_value_net = MoneyField(what="annual value net of VAT", label="Annual value (net of VAT)")
    annual_value_gross = MoneyField(what="annual value including VAT", label="Annual value (including VAT)")
    is_managed_by_procurement = forms.BooleanField(required=False, label="Managed by the procurement team")

    RULE_FIELDS = {"CON-3": "ends_on", "CON-5": "framework", "CON-6": "total_value_gross", "CON-7": None,
                   "CON-8": "suppliers", "CON-10": None, "CON-11": "reference"}

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        fields = self.fields
        fields["suppliers"].queryset = Supplier.objects.filter(organisation=organisation).order_by("name")
        fields["framework"].queryset = selectors.framework_list(organisation=organisation)
        fields["participating_organisations"].queryset = Organisation.objects.exclude(pk=organisation.pk)
        fields["department"].queryset = Department.objects.filter(organisation=organisation, is_active=True)
        fields["owner"].queryset = User.objects.filter(memberships__organisation=organisation).distinct()
        fields["categories"].queryset = selectors.category_list().order_by("path")

    def clean_cpv_codes(self):
        typed = [code for code in re.split(r"[;,\s]+", self.cleaned_data["cpv_codes"]) if code.strip()]
        found = selectors.cpv_codes_get(codes=typed)
        unknown = [code for code in typed if code.replace("-", "").strip()[:8] not in found]
        if unknown:
            raise forms.ValidationError(f"{', '.join(unknown)} is not a CPV 2008 code: check the digits")
        return [found[code.replace("-", "").strip()[:8]] for code in typed]

    def add_violation(self, error: BusinessRuleViolation) -> None:
        """Show a rule the service refused next to the field it concerns."""
        field = self.RULE_FIELDS.get(error.code)
        if error.code == "CON-6" and "annual" in error.message:
            field = "annual_value_gross"
        self.add_error(field, error.message)

    @staticmethod
    def initial_for(contract: Contract) -> dict:
        initial = {name: getattr(contract, name) for name in (
            "reference", "title", "description", "route", "collaborative_bodies", "starts_on", "ends_on",
            "review_due_on", "is_managed_by_procurement", "framework", "department", "owner")}
        for name in ("total_value_net", "total_value_gross", "annual_value_net", "annual_value_gross"):
            value = getattr(contract, name)
            initial[name] = f"{value:.2f}" if value is not None else ""
        for name in ("suppliers", "categories", "participating_organisations"):
            initial[name] = list(getattr(contract, name).all())
        initial["cpv_codes"] = ", ".join(cpv.code for cpv in contract.cpv_codes.all())
        return initial


class ExtensionForm(forms.Form):
    ends_on = GovukDateField(what="date the extension would end", label="The contract would end on",
                             help_text="For example, 31 3 2029")


class FrameworkForm(forms.Form):
    name = forms.CharField(max_length=300, error_messages={"required": "Enter the framework's name"})
    provider = forms.CharField(max_length=200, help_text="Who let it, for example Crown Commercial Service",
                               error_messages={"required": "Enter who let the framework"})
    reference = forms.CharField(max_length=100, required=False, help_text="For example RM6188")
    is_public_buying_organisation = forms.BooleanField(
        required=False, initial=True,
        label="Let by a public buying organisation (call-offs count as collaborative)")
    starts_on = GovukDateField(what="framework start date", label="Start date", required=False)
    ends_on = GovukDateField(what="framework end date", label="End date", required=False)


class ContractImportForm(forms.Form):
    file = forms.FileField(label="Contracts register file (CSV or Excel)",
                           error_messages={"required": "Choose a CSV or Excel file to upload",
                                           "empty": "The file you chose is empty"})

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("The file must be a CSV or an Excel (.xlsx) file")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file must be smaller than 20 MB")
        return upload
