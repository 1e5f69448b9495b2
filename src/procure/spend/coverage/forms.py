from django import forms

from procure.spend.choices import ExclusionKind

_KINDS = [(ExclusionKind.EXPENSE_TYPE, "Expense type contains some words"),
          (ExclusionKind.PUBLIC_BODY, "Payments to suppliers flagged as public bodies")]


class ExclusionRuleForm(forms.Form):
    kind = forms.ChoiceField(choices=_KINDS, label="What to leave out",
                             error_messages={"required": "Choose what to leave out"})
    value = forms.CharField(required=False, max_length=300, label="Words the expense type contains",
                            help_text="For example 'pension' or 'business rates'. Capital letters do not matter.")
    reason = forms.CharField(max_length=300, label="Reason shown beside totals",
                             help_text="For example 'Pension contributions'",
                             error_messages={"required": "Enter the reason shown beside totals"})

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == ExclusionKind.EXPENSE_TYPE and not (cleaned.get("value") or "").strip():
            self.add_error("value", "Enter the words the expense type contains")
        return cleaned
