from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "procure.reporting"
    label = "reporting"
    verbose_name = "Reporting"
