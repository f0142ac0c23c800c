"""Routes of the Analyse part suggest (namespace analyse, see analysis/urls.py)."""

urlpatterns = []
