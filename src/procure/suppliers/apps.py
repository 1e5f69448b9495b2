from django.apps import AppConfig


class SuppliersConfig(AppConfig):
    name = "procure.suppliers"
    label = "suppliers"
    verbose_name = "Suppliers"
