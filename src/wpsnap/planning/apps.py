from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "wpsnap.planning"
    verbose_name = "Plan"
