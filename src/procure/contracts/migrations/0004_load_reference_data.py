"""Loads ProClass vC17.1 and CPV 2008 (see contracts/data/README.md) in bulk."""

from django.db import migrations

from procure.contracts.reference_data import PROCLASS, load_reference_data


def load(apps, schema_editor):
    load_reference_data(apps.get_model("contracts", "Category"), apps.get_model("contracts", "CpvCode"))


def unload(apps, schema_editor):
    apps.get_model("contracts", "Category").objects.filter(scheme=PROCLASS, level=3).delete()
    apps.get_model("contracts", "Category").objects.filter(scheme=PROCLASS, level=2).delete()
    apps.get_model("contracts", "Category").objects.filter(scheme=PROCLASS).delete()
    apps.get_model("contracts", "CpvCode").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ("contracts", "0003_reference_fields_and_imports"),
    ]

    operations = [
        migrations.RunPython(load, unload),
    ]
