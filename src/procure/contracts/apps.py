from django.apps import AppConfig


class ContractsConfig(AppConfig):
    name = "procure.contracts"
    label = "contracts"
    verbose_name = "Contracts"
