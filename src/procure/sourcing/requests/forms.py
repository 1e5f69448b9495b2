"""Forms for raising a need and changing the contract procedure rules, GOV.UK style."""

from datetime import date

from django import forms

from procure.contracts import selectors as contract_selectors
from procure.contracts.forms import GovukDateField, MoneyField
from procure.contracts.models import Contract
from procure.core.errors import BusinessRuleViolation
from procure.organisations.models import Organisation
from procure.sourcing.choices import ContractType, SuggestedRoute
from procure.sourcing.requests.rules import BAND_ROUTES


class RequestForm(forms.Form):
    title = forms.CharField(label="What is needed", max_length=300,
                            error_messages={"required": "Enter what is needed"},
                            help_text="For example, replacement body-worn video cameras")
    description = forms.CharField(label="Describe the need (optional)", required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}),
                                  help_text="Quantities, locations, standards it must meet")
    justification = forms.CharField(label="Why it is needed", widget=forms.Textarea(attrs={"rows": 4}),
                                    error_messages={"required": "Enter why it is needed"})
    contract_type = forms.ChoiceField(label="Type of purchase", choices=ContractType.choices,
                                      widget=forms.RadioSelect, initial=ContractType.SERVICES,
                                      error_messages={"required": "Choose the type of purchase"})
    estimated_value_gross = MoneyField(
        what="estimated whole-life value including VAT", required=True,
        label="Estimated whole-life value (including VAT)",
        help_text="Everything it will cost over its whole life, including any extensions and VAT, in pounds, "
                  "for example 125000")
    budget_code = forms.CharField(max_length=50, error_messages={"required": "Enter the budget code"},
                                  help_text="The cost centre or budget line that pays, for example ICT-4410")
    department = forms.ModelChoiceField(queryset=None, required=False, empty_label="Not chosen")
    category = forms.ModelChoiceField(queryset=None, required=False, empty_label="Not chosen",
                                      label="Category (ProClass)",
                                      help_text="Choosing it shows the contracts and frameworks we already have")
    wanted_by = GovukDateField(what="date it is wanted by", label="Wanted by",
                               help_text="For example, 31 3 2027")

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = organisation.departments.filter(is_active=True)
        self.fields["category"].queryset = contract_selectors.category_list()
        self.fields["category"].label_from_instance = lambda c: f"{c.code} {c.path or c.name}"

    def clean_wanted_by(self):
        wanted_by = self.cleaned_data["wanted_by"]
        if wanted_by is not None and wanted_by < date.today() and "wanted_by" in self.changed_data:
            raise forms.ValidationError("The date it is wanted by must be today or in the future")
        return wanted_by

    FIELDS = ("title", "description", "justification", "contract_type", "estimated_value_gross", "budget_code",
              "department", "category", "wanted_by")


class MeetFromContractForm(forms.Form):
    contract = forms.ModelChoiceField(queryset=Contract.objects.none(), label="Contract that meets the need",
                                      empty_label="Choose a contract",
                                      error_messages={"required": "Choose the contract that meets the need",
                                                      "invalid_choice": "Choose a contract that is live today"})

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset = contract_selectors.contracts_live_on(
            organisation=organisation, day=date.today()).order_by("reference")


class WithdrawForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "Enter the reason for withdrawing the need"},
                             help_text="Kept in the need's timeline")


class RouteBandForm(forms.Form):
    from_value_gross = MoneyField(what="value the band starts at", required=True,
                                  label="From (including VAT)", help_text="Included, in pounds, for example 10000")
    to_value_gross = MoneyField(what="value the band goes up to", label="Up to (including VAT, optional)",
                                help_text="Not included; leave empty for no upper limit")
    route = forms.ChoiceField(choices=[(r.value, r.label) for r in SuggestedRoute if r in BAND_ROUTES],
                              widget=forms.RadioSelect, label="Route to market",
                              error_messages={"required": "Choose the band's route to market"})
    description = forms.CharField(max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
                                  label="What the buyer does",
                                  error_messages={"required": "Enter what the buyer does in this band"},
                                  help_text="For example, get three written quotations, one from a local business")
    effective_from = GovukDateField(what="date the band takes effect", label="In force from",
                                    help_text="Bands of a later date replace all earlier ones from that day")

    def add_violation(self, violation: BusinessRuleViolation) -> None:
        self.add_error(None, violation.message)
