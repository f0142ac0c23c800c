"""Routes of the Analyse part suggest (namespace analyse, see analysis/urls.py)."""

from django.urls import path

from .views import suggest

urlpatterns = [
    path("assistant/", suggest.suggester, name="suggester"),
    path("assistant/retrain/", suggest.suggester_retrain, name="suggester_retrain"),
    path("assistant/<int:suggester_id>/progress/", suggest.suggester_progress,
         name="suggester_progress"),
    path("statements/<int:statement_id>/suggestions/", suggest.suggestions, name="suggestions"),
    path("statements/<int:statement_id>/suggestions/decide/", suggest.suggestion_decide,
         name="suggestion_decide"),
]
