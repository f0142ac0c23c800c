"""The web import: upload a file → map its columns → import in the background → report.

URLs carry the Dataset's id only: never a file name, never participant data. Coordinators and
analysts import; other roles get 403 (see `wpsnap.core.authz`). The import engine lives in
`wpsnap.consultations.importing`; the background task in `tasks.py`.
"""

import json
import logging
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import condition

from wpsnap.core.authz import plan_view
from wpsnap.plans.models import Role

from .import_forms import NOT_MAPPABLE, MappingForm, MappingUploadForm, UploadForm
from .models import Dataset
from .tasks import claim_dataset, import_dataset, read_progress

logger = logging.getLogger(__name__)

IMPORTERS = (Role.COORDINATOR, Role.ANALYST)
FINISHED = (Dataset.Status.IMPORTED, Dataset.Status.REJECTED)


# --- helpers --------------------------------------------------------------------------------

def _dataset(request, dataset_id) -> Dataset:
    return get_object_or_404(
        Dataset.objects.select_related("consultation", "uploaded_by"),
        plan=request.plan, pk=dataset_id)


def _issue(item) -> dict:
    """One error or warning of the engine, ready for a template (message in the user's
    language when the engine's message is a catalogue string)."""
    if not isinstance(item, dict):
        return {"row": None, "column": None, "code": "", "message": _(str(item)) if item else ""}
    message = str(item.get("message") or "")
    if item.get("code") == "failed":
        message = _("The import stopped because of an unexpected error. Nothing was imported.")
    elif message:
        message = _(message)
    return {**item, "row": item.get("row"), "column": item.get("column"), "message": message}


def _issues(items) -> list[dict]:
    return [_issue(i) for i in (items or [])]


def _report(dataset_or_json) -> dict:
    """The import report as the templates read it. Long lists are cut by the engine; the
    totals stay exact."""
    data = dataset_or_json if isinstance(dataset_or_json, dict) else (dataset_or_json.report or {})
    totals = data.get("totals") if isinstance(data.get("totals"), dict) else {}
    out = {
        "status": data.get("status", ""),
        "rows": data.get("rows") or 0,
        "participants_new": data.get("participants_new") or 0,
        "statements_new": data.get("statements_new") or 0,
    }
    for kind in ("skipped", "warnings", "errors"):
        items = data.get(kind)
        listed = _issues(items) if isinstance(items, list) else []
        total = totals.get(kind, len(listed) if isinstance(items, list) else int(items or 0))
        out[kind] = listed
        out[f"{kind}_count"] = total
        out[f"{kind}_more"] = max(total - len(listed), 0)
    return out


def _current_mapping(dataset: Dataset) -> dict | None:
    """The mapping the user is working on: this Dataset's, else the Consultation's saved one."""
    return dataset.mapping or dataset.consultation.mapping or None


def _engine_inspect(dataset: Dataset, mapping: dict | None):
    """(inspection, problem): the engine's look at the file, or a message why it can't be read."""
    if not dataset.file:
        return None, _("The uploaded file is missing. Upload it again.")
    from .importing import inspect_file

    try:
        return inspect_file(
            dataset.file.path, filename=dataset.filename, mapping=mapping,
            form_path=dataset.form_file.path if dataset.form_file else None), None
    except Exception as exc:  # the engine reports bad files itself; this is a last resort
        logger.warning("dataset %s: inspection failed (%s)", dataset.pk, type(exc).__name__)
        return None, _("The file cannot be read. It may be damaged or not the kind of file "
                       "its name says.")


# Engine warnings about a mapping that a user uploading one must fix before it is applied.
MAPPING_PROBLEMS = {"unknown_column", "ambiguous_column", "participant_column_in_repeat"}


def _inspect(dataset: Dataset, mapping: dict | None):
    """(inspection, problem, mapping_errors) for the mapping page.

    The file is read with `mapping`; when that gives errors, it is read again without one to
    tell a bad file (it cannot go on) from a mapping that does not fit this file (the page
    then starts from the proposed mapping and lists why)."""
    inspection, problem = _engine_inspect(dataset, mapping)
    mapping_errors = []
    if inspection is not None and inspection.errors and mapping is not None:
        plain, problem = _engine_inspect(dataset, None)
        if plain is not None and not plain.errors:
            mapping_errors = _issues(inspection.errors)
        inspection = plain
    if inspection is not None and inspection.format and dataset.format != inspection.format:
        Dataset.objects.filter(pk=dataset.pk).update(format=inspection.format)
        dataset.format = inspection.format
    return inspection, problem, mapping_errors


def _mapping_check(dataset: Dataset):
    def check(mapping: dict) -> list[str]:
        inspection, problem = _engine_inspect(dataset, mapping)
        if problem:
            return [problem]
        return [i["message"] for i in _issues(inspection.errors)] + [
            i["message"] for i in _issues(inspection.warnings) if i.get("code") in MAPPING_PROBLEMS]
    return check


