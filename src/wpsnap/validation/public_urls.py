"""Validate, the public front for Attendees (namespace `attend`): /join/ and /w/<join_code>/…

Kept apart from the back office: these views need no account, only a join code and the device
token cookie, and they never show back-office data."""

from django.urls import path

from .views import public

app_name = "attend"
urlpatterns = [
    path("join/", public.join, name="join"),
    path("w/<str:join_code>/", public.workshop, name="workshop"),
    path("w/<str:join_code>/about-you/", public.profile, name="profile"),
    path("w/<str:join_code>/now/", public.now, name="now"),
    path("w/<str:join_code>/priorities/", public.priorities, name="priorities"),
    path("w/<str:join_code>/items/<int:item_id>/", public.item, name="item"),
    path("w/<str:join_code>/items/<int:item_id>/vote/", public.vote, name="vote"),
    path("w/<str:join_code>/items/<int:item_id>/comment/", public.comment, name="comment"),
    path("w/<str:join_code>/items/<int:item_id>/amend/", public.amend, name="amend"),
]
