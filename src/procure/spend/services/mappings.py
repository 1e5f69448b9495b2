"""Saving which column is which for a layout the synonyms do not recognise."""

from django.db import transaction

from procure.core.audit import audit_record, snapshot
from procure.organisations.models import Organisation
from procure.spend.importing import LABELS, REQUIRED_FIELDS, header_signature
from procure.spend.models import ColumnMapping
from procure.spend.rules import check_mapping


@transaction.atomic
def column_mapping_save(*, organisation: Organisation, headers: list[str], columns: dict[str, str],
                        source_name: str, actor) -> ColumnMapping:
    """Remember {field: heading} for files with these headings; later imports use it before the synonyms."""
    columns = {name: heading for name, heading in columns.items() if name in LABELS and heading}
    check_mapping(columns=columns, headers=headers, required=REQUIRED_FIELDS)
    signature = header_signature(headers)
    existing = ColumnMapping.objects.filter(organisation=organisation, header_signature=signature).first()
    before = snapshot(existing) if existing else None
    mapping, _ = ColumnMapping.objects.update_or_create(
        organisation=organisation, header_signature=signature,
        defaults={"source_name": source_name.strip()[:200], "headers": headers, "mapping": columns})
    audit_record(actor=actor, action="column_mapping.saved", subject=mapping, before=before,
                 after=snapshot(mapping), organisation=organisation)
    return mapping
