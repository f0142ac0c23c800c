from django.urls import path

from . import views

app_name = "consult"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("consultations/", views.consultation_list, name="consultation_list"),
    path("consultations/new/", views.consultation_create, name="consultation_create"),
    path("consultations/<slug:consultation_slug>/", views.consultation_detail,
         name="consultation_detail"),
    path("consultations/<slug:consultation_slug>/edit/", views.consultation_edit,
         name="consultation_edit"),
    path("consultations/<slug:consultation_slug>/mapping.json", views.mapping_download,
         name="mapping_download"),
    path("participants/", views.participant_list, name="participant_list"),
    path("participants/new/", views.participant_create, name="participant_create"),
    path("participants/<int:participant_id>/", views.participant_detail,
         name="participant_detail"),
    path("participants/<int:participant_id>/edit/", views.participant_edit,
         name="participant_edit"),
    path("participants/<int:participant_id>/consent/", views.consent_edit, name="consent_edit"),
    path("participants/<int:participant_id>/withdraw/", views.consent_withdraw,
         name="consent_withdraw"),
    path("participants/<int:participant_id>/erase/", views.participant_erase,
         name="participant_erase"),
    path("participants/<int:participant_id>/contact/", views.contact_details,
         name="contact_details"),
    path("statements/", views.statements, name="statements"),
    path("statements/<int:statement_id>/", views.statement_detail, name="statement_detail"),
    path("coverage/", views.coverage, name="coverage"),
    path("coverage/targets/", views.coverage_targets, name="coverage_targets"),
    path("coverage/targets/<int:coverage_target_id>/delete/", views.coverage_target_delete,
         name="coverage_target_delete"),
]
