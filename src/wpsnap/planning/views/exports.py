"""Downloads of the Plan as spreadsheets (every Member): the results framework and the
roles-and-responsibilities matrix. File names carry the Plan's slug and the date, never a name."""

from django.http import HttpResponse

from wpsnap.core.authz import plan_view

from .. import xlsx


def _download(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=xlsx.XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@plan_view()
def export_framework_xlsx(request):
    return _download(xlsx.framework_workbook(request.plan),
                     xlsx.filename(request.plan, "results-framework"))


@plan_view()
def export_matrix_xlsx(request):
    return _download(xlsx.matrix_workbook(request.plan),
                     xlsx.filename(request.plan, "roles-and-responsibilities"))
