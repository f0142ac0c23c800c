from django.apps import AppConfig


class ValidationConfig(AppConfig):
    name = "wpsnap.validation"
    verbose_name = "Validate"
