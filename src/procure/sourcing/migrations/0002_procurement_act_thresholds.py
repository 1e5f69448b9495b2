from datetime import date
from decimal import Decimal

from django.db import migrations

# The Procurement Act 2023 thresholds for sub-central authorities (police bodies among them), including VAT.
THRESHOLDS = [
    ("goods_services", Decimal("207720.00"), date(2026, 1, 1),
     "Goods and services bought by sub-central authorities, from 1 January 2026"),
    ("works", Decimal("5193000.00"), date(2026, 1, 1), "Works, from 1 January 2026"),
]


def install(apps, schema_editor):
    threshold = apps.get_model("sourcing", "ProcurementActThreshold")
    for kind, value, effective_from, description in THRESHOLDS:
        threshold.objects.get_or_create(kind=kind, effective_from=effective_from,
                                        defaults={"value_gross": value, "description": description})


class Migration(migrations.Migration):
    dependencies = [("sourcing", "0001_initial")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
