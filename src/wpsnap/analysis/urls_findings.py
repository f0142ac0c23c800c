"""Routes of the Analyse part findings (namespace analyse, see analysis/urls.py)."""

from django.urls import path

from .views import findings as views

urlpatterns = [
    path("findings/", views.finding_list, name="finding_list"),
    path("findings/new/", views.finding_create, name="finding_create"),
    path("findings/evidence/attach/", views.evidence_attach, name="evidence_attach"),
    path("findings/<str:finding_key>/", views.finding_detail, name="finding_detail"),
    path("findings/<str:finding_key>/edit/", views.finding_edit, name="finding_edit"),
    path("findings/<str:finding_key>/status/", views.finding_status, name="finding_status"),
    path("findings/<str:finding_key>/revisions/", views.finding_revisions,
         name="finding_revisions"),
    path("findings/<str:finding_key>/evidence/<int:evidence_id>/remove/",
         views.evidence_remove, name="evidence_remove"),
]
