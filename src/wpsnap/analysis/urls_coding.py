"""Routes of the Analyse part coding (namespace analyse, see analysis/urls.py)."""

urlpatterns = []
