"""Routes of the Analyse part situation (namespace analyse, see analysis/urls.py)."""

from django.urls import path

from .views import overview

urlpatterns = [
    path("", overview.overview, name="overview"),
]
