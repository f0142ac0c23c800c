from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "wpsnap.analysis"
    verbose_name = "Analyse"
