from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "procure.governance"
    label = "governance"
    verbose_name = "Governance"
