from django.db import models


class SupplierSize(models.TextChoices):
    MICRO = "micro", "Micro (fewer than 10 staff)"
    SMALL = "small", "Small (fewer than 50 staff)"
    MEDIUM = "medium", "Medium (fewer than 250 staff)"
    LARGE = "large", "Large"
    SME = "sme", "SME, band not known"
    UNKNOWN = "unknown", "Not known"


# 'SME' alone is what many supplier files say (an 'SME: Y' column): small or medium, band not given.
SME_SIZES = (SupplierSize.MICRO, SupplierSize.SMALL, SupplierSize.MEDIUM, SupplierSize.SME)


class SupplierSource(models.TextChoices):
    MANUAL = "manual", "Entered by hand"
    SUPPLIER_FILE = "supplier_file", "Supplier file import"
    SPEND_FILE = "spend_file", "Payee in a spend file"
    CONTRACT_FILE = "contract_file", "Contracts register import"
    DEMO = "demo", "Demo data"


class AliasKind(models.TextChoices):
    TRADING_NAME = "trading_name", "Trading name"
    ALIAS = "alias", "Other name"
    PAYEE_DECISION = "payee_decision", "Payee name matched by a person"
    PAYEE_MATCH = "payee_match", "Payee name matched automatically"


class SupplierImportStatus(models.TextChoices):
    COMPLETED = "completed", "Imported"
    REJECTED = "rejected", "Rejected: nothing imported"
