from django.urls import path

from .views import exports

urlpatterns = [
    path("export/results-framework.xlsx", exports.export_framework_xlsx,
         name="export_framework_xlsx"),
    path("export/roles-and-responsibilities.xlsx", exports.export_matrix_xlsx,
         name="export_matrix_xlsx"),
]
