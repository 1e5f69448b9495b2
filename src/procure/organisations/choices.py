from django.db import models


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", "Administrator"
    PROCUREMENT_OFFICER = "procurement_officer", "Procurement officer"
    BUDGET_HOLDER = "budget_holder", "Budget holder"
    BOARD_MEMBER = "board_member", "Board member"
    EVALUATOR = "evaluator", "Evaluator"
    AUDITOR = "auditor", "Auditor (read-only)"
    SUPPLIER_USER = "supplier_user", "Supplier user"


class OrganisationKind(models.TextChoices):
    POLICE_FORCE = "police_force", "Police force"
    POLICING_BODY = "policing_body", "Police and Crime Commissioner"
    FIRE_AUTHORITY = "fire_authority", "Fire and rescue authority"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    BUYING_ORGANISATION = "buying_organisation", "Public buying organisation"
    OTHER_PUBLIC_BODY = "other_public_body", "Other public body"
