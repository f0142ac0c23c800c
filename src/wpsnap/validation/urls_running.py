"""Back-office routes of the Validate part running (namespace validate, see validation/urls.py)."""

urlpatterns = []
