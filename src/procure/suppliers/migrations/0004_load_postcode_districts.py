"""Loads the postcode district table (see suppliers/data/README.md) in bulk."""

from django.db import migrations

from procure.suppliers.geography_data import load_postcode_districts


def load(apps, schema_editor):
    load_postcode_districts(apps.get_model("suppliers", "PostcodeDistrict"), using=schema_editor.connection.alias)


def unload(apps, schema_editor):
    apps.get_model("suppliers", "PostcodeDistrict").objects.using(schema_editor.connection.alias).all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ("suppliers", "0003_postcode_districts"),
    ]

    operations = [
        migrations.RunPython(load, unload),
    ]
