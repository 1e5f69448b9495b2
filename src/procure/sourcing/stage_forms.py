"""Forms of the stages after publication: clarifications, evaluators, declarations, marks, moderation, award."""

from django import forms

from procure.organisations.models import User
from procure.organisations.permissions import MATRIX
from procure.sourcing.models import Criterion, Lot, Tender


class ClarificationAnswerForm(forms.Form):
    question = forms.CharField(label="Question, as it will be published", widget=forms.Textarea(attrs={"rows": 3}),
                               help_text="Take out anything that would identify the supplier who asked")
    answer = forms.CharField(label="Answer", widget=forms.Textarea(attrs={"rows": 4}))


class EvaluatorForm(forms.Form):
    evaluator = forms.ModelChoiceField(queryset=User.objects.none(), label="Evaluator",
                                       help_text="People with the evaluator or procurement officer role")
    lot = forms.ModelChoiceField(queryset=Lot.objects.none(), required=False, label="Lot (optional)",
                                 empty_label="Every lot")
    criterion = forms.ModelChoiceField(queryset=Criterion.objects.none(), required=False,
                                       label="Quality criterion (optional)", empty_label="Every quality criterion")

    def __init__(self, *args, tender: Tender, leaves: list[Criterion], **kwargs):
        super().__init__(*args, **kwargs)
        roles = MATRIX["evaluation.mark"]
        self.fields["evaluator"].queryset = (User.objects.filter(memberships__organisation=tender.organisation,
                                                                 memberships__role__in=roles, is_active=True)
                                             .distinct().order_by("last_name", "first_name", "username"))
        self.fields["evaluator"].label_from_instance = lambda user: user.get_full_name() or user.username
        self.fields["lot"].queryset = tender.lots.all()
        self.fields["criterion"].queryset = Criterion.objects.filter(pk__in=[c.pk for c in leaves])
        if not tender.lots.exists():
            del self.fields["lot"]


class DeclarationForm(forms.Form):
    has_conflict = forms.TypedChoiceField(
        label="Do you have a conflict of interest with any bidder?", widget=forms.RadioSelect,
        choices=[("no", "No, I have no conflict of interest"), ("yes", "Yes, I have a conflict of interest")],
        help_text="For example a financial interest, a close relationship with someone at a bidder, or recent "
                  "employment there. Declare before you see anything of the bids.")
    details = forms.CharField(label="If yes, describe it", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        if data.get("has_conflict") == "yes" and not data.get("details", "").strip():
            self.add_error("details", "Describe the conflict of interest")
        return data


class MarkingForm(forms.Form):
    """One mark and justification per criterion, on the tender's scale."""

    def __init__(self, *args, criteria: list[Criterion], scale: list[dict], existing: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            choices = [(str(step["mark"]), f"{step['mark']}: {step['descriptor']}") for step in scale
                       if step["mark"] <= criterion.max_mark]
            mark = existing.get(criterion.pk)
            self.fields[f"mark_{criterion.pk}"] = forms.ChoiceField(
                label=f"Your mark for {criterion.number}", choices=choices, widget=forms.RadioSelect,
                initial=str(mark.mark) if mark else None, error_messages={"required": f"Choose a mark for "
                                                                                     f"{criterion.number}"})
            self.fields[f"justification_{criterion.pk}"] = forms.CharField(
                label=f"Why this mark for {criterion.number}", widget=forms.Textarea(attrs={"rows": 3}),
                initial=mark.justification if mark else "",
                error_messages={"required": f"Give the reasons for your mark for {criterion.number}"})

    def pairs(self):
        return [(criterion, self[f"mark_{criterion.pk}"], self[f"justification_{criterion.pk}"])
                for criterion in self.criteria]


class AwardProposalForm(forms.Form):
    reasons = forms.CharField(label="Reasons for the award", widget=forms.Textarea(attrs={"rows": 4}),
                              help_text="Every bidder's outcome letter quotes these reasons")
