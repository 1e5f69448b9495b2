from django import forms

from procure.core.errors import BusinessRuleViolation
from procure.spend.importing import FIELDS
from procure.spend.rules import UPLOAD_MAX_BYTES, check_upload


class SpendUploadForm(forms.Form):
    file = forms.FileField(
        label="Upload a spend file",
        help_text=f"A CSV or Excel (XLSX) file, smaller than {UPLOAD_MAX_BYTES // (1024 * 1024)} MB",
        error_messages={"required": "Select a spend file to upload", "empty": "The selected file is empty",
                        "invalid": "Select a spend file to upload"},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.xlsm"}))

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        try:
            check_upload(file_name=uploaded.name or "", size=uploaded.size or 0)
        except BusinessRuleViolation as error:
            raise forms.ValidationError(error.message) from None
        return uploaded


class ColumnMappingForm(forms.Form):
    """Which of the file's headings feeds each field; the payment date, amount and payee are required."""

    source_name = forms.CharField(label="Name for this layout", max_length=200,
                                  help_text="For example, 'Oracle payments report'",
                                  error_messages={"required": "Enter a name for this layout"})

    def __init__(self, *args, headers: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Not in this file")] + [(heading, heading) for heading in headers if heading]
        for spec in FIELDS:
            self.fields[spec.name] = forms.ChoiceField(
                label=spec.label[:1].upper() + spec.label[1:], choices=choices, required=spec.required,
                error_messages={"required": f"Choose the column that holds the {spec.label}"})

    def columns(self) -> dict[str, str]:
        return {spec.name: self.cleaned_data.get(spec.name, "") for spec in FIELDS if self.cleaned_data.get(spec.name)}

    def clean(self):
        cleaned = super().clean()
        chosen = [cleaned.get(spec.name) for spec in FIELDS if cleaned.get(spec.name)]
        if len(chosen) != len(set(chosen)):
            raise forms.ValidationError("Choose a different column for each field")
        return cleaned


class PayeeDecisionForm(forms.Form):
    """Link the payee to a suggested or found supplier ('supplier:<id>'), or create a new supplier ('new')."""

    choice = forms.CharField(error_messages={"required": "Choose a supplier, or create a new one"})
    new_supplier_name = forms.CharField(required=False, max_length=300, label="Name of the new supplier")

    def clean(self):
        cleaned = super().clean()
        choice = cleaned.get("choice", "")
        if choice == "new":
            if not cleaned.get("new_supplier_name", "").strip():
                self.add_error("new_supplier_name", "Enter the name of the new supplier")
        elif not (choice.startswith("supplier:") and choice.removeprefix("supplier:").isdigit()):
            self.add_error("choice", "Choose a supplier, or create a new one")
        return cleaned

    @property
    def supplier_id(self) -> int | None:
        choice = self.cleaned_data.get("choice", "")
        return int(choice.removeprefix("supplier:")) if choice.startswith("supplier:") else None
