from django import forms
from django.contrib.auth.forms import AuthenticationForm

from procure.organisations.choices import Role
from procure.organisations.models import User


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is inactive. Ask your administrator to reactivate it.",
    }


class DepartmentForm(forms.Form):
    code = forms.CharField(max_length=30, label="Code", help_text="Cost centre or department code, e.g. EST",
                           error_messages={"required": "Enter the department code"})
    name = forms.CharField(max_length=200, label="Name", error_messages={"required": "Enter the department name"})


class RoleGrantForm(forms.Form):
    username = forms.CharField(label="Username", error_messages={"required": "Enter the username of the person"})
    role = forms.ChoiceField(choices=Role.choices, label="Role")

    def clean_username(self):
        username = self.cleaned_data["username"]
        user = User.objects.filter(username=username).first()
        if user is None:
            raise forms.ValidationError("There is no user with that username")
        self.cleaned_data["user"] = user
        return username
