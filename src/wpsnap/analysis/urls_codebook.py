"""Routes of the Analyse part codebook (namespace analyse, see analysis/urls.py)."""

urlpatterns = []
