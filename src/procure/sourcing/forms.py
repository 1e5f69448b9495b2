"""Forms of the tender set-up, GOV.UK style: dates in three boxes, times as 24-hour text, messages that say
what to do."""

import re
from datetime import datetime, time
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone

from procure.contracts import selectors as contract_selectors
from procure.contracts.choices import RouteToMarket
from procure.contracts.forms import GovukDateField, MoneyField
from procure.core.errors import BusinessRuleViolation
from procure.organisations.models import Organisation, User
from procure.sourcing.choices import ContractType, PriceFormula, SocialValuePolicy, TieBreak
from procure.sourcing.models import Criterion, Lot, Tender

MAX_DOCUMENT_BYTES = 25 * 1024 * 1024


class RuleErrorsMixin:
    RULE_FIELDS: dict[str, str | None] = {}

    def add_violation(self, error: BusinessRuleViolation) -> None:
        self.add_error(self.RULE_FIELDS.get(error.code), error.message)


class PercentField(forms.DecimalField):
    def __init__(self, *, what: str, **kwargs):
        kwargs.setdefault("min_value", Decimal("0"))
        kwargs.setdefault("max_value", Decimal("100"))
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("error_messages", {
            "required": f"Enter the {what}", "invalid": f"Enter the {what} as a number, like 40 or 2.5",
            "min_value": f"The {what} cannot be below 0%", "max_value": f"The {what} cannot be above 100%",
            "max_decimal_places": f"Give the {what} to at most 2 decimal places"})
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}))
        super().__init__(**kwargs)


class TimeField(forms.CharField):
    """A time of day as people type it: 12:00, 9.30, 17:00."""

    def __init__(self, *, what: str, **kwargs):
        self.what = what
        kwargs.setdefault("help_text", "24-hour clock, UK time, for example 12:00")
        kwargs.setdefault("widget", forms.TextInput(attrs={"class": "govuk-input--width-5"}))
        super().__init__(**kwargs)

    def clean(self, value) -> time | None:
        text = (super().clean(value) or "").strip()
        if not text:
            if self.required:
                raise forms.ValidationError(f"Enter the {self.what}")
            return None
        match = re.fullmatch(r"(\d{1,2})[:.](\d{2})", text)
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            raise forms.ValidationError(f"Enter the {self.what} as hours and minutes, like 12:00")
        return time(int(match[1]), int(match[2]))


def _at(day, moment: time | None) -> datetime | None:
    if day is None:
        return None
    return timezone.make_aware(datetime.combine(day, moment or time(12, 0)))


