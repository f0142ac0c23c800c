"""Back-office routes of the Validate part setup (namespace validate, see validation/urls.py)."""

from django.urls import path

from .views import setup

urlpatterns = [
    path("", setup.workshop_list, name="workshop_list"),
]
