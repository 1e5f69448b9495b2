"""Forms of the savings pages, GOV.UK style: messages that say what to do."""

from django import forms

from procure.contracts.forms import MoneyField
from procure.contracts.models import Contract
from procure.core.dates import FinancialYear
from procure.core.errors import BusinessRuleViolation
from procure.organisations.models import Organisation
from procure.spend.choices import SavingType
from procure.spend.models import Saving, SavingYear
from procure.spend.savings import rules
from procure.spend.savings.selectors import contracts_for_savings


class ContractChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Contract) -> str:
        return f"{obj.reference} {obj.title}"


class RuleAwareForm(forms.Form):
    def add_violation(self, error: BusinessRuleViolation) -> None:
        """Show a rule the service refused next to the field it concerns (or above the form)."""
        field = rules.RULE_FIELDS.get(error.code)
        self.add_error(field if field in self.fields else None, error.message)


class SavingForm(RuleAwareForm):
    title = forms.CharField(max_length=300, label="What the saving is for",
                            help_text="For example, 'Custody cleaning retender 2024'",
                            error_messages={"required": "Enter what the saving is for"})
    saving_type = forms.ChoiceField(
        label="Type of saving", choices=[("", "Choose a type")] + SavingType.choices,
        help_text="Cashable savings reduce a budget; non-cashable ones free time or resources; "
                  "cost avoidance stops a cost rising",
        error_messages={"required": "Choose the type of saving"})
    contract = ContractChoiceField(queryset=Contract.objects.none(), required=False,
                                   empty_label="Not on a contract",
                                   help_text="Needed to measure the realised saving against spend")
    baseline = MoneyField(what="baseline", label="Baseline (a year, net of VAT)", required=True,
                          help_text="What it would have cost in a year without the saving, "
                                    "for example 125000",
                          error_messages={"required": "Enter the baseline"})
    baseline_description = forms.CharField(
        required=False, label="Where the baseline comes from", widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, 'the previous contract's spend in 2023/24'")
    method = forms.CharField(label="How the saving is worked out", widget=forms.Textarea(attrs={"rows": 4}),
                             error_messages={"required": "Enter how the saving is worked out"})

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset = contracts_for_savings(organisation=organisation)

    @staticmethod
    def initial_for(saving: Saving) -> dict:
        return {"title": saving.title, "saving_type": saving.saving_type, "contract": saving.contract_id,
                "baseline": f"{saving.baseline:.2f}", "baseline_description": saving.baseline_description,
                "method": saving.method}


class FinancialYearField(forms.CharField):
    def clean(self, value) -> FinancialYear | None:
        text = super().clean(value)
        if not text:
            return None
        try:
            return FinancialYear.parse(text)
        except ValueError:
            raise forms.ValidationError("Enter the financial year like 2024/25") from None


class SavingYearForm(RuleAwareForm):
    financial_year = FinancialYearField(
        label="Financial year", max_length=9, help_text="For example, 2024/25",
        error_messages={"required": "Enter the financial year"})
    projected = MoneyField(what="projected saving", label="Projected saving", required=True,
                           help_text="In pounds, for example 12000 (0 if none was projected for this year)",
                           error_messages={"required": "Enter the projected saving"})
    realised = MoneyField(what="realised saving", label="Realised saving (if known)",
                          help_text="Leave empty until it is known. Where it is recorded, it counts "
                                    "instead of the projected saving")

    @staticmethod
    def initial_for(row: SavingYear) -> dict:
        return {"financial_year": FinancialYear(row.financial_year).label,
                "projected": f"{row.projected:.2f}",
                "realised": f"{row.realised:.2f}" if row.realised is not None else ""}