class TenderDetailsForm(RuleErrorsMixin, forms.Form):
    title = forms.CharField(max_length=300, error_messages={"required": "Enter the tender's title"})
    reference = forms.CharField(max_length=50, required=False,
                                help_text="Leave empty to be given one, like LANCS-T-2026-004")
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}),
                                  help_text="What is being bought, as bidders will read it")
    contract_type = forms.ChoiceField(label="Type of contract", choices=ContractType.choices,
                                      error_messages={"required": "Choose the type of contract"})
    category = forms.ModelChoiceField(queryset=None, required=False, empty_label="Not chosen",
                                      label="Category (ProClass)")
    department = forms.ModelChoiceField(queryset=None, required=False, empty_label="None")
    route = forms.ChoiceField(label="Route to market", choices=RouteToMarket.choices,
                              error_messages={"required": "Choose the route to market"})
    estimated_value_gross = MoneyField(what="estimated value including VAT", label="Estimated value (including VAT)",
                                       help_text="Whole-life value, in pounds, for example 150000")
    owner = forms.ModelChoiceField(queryset=User.objects.none(), required=False, empty_label="Me",
                                   label="Procurement lead")

    RULE_FIELDS = {"SRC-17": "reference"}

    def __init__(self, *args, organisation: Organisation, creating: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = contract_selectors.category_list()
        self.fields["category"].label_from_instance = lambda c: f"{c.code} {c.path or c.name}"
        self.fields["department"].queryset = organisation.departments.filter(is_active=True)
        self.fields["owner"].queryset = User.objects.filter(memberships__organisation=organisation).distinct()
        if not creating:
            del self.fields["reference"]

    @staticmethod
    def initial_for(tender: Tender) -> dict:
        return {name: getattr(tender, name) for name in ("title", "description", "contract_type", "category",
                                                         "department", "route", "estimated_value_gross", "owner")}


class TimetableForm(forms.Form):
    publish_on = GovukDateField(what="publication date", label="Publication date", required=False,
                                help_text="Publishing sets it to the day it happens, for example 8 1 2027")
    clarification_on = GovukDateField(what="clarification deadline", label="Clarification deadline")
    clarification_time = TimeField(what="clarification deadline time", label="Time", required=False)
    submission_on = GovukDateField(what="submission deadline", label="Submission deadline",
                                   help_text="Bids are refused from this moment")
    submission_time = TimeField(what="submission deadline time", label="Time", required=False)
    evaluation_on = GovukDateField(what="start of evaluation", label="Evaluation starts", required=False)
    award_on = GovukDateField(what="planned award date", label="Planned award date",
                              help_text="The standstill ends 8 working days after the award notice")
    contract_starts_on = GovukDateField(what="contract start date", label="Contract start date")
    contract_ends_on = GovukDateField(what="contract end date", label="Contract end date")

    def timetable(self) -> dict:
        data = self.cleaned_data
        return {"publish_on": data["publish_on"],
                "clarification_deadline": _at(data["clarification_on"], data["clarification_time"]),
                "submission_deadline": _at(data["submission_on"], data["submission_time"]),
                "evaluation_on": data["evaluation_on"], "award_on": data["award_on"],
                "contract_starts_on": data["contract_starts_on"], "contract_ends_on": data["contract_ends_on"]}

    @staticmethod
    def initial_for(tender: Tender) -> dict:
        initial = {name: getattr(tender, name) for name in ("publish_on", "evaluation_on", "award_on",
                                                            "contract_starts_on", "contract_ends_on")}
        for prefix, moment in (("clarification", tender.clarification_deadline),
                               ("submission", tender.submission_deadline)):
            if moment:
                local = timezone.localtime(moment)
                initial[f"{prefix}_on"], initial[f"{prefix}_time"] = local.date(), f"{local:%H:%M}"
        return initial


class EvaluationModelForm(forms.Form):
    price_weight = PercentField(what="price weight", label="Price (% of the total score)")
    quality_weight = PercentField(what="quality weight", label="Quality (% of the total score)")
    social_value_policy = forms.ChoiceField(
        label="Social value policy", choices=SocialValuePolicy.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose the social value policy"})
    price_formula = forms.ChoiceField(label="How price is scored", choices=PriceFormula.choices,
                                      widget=forms.RadioSelect,
                                      error_messages={"required": "Choose how price is scored"})
    tie_break = forms.ChoiceField(label="Tie-break", choices=TieBreak.choices, widget=forms.RadioSelect,
                                  help_text="Stated to bidders when the tender is published",
                                  error_messages={"required": "Choose the tie-break"})
    abnormally_low_pct = PercentField(what="abnormally low price threshold",
                                      label="Flag a price as abnormally low when it is this % below the mean of "
                                            "the others")

    @staticmethod
    def initial_for(tender: Tender) -> dict:
        return {name: getattr(tender, name) for name in ("price_weight", "quality_weight", "social_value_policy",
                                                         "price_formula", "tie_break", "abnormally_low_pct")}


class _LotChoiceMixin:
    def set_lots(self, tender: Tender) -> None:
        lots = Lot.objects.filter(tender=tender)
        if lots.exists():
            self.fields["lot"].queryset = lots
        else:
            del self.fields["lot"]


class LotForm(RuleErrorsMixin, forms.Form):
    number = forms.IntegerField(min_value=1, max_value=99, error_messages={
        "required": "Enter the lot number", "invalid": "Enter the lot number as a whole number, like 1",
        "min_value": "Lot numbers start at 1", "max_value": "Lot numbers go up to 99"},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}))
    title = forms.CharField(max_length=300, error_messages={"required": "Enter the lot's title"})
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    estimated_value_gross = MoneyField(what="lot's estimated value including VAT",
                                       label="Estimated value (including VAT)")

    RULE_FIELDS = {"SRC-18": "number"}


