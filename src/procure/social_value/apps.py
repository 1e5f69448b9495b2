from django.apps import AppConfig


class SocialValueConfig(AppConfig):
    name = "procure.social_value"
    label = "social_value"
    verbose_name = "Social value"
