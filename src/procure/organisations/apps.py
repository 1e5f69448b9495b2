from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "procure.organisations"
    label = "organisations"
    verbose_name = "Organisations"
