"""Importing contracts register files (CSV or Excel, Procure or LGA transparency layout)."""

from procure.contracts.importing.service import ContractImportResult, contract_import

__all__ = ["ContractImportResult", "contract_import"]
