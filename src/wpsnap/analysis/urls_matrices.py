"""Routes of the Analyse part matrices (namespace analyse, see analysis/urls.py)."""

urlpatterns = []
