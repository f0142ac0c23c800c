from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "wpsnap.core"
    verbose_name = "wpsnap core"
