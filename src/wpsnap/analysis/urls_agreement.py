"""Routes of the Analyse part agreement (namespace analyse, see analysis/urls.py)."""

urlpatterns = []
