"""Gaps and alignment (H4)."""

from django.urls import path

from .views import gaps

urlpatterns = [
    path("gaps/", gaps.gaps, name="gaps"),
    path("alignment/", gaps.alignment, name="alignment"),
]
