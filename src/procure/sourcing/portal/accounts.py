"""Suppliers register themselves on the portal: an account that works once its email address is confirmed."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from procure.core.audit import audit_record
from procure.core.errors import BusinessRuleViolation
from procure.organisations.choices import Role
from procure.organisations.models import Organisation, User
from procure.organisations.services import role_grant, user_create
from procure.suppliers.models import Supplier, SupplierUser
from procure.suppliers.services.register import supplier_create


@transaction.atomic
def supplier_register(*, organisation: Organisation, company_name: str, companies_house_number: str,
                      first_name: str, last_name: str, email: str, username: str, password: str,
                      confirm_url: "callable") -> User:
    """SRC-70: A new supplier and its first user, inactive until the email address is confirmed. An existing
    supplier is never handed to whoever registers its Companies House number."""
    number = companies_house_number.strip().upper()
    if number and Supplier.objects.filter(organisation=organisation, companies_house_number=number).exists():
        raise BusinessRuleViolation(code="SRC-70", message=(
            "A supplier with this Companies House number is already registered: ask the buyer to add you to it"))
    if User.objects.filter(username__iexact=username.strip()).exists():
        raise BusinessRuleViolation(code="SRC-70", message="That username is taken: choose another")
    if User.objects.filter(email__iexact=email.strip()).exists():
        raise BusinessRuleViolation(code="SRC-70", message=(
            "An account already uses that email address: sign in, or reset your password"))
    user = user_create(username=username.strip(), email=email.strip().lower(), first_name=first_name.strip(),
                       last_name=last_name.strip(), password=password)
    user.is_active = False
    user.save(update_fields=["is_active"])
    supplier = supplier_create(organisation=organisation, name=company_name.strip(), actor=user,
                               companies_house_number=number)
    SupplierUser.objects.create(user=user, supplier=supplier)
    role_grant(user=user, organisation=organisation, role=Role.SUPPLIER_USER, actor=None)
    audit_record(actor=user, action="supplier.self_registered", subject=supplier,
                 after={"user": user.username, "email": user.email}, organisation=organisation)
    link = confirm_url(urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user))
    body = render_to_string("sourcing/email/confirm.txt", {"user": user, "supplier": supplier, "link": link,
                                                            "organisation": organisation})
    send_mail(f"Confirm your email address for {organisation.name}'s supplier portal", body,
              settings.DEFAULT_FROM_EMAIL, [user.email])
    return user


@transaction.atomic
def supplier_confirm(*, user: User, token: str) -> bool:
    if user.is_active:
        return True
    if not default_token_generator.check_token(user, token):
        return False
    user.is_active = True
    user.save(update_fields=["is_active"])
    audit_record(actor=user, action="user.email_confirmed", subject=user, after={"is_active": True})
    return True
