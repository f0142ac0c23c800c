"""Routes of the coordination mechanism, the roles-and-responsibilities matrix and an
Organisation's share of the Plan (namespace planning, see planning/urls.py)."""

from django.urls import path

from .views import coordination as views

urlpatterns = [
    path("coordination/", views.coordination, name="coordination"),
    path("coordination/question/", views.coordination_question, name="coordination_question"),
    path("coordination/bodies/new/", views.body_create, name="body_create"),
    path("coordination/bodies/<int:body_id>/", views.body_detail, name="body_detail"),
    path("coordination/bodies/<int:body_id>/edit/", views.body_edit, name="body_edit"),
    path("coordination/bodies/<int:body_id>/delete/", views.body_delete, name="body_delete"),
    path("coordination/bodies/<int:body_id>/members/new/", views.membership_create,
         name="membership_create"),
    path("coordination/memberships/<int:membership_id>/edit/", views.membership_edit,
         name="membership_edit"),
    path("coordination/memberships/<int:membership_id>/delete/", views.membership_delete,
         name="membership_delete"),
    path("matrix/", views.matrix, name="matrix"),
    path("matrix/cell/", views.matrix_cell, name="matrix_cell"),
    path("organisations/<int:organisation_id>/", views.organisation_plan,
         name="organisation_plan"),
]
