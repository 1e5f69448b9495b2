from django.apps import AppConfig


class SourcingConfig(AppConfig):
    name = "procure.sourcing"
    label = "sourcing"
    verbose_name = "Sourcing"