def _reverse_first(names, *args) -> str | None:
    for name in names:
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            continue
    return None


def _links(slug: str, dataset: Dataset) -> list[tuple[str, str]]:
    """Links to the Consultation, its Participants and its Statements (skipped while those
    pages are not routed)."""
    consultation = dataset.consultation
    query = "?" + urlencode({"consultation": consultation.slug})
    links = []
    url = _reverse_first(["consult:consultation_detail"], slug, consultation.slug)
    if url:
        links.append((url, _("The consultation")))
    url = _reverse_first(["consult:participant_list", "consult:participants"], slug)
    if url:
        links.append((url + query, _("Its participants")))
    url = _reverse_first(["consult:statements"], slug)
    if url:
        links.append((url + query, _("Its statements")))
    return links


def _previous_import(dataset: Dataset):
    if not dataset.sha256:
        return None
    return (Dataset.objects.filter(consultation=dataset.consultation, sha256=dataset.sha256,
                                   status=Dataset.Status.IMPORTED)
            .exclude(pk=dataset.pk).order_by("-finished_at").first())


# --- views ----------------------------------------------------------------------------------

@plan_view(*IMPORTERS)
def dataset_list(request):
    datasets = list(request.plan.datasets.select_related("consultation", "uploaded_by")
                    .order_by("-created_at"))
    for dataset in datasets:
        dataset.percent = (_progress(dataset)["percent"]
                           if dataset.status == Dataset.Status.RUNNING else None)
    return render(request, "consultations/import/list.html", {"datasets": datasets})


@plan_view(*IMPORTERS, methods=("GET", "POST"))
def upload(request):
    form = UploadForm(request.POST or None, request.FILES or None, plan=request.plan)
    if request.method == "POST" and form.is_valid():
        dataset = form.save(user=request.user)
        return redirect("consult_import:mapping", request.plan.slug, dataset.pk)
    return render(request, "consultations/import/upload.html", {
        "form": form, "max_size": settings.WPSNAP_IMPORT_MAX_BYTES})


def _mapping_page(request, dataset, inspection, problem=None, *, form=None, upload_form=None,
                  dry_run=None, mapping_errors=()):
    context = {"dataset": dataset, "inspection": inspection, "problem": problem,
               "previous": _previous_import(dataset)}
    if problem or inspection.errors:
        context["errors"] = _issues(inspection.errors) if inspection else []
    else:
        shown = [c for c in inspection.columns
                 if c.get("type") not in NOT_MAPPABLE and not c.get("option_of")]
        context.update(
            form=form, dry_run=dry_run, warnings=_issues(inspection.warnings),
            mapping_errors=mapping_errors, columns=shown,
            hidden_columns=len(inspection.columns) - len(shown),
            upload_form=upload_form or MappingUploadForm(),
            mapping_source=("proposed" if mapping_errors else
                            "dataset" if dataset.mapping else
                            "consultation" if dataset.consultation.mapping else "proposed"))
    return render(request, "consultations/import/mapping.html", context)


@plan_view(*IMPORTERS, methods=("GET", "POST"))
def mapping(request, dataset_id):
    dataset = _dataset(request, dataset_id)
    if dataset.status != Dataset.Status.PENDING:
        if request.method == "POST":
            messages.info(request, _("This import has already started. Here is how it went."))
        return redirect("consult_import:status", request.plan.slug, dataset.pk)
    current = _current_mapping(dataset)
    inspection, problem, mapping_errors = _inspect(dataset, current)
    if problem or inspection.errors:  # the file cannot go on
        return _mapping_page(request, dataset, inspection, problem)
    base = (None if mapping_errors else current) or inspection.proposed_mapping or {}
    form = MappingForm(request.POST or None, columns=inspection.columns, mapping=base)
    dry_run = None
    if request.method == "POST" and form.is_valid():
        chosen = form.to_mapping()
        if request.POST.get("action") == "import":
            return _start(request, dataset, chosen)
        # A dry run: keep what the user chose, show what would change, write nothing else.
        Dataset.objects.filter(pk=dataset.pk, status=Dataset.Status.PENDING).update(
            mapping=chosen)
        dataset.mapping = chosen
        dry_run = _dry_run(dataset, chosen)
    return _mapping_page(request, dataset, inspection, form=form, dry_run=dry_run,
                         mapping_errors=mapping_errors)


def _dry_run(dataset: Dataset, chosen: dict) -> dict:
    from .importing import ImportRejected, import_file

    try:
        report = import_file(
            dataset.plan, dataset.consultation, dataset.file.path, filename=dataset.filename,
            form_path=dataset.form_file.path if dataset.form_file else None,
            mapping=chosen, dry_run=True, user=None)
    except ImportRejected as exc:
        return _report(exc.to_json())
    except Exception as exc:
        logger.warning("dataset %s: dry run failed (%s)", dataset.pk, type(exc).__name__)
        return _report({"status": "rejected", "errors": [
            {"row": None, "column": None, "code": "failed", "message": ""}]})
    return _report(report.to_json())


