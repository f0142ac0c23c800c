from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.create, name="create"),
    path("<slug:plan_slug>/", views.detail, name="detail"),
    path("<slug:plan_slug>/edit/", views.edit, name="edit"),
    path("<slug:plan_slug>/members/", views.members, name="members"),
    path("<slug:plan_slug>/members/invite/", views.invite, name="invite"),
    path("<slug:plan_slug>/members/<int:member_id>/", views.member_edit, name="member_edit"),
    path("<slug:plan_slug>/members/<int:member_id>/remove/", views.member_remove,
         name="member_remove"),
    path("<slug:plan_slug>/organisations/", views.organisations, name="organisations"),
    path("<slug:plan_slug>/organisations/new/", views.organisation_create,
         name="organisation_create"),
    path("<slug:plan_slug>/organisations/<int:organisation_id>/", views.organisation_edit,
         name="organisation_edit"),
    path("<slug:plan_slug>/audit/", views.audit, name="audit"),
]
