from django.apps import AppConfig


class SpendConfig(AppConfig):
    name = "procure.spend"
    label = "spend"
    verbose_name = "Spend"
