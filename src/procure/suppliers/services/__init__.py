"""Writes to the supplier register. Every change is audited; each service owns its transaction."""

from procure.suppliers.services.imports import SupplierImportReport, suppliers_import
from procure.suppliers.services.payees import PayeeInput, PayeeResolution, payees_resolve
from procure.suppliers.services.register import (
    supplier_alias_add,
    supplier_classify,
    supplier_create,
    supplier_update,
)

__all__ = [
    "PayeeInput", "PayeeResolution", "SupplierImportReport", "payees_resolve", "supplier_alias_add",
    "supplier_classify", "supplier_create", "supplier_update", "suppliers_import",
]
