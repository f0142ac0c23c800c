"""The traceable chain (H4): from an Action forward to the Statements, and from a Finding, a
Statement or a stakeholder group back to the Actions that answer it."""

from django.urls import path

from .views import trace

urlpatterns = [
    path("trace/actions/<str:action_key>/", trace.action_trace, name="action_trace"),
    path("trace/findings/<str:finding_key>/", trace.finding_trace, name="finding_trace"),
    path("trace/statements/<int:statement_id>/", trace.statement_trace, name="statement_trace"),
    path("trace/groups/", trace.group_trace, name="group_trace"),
]
