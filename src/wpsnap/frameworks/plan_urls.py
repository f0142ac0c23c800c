from django.urls import path

from . import plan_views

app_name = "plan_frameworks"
urlpatterns = [
    path("", plan_views.framework_list, name="list"),
]
