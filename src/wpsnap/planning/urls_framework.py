"""Routes of the results framework editor (namespace planning, see planning/urls.py).

Keys contain dots ("1.2", "A-1.2.3"), hence the str converters."""

from django.urls import path

from .views import framework as views

urlpatterns = [
    path("", views.framework, name="framework"),
    path("goal/", views.goal_edit, name="goal_edit"),
    path("goal/revisions/", views.goal_revisions, name="goal_revisions"),
    path("outcomes/new/", views.outcome_create, name="outcome_create"),
    path("outcomes/<str:outcome_key>/edit/", views.outcome_edit, name="outcome_edit"),
    path("outcomes/<str:outcome_key>/delete/", views.outcome_delete, name="outcome_delete"),
    path("outcomes/<str:outcome_key>/move/", views.outcome_move, name="outcome_move"),
    path("outcomes/<str:outcome_key>/revisions/", views.outcome_revisions,
         name="outcome_revisions"),
    path("outcomes/<str:outcome_key>/outputs/new/", views.output_create, name="output_create"),
    path("outputs/<str:output_key>/edit/", views.output_edit, name="output_edit"),
    path("outputs/<str:output_key>/delete/", views.output_delete, name="output_delete"),
    path("outputs/<str:output_key>/move/", views.output_move, name="output_move"),
    path("outputs/<str:output_key>/revisions/", views.output_revisions,
         name="output_revisions"),
    path("outputs/<str:output_key>/actions/new/", views.action_create, name="action_create"),
    path("actions/<str:action_key>/", views.action_detail, name="action_detail"),
    path("actions/<str:action_key>/edit/", views.action_edit, name="action_edit"),
    path("actions/<str:action_key>/delete/", views.action_delete, name="action_delete"),
    path("actions/<str:action_key>/move/", views.action_move, name="action_move"),
    path("actions/<str:action_key>/revisions/", views.action_revisions,
         name="action_revisions"),
    path("actions/<str:action_key>/budget/new/", views.budget_line_create,
         name="budget_line_create"),
    path("budget-lines/<int:budget_line_id>/edit/", views.budget_line_edit,
         name="budget_line_edit"),
    path("budget-lines/<int:budget_line_id>/delete/", views.budget_line_delete,
         name="budget_line_delete"),
]
