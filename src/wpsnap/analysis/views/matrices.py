"""The matrices (every Member reads them) and the drill-down into one cell."""

from importlib.util import find_spec
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from wpsnap.consultations.queries import (
    in_workspace,
    keyset_page,
    statements_for,
    visible_statements,
)
from wpsnap.core.authz import plan_view

from ..models import Code
from ..queries import matrices as queries

SHOW = ("both", "statements", "participants")


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _dimension(dimension: str) -> str:
    if dimension not in queries.DIMENSIONS:
        raise Http404
    return dimension


@plan_view()
def matrix(request, dimension):
    dimension = _dimension(dimension)
    workspace = in_workspace(request.member)
    suppressed = not workspace or request.GET.get("view") == "suppressed"
    show = request.GET.get("show") if request.GET.get("show") in SHOW else "both"
    include_empty = request.GET.get("empty") == "1"
    table = queries.build_matrix(request.plan, dimension, suppressed=suppressed,
                                 include_empty=include_empty)
    keep = {k: v for k, v in (("view", request.GET.get("view")),) if v == "suppressed"}
    return render(request, "analysis/matrices/matrix.html", {
        "workspace": workspace,
        "dimension": dimension,
        "dimensions": list(queries.dimension_labels().items()),
        "title": queries.matrix_titles()[dimension],
        "dimension_label": queries.dimension_labels()[dimension],
        "table": table,
        "show": show,
        "include_empty": include_empty,
        "suppressed": suppressed,
        "show_query": {s: urlencode({**keep, "show": s, **({"empty": 1} if include_empty else {})})
                       for s in SHOW},
        "empty_query": urlencode({**keep, "show": show, **({} if include_empty else {"empty": 1})}),
    })


@plan_view()
def matrix_cell(request, dimension):
    dimension = _dimension(dimension)
    plan, member = request.plan, request.member
    workspace = in_workspace(member)
    key, value = request.GET.get("code", "").strip(), request.GET.get("value", "").strip()
    if not key or not value:
        messages.info(request, _("Choose a cell of the matrix to see its Statements."))
        return redirect("analyse:matrix", plan.slug, dimension)
    code = get_object_or_404(Code, plan=plan, key=key, archived_at__isnull=True)
    if dimension == "cooccurrence":
        get_object_or_404(Code, plan=plan, key=value, archived_at__isnull=True)
    context = {
        "workspace": workspace,
        "dimension": dimension,
        "dimension_label": queries.dimension_labels()[dimension],
        "code": code,
        "value": value,
        "value_label": queries.column_label(plan, dimension, value),
        "page": None,
        "blocked": False,
    }
    if not workspace:
        # A small cell cannot be opened outside the workspace, even by a typed address: listing
        # three Statements of one group in one Area could point at the people who said them.
        table = queries.build_matrix(plan, dimension, suppressed=True, include_empty=True)
        cell = table.cell(code.id, value)
        if cell is None or not cell.linkable:
            context["blocked"] = True
            return render(request, "analysis/matrices/cell.html", context)
    source = statements_for(member) if not workspace else visible_statements(plan)
    qs = queries.cell_statements(source, plan, dimension, code, value).select_related(
        "consultation", "participant__area", "participant__consent")
    page = keyset_page(qs, after=_int(request.GET.get("after")),
                       before=_int(request.GET.get("before")))
    codes = queries.codes_on(page.items) if workspace else {}
    base = {"code": key, "value": value}
    context.update({
        "page": page,
        "rows": [{"s": s, "codes": codes.get(s.id, [])} for s in page.items],
        "next_query": urlencode({**base, "after": page.next_after}) if page.next_after else None,
        "prev_query": urlencode({**base, "before": page.prev_before}) if page.prev_before
        else None,
        "attach": workspace and find_spec("wpsnap.analysis.templatetags.findings") is not None,
    })
    return render(request, "analysis/matrices/cell.html", context)
