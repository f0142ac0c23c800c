"""Back-office routes of the Validate part report (namespace validate, see validation/urls.py):
after the workshop — the validation report, Amendment decisions, outcomes and exports."""

from django.urls import path

from .views import report

urlpatterns = [
    path("<int:workshop_id>/report/", report.report, name="report"),
    path("<int:workshop_id>/report/items/<int:item_id>/", report.report_item,
         name="report_item"),
    path("<int:workshop_id>/amendments/<int:amendment_id>/decide/", report.amendment_decide,
         name="amendment_decide"),
    path("<int:workshop_id>/report/items/<int:item_id>/apply-outcome/", report.apply_outcome,
         name="apply_outcome"),
    path("<int:workshop_id>/export/votes.csv", report.export_votes, name="export_votes"),
    path("<int:workshop_id>/export/comments/", report.export_comments, name="export_comments"),
]
