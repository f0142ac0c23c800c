"""Routes of the Analyse part codebook (namespace analyse, see analysis/urls.py)."""

from django.urls import path

from .views import codebook as views

urlpatterns = [
    path("codebook/", views.codebook, name="codebook"),
    path("codebook/new/", views.code_create, name="code_create"),
    path("codebook/seed/", views.codebook_seed, name="codebook_seed"),
    path("codebook/export.qdc", views.codebook_export_qdc, name="codebook_export_qdc"),
    path("codebook/export.csv", views.codebook_export_csv, name="codebook_export_csv"),
    path("codebook/import/", views.codebook_import, name="codebook_import"),
    path("codebook/import-codings/", views.codings_import, name="codings_import"),
    path("codebook/codes/<slug:code_key>/", views.code_detail, name="code_detail"),
    path("codebook/codes/<slug:code_key>/edit/", views.code_edit, name="code_edit"),
    path("codebook/codes/<slug:code_key>/merge/", views.code_merge, name="code_merge"),
    path("codebook/codes/<slug:code_key>/split/", views.code_split, name="code_split"),
]
