"""Forms of the review programme, GOV.UK style: messages that say what to do, dates in three boxes."""

from django import forms

from procure.contracts.forms import GovukDateField, MoneyField
from procure.core.errors import BusinessRuleViolation
from procure.organisations.models import Organisation, User
from procure.spend.choices import ReviewAction, ReviewStatus
from procure.spend.models import ReviewItem
from procure.spend.review import selectors


class _RuleErrorsMixin:
    RULE_FIELDS: dict[str, str | None] = {}

    def add_violation(self, error: BusinessRuleViolation) -> None:
        """Show a rule the service refused next to the field it concerns."""
        self.add_error(self.RULE_FIELDS.get(error.code), error.message)


class ReviewItemForm(_RuleErrorsMixin, forms.Form):
    owner = forms.ModelChoiceField(queryset=User.objects.none(), required=False, empty_label="No one yet",
                                   help_text="The person who will see the action through")
    action = forms.ChoiceField(label="Planned action", choices=ReviewAction.choices,
                               error_messages={"required": "Choose the planned action"})
    action_reason = forms.CharField(
        label="Reason", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed for an exemption: why this spend need not be put on contract")
    target_on = GovukDateField(what="target date", label="Target date", required=False,
                               help_text="When the action should be done, for example 30 9 2025")
    status = forms.ChoiceField(choices=ReviewStatus.choices, error_messages={"required": "Choose the status"})

    RULE_FIELDS = {"REV-7": "action_reason", "REV-8": "status", "REV-9": "owner"}

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = selectors.review_owner_choices(organisation=organisation)

    @staticmethod
    def initial_for(item: ReviewItem) -> dict:
        return {"owner": item.owner_id, "action": item.action, "action_reason": item.action_reason,
                "target_on": item.target_on, "status": item.status}


class ReviewRunForm(forms.Form):
    as_at = GovukDateField(what="as-at date", label="Review the 12 months to", required=False,
                           help_text="For example, 31 3 2017. Leave it empty to review the 12 months to the "
                                     "latest payment imported")


class ThresholdForm(_RuleErrorsMixin, forms.Form):
    name = forms.CharField(
        max_length=200, error_messages={"required": "Enter the name of the threshold"},
        help_text="For example, Three written quotations. Name one 'Review threshold' to set the review "
                  "threshold yourself")
    from_value = MoneyField(
        what="value the threshold starts from", label="From (net of VAT)", required=True,
        help_text="In pounds net of VAT, for example 10000. For a threshold set including VAT, divide by 1.2")
    route = forms.CharField(max_length=200, label="What the rules require from this value",
                            error_messages={"required": "Enter what the rules require from this value"},
                            help_text="For example, At least three written quotations")
    effective_from = GovukDateField(what="date this applies from", label="Applies from",
                                    help_text="For example, 1 4 2025")

    RULE_FIELDS = {"THR-1": "from_value", "THR-2": "name", "THR-3": "effective_from",
                   "THR-5": "effective_from"}


class ThresholdEndForm(_RuleErrorsMixin, forms.Form):
    ends_from = GovukDateField(what="date it stops applying", label="Stops applying from",
                               help_text="The first day it no longer applies, for example 1 4 2026")

    RULE_FIELDS = {"THR-3": "ends_from", "THR-4": None}


class ThresholdInstallForm(forms.Form):
    effective_from = GovukDateField(what="date the rules apply from", label="Rules apply from",
                                    help_text="For example, 1 4 2016: reviews look at spend from this day on")
