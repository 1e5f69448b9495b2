from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "procure.core"
    label = "core"
    verbose_name = "Core"
