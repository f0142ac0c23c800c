"""Routes of the Analyse part agreement (namespace analyse, see analysis/urls.py)."""

from django.urls import path

from .views import agreement

urlpatterns = [
    path("agreement/", agreement.agreement_list, name="agreement_list"),
    path("agreement/new/", agreement.agreement_create, name="agreement_create"),
    path("agreement/<int:sample_id>/", agreement.agreement_detail, name="agreement_detail"),
    path("agreement/<int:sample_id>/resolve/<int:statement_id>/", agreement.agreement_resolve,
         name="agreement_resolve"),
    path("agreement/<int:sample_id>/close/", agreement.agreement_close, name="agreement_close"),
]
