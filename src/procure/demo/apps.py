from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "procure.demo"
    label = "demo"
    verbose_name = "Demo"