def _start(request, dataset: Dataset, chosen: dict):
    """Start the import once: only the request whose conditional UPDATE wins enqueues it."""
    if not claim_dataset(dataset.pk, mapping=chosen):
        messages.info(request, _("This import has already started. Here is how it went."))
        return redirect("consult_import:status", request.plan.slug, dataset.pk)
    try:
        import_dataset.enqueue(dataset.pk)
    except Exception as exc:
        logger.error("dataset %s: could not enqueue the import (%s)", dataset.pk,
                     type(exc).__name__)
        Dataset.objects.filter(pk=dataset.pk, status=Dataset.Status.RUNNING,
                               finished_at__isnull=True).update(status=Dataset.Status.PENDING)
        messages.error(request, _("The import could not be started. Try again in a moment."))
        return redirect("consult_import:mapping", request.plan.slug, dataset.pk)
    return redirect("consult_import:status", request.plan.slug, dataset.pk)


@plan_view(*IMPORTERS)
def mapping_download(request, dataset_id):
    dataset = _dataset(request, dataset_id)
    chosen = _current_mapping(dataset)
    if chosen is None and dataset.status == Dataset.Status.PENDING:
        inspection, _problem = _engine_inspect(dataset, None)
        chosen = inspection.proposed_mapping if inspection else None
    body = json.dumps(chosen or {}, ensure_ascii=False, indent=2, sort_keys=True)
    response = HttpResponse(body + "\n", content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="mapping-{dataset.consultation.slug}.json"')
    return response


@plan_view(*IMPORTERS, methods=("POST",))
def mapping_upload(request, dataset_id):
    dataset = _dataset(request, dataset_id)
    if dataset.status != Dataset.Status.PENDING:
        messages.info(request, _("This import has already started. Here is how it went."))
        return redirect("consult_import:status", request.plan.slug, dataset.pk)
    inspection, problem, _errors = _inspect(dataset, None)
    if problem or inspection.errors:
        return redirect("consult_import:mapping", request.plan.slug, dataset.pk)
    upload_form = MappingUploadForm(request.POST, request.FILES, check=_mapping_check(dataset))
    if upload_form.is_valid():
        Dataset.objects.filter(pk=dataset.pk, status=Dataset.Status.PENDING).update(
            mapping=upload_form.cleaned_data["mapping_file"])
        messages.success(request, _("The mapping was replaced by the uploaded file."))
        return redirect("consult_import:mapping", request.plan.slug, dataset.pk)
    form = MappingForm(columns=inspection.columns,
                       mapping=_current_mapping(dataset) or inspection.proposed_mapping or {})
    return _mapping_page(request, dataset, inspection, form=form, upload_form=upload_form)


def _progress(dataset: Dataset) -> dict:
    """Where an import stands: done and total rows, percent, finished or not."""
    finished = dataset.status in FINISHED
    if finished:
        return {"finished": True, "done": dataset.rows, "total": dataset.rows,
                "percent": 100 if dataset.status == Dataset.Status.IMPORTED else dataset.progress}
    live = read_progress(dataset) if dataset.status == Dataset.Status.RUNNING else None
    if live is None:
        report = dataset.report if isinstance(dataset.report, dict) else {}
        live = {"done": report.get("done") or 0, "total": report.get("total") or 0,
                "percent": dataset.progress}
    return {"finished": False, **live}


def _progress_context(request, dataset: Dataset) -> dict:
    state = _progress(dataset)
    return {
        "dataset": dataset, **state,
        "report": _report(dataset) if state["finished"] else None,
        "links": _links(request.plan.slug, dataset) if state["finished"] else [],
    }


def _progress_etag(request, dataset_id):
    dataset = Dataset.objects.filter(plan=request.plan, pk=dataset_id).first()
    if dataset is None:
        return None
    state = _progress(dataset)
    parts = (dataset.pk, dataset.status, state["percent"], state["done"], state["total"],
             dataset.finished_at.timestamp() if dataset.finished_at else "",
             getattr(request, "LANGUAGE_CODE", ""))
    return "-".join(str(p) for p in parts)


@plan_view(*IMPORTERS)
def status(request, dataset_id):
    dataset = _dataset(request, dataset_id)
    if dataset.status == Dataset.Status.PENDING:  # not started: the mapping comes first
        return redirect("consult_import:mapping", request.plan.slug, dataset.pk)
    return render(request, "consultations/import/status.html",
                  _progress_context(request, dataset))


@plan_view(*IMPORTERS)
@condition(etag_func=_progress_etag)
def progress(request, dataset_id):
    """The progress fragment polled by htmx: 304 while nothing changed; once the import has
    finished, the report without `hx-trigger`, which stops the polling."""
    dataset = _dataset(request, dataset_id)
    response = render(request, "consultations/import/_progress.html",
                      _progress_context(request, dataset))
    response["Cache-Control"] = "private, no-cache"
    return response
