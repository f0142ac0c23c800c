from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "wpsnap.frameworks"
