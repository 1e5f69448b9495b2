from django import forms
from django.contrib.auth import password_validation

from procure.organisations.forms import SignInForm


class RegistrationForm(forms.Form):
    company_name = forms.CharField(max_length=200, label="Company or organisation name",
                                   error_messages={"required": "Enter your company or organisation's name"})
    companies_house_number = forms.CharField(max_length=8, required=False, label="Companies House number (optional)",
                                             help_text="8 characters, for example 04166647. Leave it empty if you "
                                                       "are a sole trader, partnership or charity without one")
    first_name = forms.CharField(max_length=150, label="Your first name",
                                 error_messages={"required": "Enter your first name"})
    last_name = forms.CharField(max_length=150, label="Your last name",
                                error_messages={"required": "Enter your last name"})
    email = forms.EmailField(label="Email address", help_text="We send a link to confirm it",
                             error_messages={"required": "Enter your email address",
                                             "invalid": "Enter an email address like name@example.com"})
    username = forms.RegexField(regex=r"^[\w.@+-]+$", max_length=150, label="Username",
                                help_text="Letters, numbers and . @ + - _ only",
                                error_messages={"required": "Choose a username",
                                                "invalid": "Use only letters, numbers and . @ + - _"})
    password = forms.CharField(label="Password", widget=forms.PasswordInput,
                               help_text=" ".join(password_validation.password_validators_help_texts()),
                               error_messages={"required": "Choose a password"})
    password_again = forms.CharField(label="Password again", widget=forms.PasswordInput,
                                     error_messages={"required": "Enter your password again"})

    def clean_companies_house_number(self):
        number = self.cleaned_data["companies_house_number"].strip().upper()
        if number and (len(number) != 8 or not number.isalnum()):
            raise forms.ValidationError("A Companies House number has 8 letters and numbers, like 04166647")
        return number

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password_again") and data["password"] != data["password_again"]:
            self.add_error("password_again", "The passwords do not match")
        elif data.get("password"):
            try:
                password_validation.validate_password(data["password"])
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


class SupplierSignInForm(SignInForm):
    pass
