"""Routes of the Analyse part findings (namespace analyse, see analysis/urls.py)."""

urlpatterns = []