class SelectionQuestionForm(forms.Form):
    number = forms.CharField(max_length=10, error_messages={"required": "Enter the question number, like S1"})
    text = forms.CharField(label="Question", widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"required": "Enter the question"},
                           help_text="Answered pass or fail, e.g. insurance, financial standing, exclusion grounds")
    guidance = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}),
                               help_text="What a passing answer looks like")


class CriterionForm(RuleErrorsMixin, _LotChoiceMixin, forms.Form):
    number = forms.CharField(max_length=10, error_messages={"required": "Enter the question number, like Q1"})
    title = forms.CharField(max_length=300, error_messages={"required": "Enter the criterion's title"})
    question = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}),
                               help_text="What bidders are asked to answer")
    guidance = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    parent = forms.ModelChoiceField(queryset=Criterion.objects.none(), required=False, label="Part of",
                                    empty_label="Top level", help_text="Group criteria under a heading")
    lot = forms.ModelChoiceField(queryset=Lot.objects.none(), required=False, empty_label="Every lot")
    weight = PercentField(what="weight", label="Weight (% of the total score)",
                          help_text="A group's weight is the sum of its criteria's weights")
    max_mark = forms.IntegerField(label="Highest mark", initial=5, min_value=1, max_value=100, error_messages={
        "required": "Enter the highest mark", "invalid": "Enter the highest mark as a whole number, like 5",
        "min_value": "The highest mark must be at least 1", "max_value": "The highest mark is at most 100"},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}))
    minimum_mark = forms.IntegerField(label="Minimum mark (optional)", required=False, min_value=0, error_messages={
        "invalid": "Enter the minimum mark as a whole number, like 2", "min_value": "The minimum mark cannot be "
                                                                                    "below 0"},
        help_text="A bid whose agreed mark is below this is excluded",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}))
    is_social_value = forms.BooleanField(required=False, label="This is a social value criterion")

    RULE_FIELDS = {"SRC-19": "minimum_mark"}

    def __init__(self, *args, tender: Tender, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Criterion.objects.filter(tender=tender)
        self.set_lots(tender)


class PriceItemForm(_LotChoiceMixin, forms.Form):
    number = forms.CharField(max_length=10, error_messages={"required": "Enter the item number, like P1"})
    description = forms.CharField(max_length=300, error_messages={"required": "Enter what is being priced"})
    unit = forms.CharField(max_length=50, initial="each", error_messages={"required": "Enter the unit, like 'each'"})
    quantity = forms.CharField(help_text="How many units the bid price is for, for example 12",
                               error_messages={"required": "Enter the quantity"},
                               widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}))
    lot = forms.ModelChoiceField(queryset=Lot.objects.none(), required=False, empty_label="Every lot")

    def __init__(self, *args, tender: Tender, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_lots(tender)

    def clean_quantity(self) -> Decimal:
        try:
            quantity = Decimal(self.cleaned_data["quantity"].replace(",", "").strip())
        except InvalidOperation:
            raise forms.ValidationError("Enter the quantity as a number, like 12 or 2.5") from None
        if quantity <= 0 or quantity != quantity.quantize(Decimal("0.01")):
            raise forms.ValidationError("The quantity must be more than 0, to at most 2 decimal places")
        return quantity


class TenderDocumentForm(_LotChoiceMixin, forms.Form):
    title = forms.CharField(max_length=300, required=False, help_text="Leave empty to use the file's name")
    upload = forms.FileField(label="File", error_messages={"required": "Choose the file to add",
                                                           "empty": "The file is empty: choose another"})
    lot = forms.ModelChoiceField(queryset=Lot.objects.none(), required=False, empty_label="Every lot")

    def __init__(self, *args, tender: Tender, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_lots(tender)

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        if upload.size > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError("The file must be smaller than 25 MB")
        return upload


class CancelForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "Enter the reason for cancelling the tender"},
                             help_text="Shown to bidders and kept in the audit trail")
