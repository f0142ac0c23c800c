"""Back-office routes of the Validate part report (namespace validate, see validation/urls.py)."""

urlpatterns = []
