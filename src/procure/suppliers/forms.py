from django import forms

from procure.core.dates import parse_uk_date
from procure.suppliers import rules
from procure.suppliers.choices import AliasKind, SupplierSize
from procure.suppliers.matching import normalise_company_number
from procure.suppliers.rules import RULE_FIELDS


class UKDateField(forms.CharField):
    """A date typed as day/month/year ('27/3/2024'), as people write it."""

    def __init__(self, *, what: str, **kwargs):
        self.what = what
        kwargs.setdefault("error_messages", {"required": f"Enter {what}"})
        kwargs.setdefault("help_text", "For example, 27/3/2024")
        super().__init__(**kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse_uk_date(text)
        except ValueError:
            raise forms.ValidationError(f"Enter {self.what} as a real date, like 27/3/2024") from None

    def prepare_value(self, value):
        return f"{value:%d/%m/%Y}" if hasattr(value, "strftime") else value


class SupplierForm(forms.Form):
    name = forms.CharField(label="Legal name", max_length=300,
                           error_messages={"required": "Enter the supplier's legal name",
                                           "max_length": "The legal name must be 300 characters or fewer"})
    companies_house_number = forms.CharField(label="Companies House number (optional)", required=False,
                                             help_text="8 characters, like 01234567 or SC123456")
    charity_number = forms.CharField(label="Charity number (optional)", required=False, max_length=12)
    vat_number = forms.CharField(label="VAT number (optional)", required=False, max_length=14)
    address_line_1 = forms.CharField(label="Address line 1 (optional)", required=False, max_length=200)
    address_line_2 = forms.CharField(label="Address line 2 (optional)", required=False, max_length=200)
    town = forms.CharField(label="Town or city (optional)", required=False, max_length=100)
    postcode = forms.CharField(label="Postcode (optional)", required=False,
                               help_text="A full UK postcode, like PR4 5SB. It decides whether spend counts as local")
    is_living_wage_accredited = forms.BooleanField(label="Accredited Living Wage employer", required=False)
    living_wage_accredited_on = UKDateField(label="Date of Living Wage accreditation (optional)", required=False,
                                            what="the date of Living Wage accreditation")
    is_public_body = forms.BooleanField(label="Another public body", required=False)
    is_verified = forms.BooleanField(label="Details checked by a person", required=False)

    def clean_companies_house_number(self):
        number = normalise_company_number(self.cleaned_data["companies_house_number"])
        if number and not rules.is_valid_company_number(number):
            raise forms.ValidationError("Enter a Companies House number of 8 characters, like 01234567 or SC123456")
        return number

    def clean_postcode(self):
        postcode = self.cleaned_data["postcode"].strip()
        if postcode and not rules.is_valid_postcode(postcode):
            raise forms.ValidationError("Enter a real UK postcode, like PR4 5SB")
        return rules.normalise_postcode(postcode)

    def add_rule_error(self, violation) -> None:
        self.add_error(RULE_FIELDS.get(violation.code), violation.message)


class SupplierCreateForm(SupplierForm):
    size = forms.ChoiceField(label="Size band", choices=SupplierSize.choices, initial=SupplierSize.UNKNOWN,
                             error_messages={"required": "Select the supplier's size band, or 'Not known'"})
    is_vcse = forms.BooleanField(label="Voluntary, community or social enterprise (VCSE)", required=False)


class AliasForm(forms.Form):
    name = forms.CharField(label="Other name", max_length=300,
                           error_messages={"required": "Enter the other name the supplier is known by"})
    kind = forms.ChoiceField(label="Kind of name", choices=[
        (AliasKind.TRADING_NAME, AliasKind.TRADING_NAME.label), (AliasKind.ALIAS, AliasKind.ALIAS.label)])

    def add_rule_error(self, violation) -> None:
        self.add_error("name", violation.message)


class ClassificationForm(forms.Form):
    size = forms.ChoiceField(label="Size band", choices=SupplierSize.choices,
                             error_messages={"required": "Select the supplier's size band"})
    is_vcse = forms.BooleanField(label="Voluntary, community or social enterprise (VCSE)", required=False)
    valid_from = UKDateField(label="Holds from", what="the date this size band holds from")

    def add_rule_error(self, violation) -> None:
        self.add_error(RULE_FIELDS.get(violation.code, None), violation.message)


class SupplierImportForm(forms.Form):
    file = forms.FileField(label="Supplier file", help_text="A CSV or Excel (XLSX) file with a header row",
                           error_messages={"required": "Select a supplier file to import",
                                           "empty": "The selected file is empty"})

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx", ".xlsm")):
            raise forms.ValidationError("The selected file must be a CSV or Excel (XLSX) file")
        return upload
