from django.urls import path

from . import views

app_name = "frameworks"
urlpatterns = [
    path("", views.index, name="index"),
    path("learn/", views.learn, name="learn"),
]
