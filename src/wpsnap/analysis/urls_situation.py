"""Routes of the Analyse part situation (namespace analyse, see analysis/urls.py)."""

from django.urls import path

from .views import overview, situation

urlpatterns = [
    path("", overview.overview, name="overview"),
    path("situation-analysis/", situation.situation_analysis, name="situation_analysis"),
]
