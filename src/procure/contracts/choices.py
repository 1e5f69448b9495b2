from django.db import models


class RouteToMarket(models.TextChoices):
    OWN_TENDER = "own_tender", "Own tender"
    FRAMEWORK_CALL_OFF = "framework_call_off", "Framework call-off"
    COLLABORATIVE = "collaborative", "Collaborative (let jointly with other bodies)"
    DIRECT_AWARD = "direct_award", "Direct award"
    EXEMPT = "exempt", "Exempt"


class ContractStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    LIVE = "live", "Live"
    EXTENDED = "extended", "Live (in an extension)"
    EXPIRED = "expired", "Expired"


class CategoryScheme(models.TextChoices):
    PROCLASS = "proclass", "ProClass"
    LOCAL = "local", "Organisation's own"


class ContractImportStatus(models.TextChoices):
    COMPLETED = "completed", "Imported"
    REJECTED = "rejected", "Rejected: nothing imported"
