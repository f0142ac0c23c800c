"""Routes of the Plan's Indicators and indicator library (namespace planning, see urls.py)."""

from django.urls import path

from .views import indicators as views

urlpatterns = [
    path("indicators/", views.indicator_list, name="indicator_list"),
    path("indicators/new/", views.indicator_create, name="indicator_create"),
    path("indicators/library/", views.indicator_library, name="indicator_library"),
    path("indicators/library/<slug:template_key>/adopt/", views.indicator_adopt,
         name="indicator_adopt"),
    path("indicators/<str:indicator_key>/", views.indicator_detail, name="indicator_detail"),
    path("indicators/<str:indicator_key>/edit/", views.indicator_edit, name="indicator_edit"),
    path("indicators/<str:indicator_key>/delete/", views.indicator_delete,
         name="indicator_delete"),
]
