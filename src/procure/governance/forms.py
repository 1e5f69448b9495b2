"""Forms of the board's pages, GOV.UK style."""

from decimal import Decimal

from django import forms

from procure.core.errors import BusinessRuleViolation
from procure.core.money import parse_money
from procure.governance.choices import Decision


class DayField(forms.DateField):
    def __init__(self, *, what: str, **kwargs):
        kwargs.setdefault("input_formats", ["%d/%m/%Y", "%d %m %Y", "%d-%m-%Y", "%Y-%m-%d"])
        kwargs.setdefault("help_text", "For example 14/01/2027")
        kwargs.setdefault("error_messages", {"required": f"Enter the {what}",
                                             "invalid": f"Enter the {what} as day/month/year, like 14/01/2027"})
        kwargs.setdefault("widget", forms.DateInput(format="%d/%m/%Y", attrs={"class": "govuk-input--width-10"}))
        super().__init__(**kwargs)


class MeetingForm(forms.Form):
    title = forms.CharField(max_length=200, initial="Strategic Procurement Board",
                            error_messages={"required": "Enter the meeting's title"})
    meets_on = DayField(what="date of the meeting", label="Date")


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=Decision.choices, widget=forms.RadioSelect, label="The board's decision",
                                 error_messages={"required": "Choose the board's decision"})
    conditions = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                 label="Conditions", help_text="Required when approving with conditions")
    reason = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}),
                             label="Reason", help_text="Required when rejecting; helpful when deferring")
    minutes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 5}), label="Minutes",
                              help_text="The discussion, as recorded in the minutes")

    def add_violation(self, violation: BusinessRuleViolation) -> None:
        field = ("conditions" if "conditions" in violation.message else
                 "reason" if "reason" in violation.message else None)
        self.add_error(field, violation.message)


class BoardThresholdForm(forms.Form):
    value_gross = forms.CharField(label="Threshold (including VAT)",
                                  help_text="Needs above this whole-life value go to the board, for example 100000",
                                  error_messages={"required": "Enter the board threshold"})
    effective_from = DayField(what="date the threshold takes effect", label="In force from")

    def clean_value_gross(self) -> Decimal:
        try:
            value = parse_money(self.cleaned_data["value_gross"])
        except ValueError:
            raise forms.ValidationError("Enter the board threshold as an amount, like 100000") from None
        if value < 0:
            raise forms.ValidationError("The board threshold cannot be negative")
        return value


class MinutesForm(forms.Form):
    minutes = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), label="Minutes of the meeting",
                              error_messages={"required": "Enter the minutes of the meeting"},
                              help_text="Attendance, apologies and anything not minuted against an item. "
                                        "Saving them marks the meeting as held")
