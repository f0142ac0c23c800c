"""The Codebook: the tree of Codes, adding, editing, moving, merging and splitting Codes, the
REFI-QDA (.qdc) and CSV exchange, and the import of codings done elsewhere.

Every Member reads the Codebook and may download it; coordinators and analysts change it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from wpsnap.consultations.queries import WORKSPACE_ROLES, in_workspace
from wpsnap.core.authz import plan_view
from wpsnap.core.forms import apply_errors

from ..codebook_io import ImportProblems, export_csv
from ..forms_codebook import (
    CodebookImportForm,
    CodeForm,
    CodingsImportForm,
    MergeForm,
    SplitForm,
)
from ..importing_codings import CodingsImportError, import_codings
from ..models import Code
from ..qdc import export_qdc
from ..queries import codebook as queries
from ..services import codebook as services

WORKSPACE = WORKSPACE_ROLES


def _posted(request):
    return request.POST if request.method == "POST" else None


def _code(request, code_key) -> Code:
    return get_object_or_404(Code.objects.select_related("parent", "merged_into", "pillar",
                                                         "security_issue"),
                             plan=request.plan, key=code_key)


def _context(request, **extra) -> dict:
    return {"workspace": in_workspace(request.member), "can_edit": in_workspace(request.member),
            **extra}


@plan_view()
def codebook(request):
    tree = queries.codebook_tree(request.plan, exact=in_workspace(request.member))
    return render(request, "analysis/codebook/codebook.html", _context(request, tree=tree))


@plan_view(*WORKSPACE, methods=("POST",))
def codebook_seed(request):
    try:
        created = services.seed_codebook(request.plan, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if created:
            messages.success(request, _("The Codebook was seeded with %(n)s Codes from the "
                                        "reference library.") % {"n": created})
        else:
            messages.info(request, _("The Codebook already holds every Pillar and Security "
                                     "issue; nothing was added."))
    return redirect("analyse:codebook", request.plan.slug)


@plan_view()
def code_detail(request, code_key):
    code = _code(request, code_key)
    return render(request, "analysis/codebook/code_detail.html", _context(
        request, code=code, live=queries.resolve(code),
        **queries.code_detail(request.member, code)))


@plan_view(*WORKSPACE, methods=("GET", "POST"))
def code_create(request):
    return _code_form(request, Code(plan=request.plan))


@plan_view(*WORKSPACE, methods=("GET", "POST"))
def code_edit(request, code_key):
    code = _code(request, code_key)
    if code.archived_at is not None:
        messages.info(request, _("This Code was merged and is archived; edit the Code it was "
                                 "merged into."))
        return redirect("analyse:code_detail", request.plan.slug, code.key)
    return _code_form(request, code)


def _code_form(request, code):
    original_key = code.key if code.pk else None
    initial = {}
    if not code.pk and request.GET.get("parent"):
        parent = Code.objects.filter(plan=request.plan, key=request.GET["parent"],
                                     archived_at__isnull=True).first()
        if parent:
            initial["parent"] = parent.pk
    form = CodeForm(_posted(request), instance=code, plan=request.plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            code = services.save_code(request.plan, form.save(), by=request.user)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The Code was saved."))
            return redirect("analyse:code_detail", request.plan.slug, code.key)
    return render(request, "analysis/codebook/code_form.html", _context(
        request, form=form, code=code if original_key else None, original_key=original_key))


@plan_view(*WORKSPACE, methods=("GET", "POST"))
def code_merge(request, code_key):
    code = _code(request, code_key)
    if code.archived_at is not None:
        messages.info(request, _("This Code was already merged."))
        return redirect("analyse:code_detail", request.plan.slug, code.key)
    form = MergeForm(_posted(request), code=code,
                     exclude=services.descendant_ids(code))
    if request.method == "POST" and form.is_valid():
        target = get_object_or_404(Code, plan=request.plan, pk=form.cleaned_data["target"])
        try:
            result = services.merge_code(request.plan, code, target, by=request.user)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _(
                "“%(source)s” was merged into “%(target)s”: %(moved)s Codings moved, "
                "%(dropped)s duplicates joined, %(children)s sub-codes moved.") % {
                "source": code.key, "target": target.key, "moved": result.moved,
                "dropped": result.dropped, "children": result.children})
            return redirect("analyse:code_detail", request.plan.slug, target.key)
    counts = queries.final_counts(request.plan).get(code.pk, (0, 0))
    return render(request, "analysis/codebook/code_merge.html", _context(
        request, form=form, code=code, codings=counts[0], statements=counts[1]))


@plan_view(*WORKSPACE, methods=("GET", "POST"))
def code_split(request, code_key):
    code = _code(request, code_key)
    if code.archived_at is not None:
        messages.info(request, _("This Code was merged and is archived; it cannot be split."))
        return redirect("analyse:code_detail", request.plan.slug, code.key)
    codings = queries.split_codings(code)
    form = SplitForm(_posted(request), codings=codings)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        described = data["described"]
        slots = {n: i for i, n in enumerate(described)}
        new_codes = [services.NewCode(key=data[f"key_{n}"], label_en=data[f"label_en_{n}"],
                                      label_km=data[f"label_km_{n}"],
                                      as_child=data[f"place_{n}"] == "child")
                     for n in described]
        moves = {c.pk: slots[int(data[f"coding_{c.pk}"])] for c in codings
                 if data.get(f"coding_{c.pk}") not in (None, "")}
        try:
            made = services.split_code(request.plan, code, new_codes, moves, by=request.user)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _(
                "%(n)s new Codes were made from “%(key)s”; %(moved)s Codings moved to them, "
                "the others stay.") % {"n": len(made), "key": code.key, "moved": len(moves)})
            return redirect("analyse:code_detail", request.plan.slug, code.key)
    return render(request, "analysis/codebook/code_split.html", _context(
        request, form=form, code=code, capped=len(codings) >= 1000))


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@plan_view()
def codebook_export_qdc(request):
    return _download(export_qdc(request.plan), "application/xml; charset=utf-8",
                     f"{request.plan.slug}-codebook.qdc")


@plan_view()
def codebook_export_csv(request):
    return _download(export_csv(request.plan), "text/csv; charset=utf-8",
                     f"{request.plan.slug}-codebook.csv")


@plan_view(*WORKSPACE, methods=("GET", "POST"))
def codebook_import(request):
    form = CodebookImportForm(_posted(request), request.FILES or None)
    problems = result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.import_codebook(request.plan, upload.name, upload.read(),
                                              by=request.user)
        except ImportProblems as exc:
            problems = exc.problems
        else:
            messages.success(request, _(
                "The codebook was imported: %(created)s Codes added, %(updated)s updated, "
                "%(unchanged)s unchanged.") % {"created": result.created,
                                               "updated": result.updated,
                                               "unchanged": result.unchanged})
            if not result.warnings:
                return redirect("analyse:codebook", request.plan.slug)
    return render(request, "analysis/codebook/import.html", _context(
        request, form=form, problems=problems, result=result))


@plan_view(*WORKSPACE, methods=("GET", "POST"))
def codings_import(request):
    form = CodingsImportForm(_posted(request), request.FILES or None)
    problems = result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = import_codings(request.plan, data=upload.read(), filename=upload.name,
                                    coder=request.user)
        except CodingsImportError as exc:
            problems = exc.errors
    return render(request, "analysis/codebook/codings_import.html", _context(
        request, form=form, problems=problems, result=result))
