"""The web import, mounted at /plans/<plan_slug>/consult/imports/. URLs carry only the
Dataset's id: never a file name or participant data."""

from django.urls import path

from . import import_views as views

app_name = "consult_import"
urlpatterns = [
    path("", views.dataset_list, name="list"),
    path("upload/", views.upload, name="upload"),
    path("<int:dataset_id>/mapping/", views.mapping, name="mapping"),
    path("<int:dataset_id>/mapping.json", views.mapping_download, name="mapping_download"),
    path("<int:dataset_id>/mapping/upload/", views.mapping_upload, name="mapping_upload"),
    path("<int:dataset_id>/", views.status, name="status"),
    path("<int:dataset_id>/progress/", views.progress, name="progress"),
]
