"""Routes of the Analyse part matrices (namespace analyse, see analysis/urls.py)."""

from django.urls import path

from .views import matrices

urlpatterns = [
    path("matrices/<str:dimension>/", matrices.matrix, name="matrix"),
    path("matrices/<str:dimension>/cell/", matrices.matrix_cell, name="matrix_cell"),
]
