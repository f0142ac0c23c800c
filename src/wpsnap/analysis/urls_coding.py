"""Routes of the Analyse part coding (namespace analyse, see analysis/urls.py)."""

from django.urls import path

from .views import coding

urlpatterns = [
    path("coding/", coding.coding_queue, name="coding_queue"),
    path("coding/statements/<int:statement_id>/", coding.coding_statement,
         name="coding_statement"),
    path("coding/statements/<int:statement_id>/panel/", coding.coding_panel,
         name="coding_panel"),
    path("coding/statements/<int:statement_id>/add/", coding.coding_add, name="coding_add"),
    path("coding/statements/<int:statement_id>/translation/", coding.coding_translation,
         name="coding_translation"),
    path("coding/codings/<int:coding_id>/delete/", coding.coding_delete, name="coding_delete"),
    path("coding/codings/<int:coding_id>/memo/", coding.coding_memo, name="coding_memo"),
]
