"""Validate, the public front for Attendees (namespace `attend`): /join/ and /w/<join_code>/…

Kept apart from the back office: these views need no account, only a join code and the device
token cookie, and they never show back-office data."""

from django.urls import path

from .views import public

app_name = "attend"
urlpatterns = [
    path("join/", public.join, name="join"),
]
