"""Back-office routes of the Validate part running (namespace validate, see validation/urls.py):
the facilitator's control panel, the projector view, their live fragment, and moderation."""

from django.urls import path

from .views import running

urlpatterns = [
    path("<int:workshop_id>/run/", running.facilitator, name="facilitator"),
    path("<int:workshop_id>/projector/", running.projector, name="projector"),
    path("<int:workshop_id>/run/control/", running.control, name="control"),
    path("<int:workshop_id>/run/live/", running.live, name="live"),
    path("<int:workshop_id>/run/moderation/", running.moderation, name="moderation"),
    path("<int:workshop_id>/run/moderate/", running.moderate, name="moderate"),
]
