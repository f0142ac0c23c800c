"""Findings: the list, writing and editing (both languages side by side), the detail page with
Strength, Evidence and its disaggregation, status moves, Revisions, and attaching Evidence from
any page.

Every Member reads Findings; coordinators and analysts write them. Outside the workspace,
Participant codes are never shown, Statements of people who agreed to analysis only are not
listed, and small counts show as "<5".
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from wpsnap.consultations.queries import in_workspace
from wpsnap.core.authz import plan_view
from wpsnap.core.forms import apply_errors
from wpsnap.plans.models import Role

from ..forms_findings import EvidenceSearchForm, FindingFilterForm, FindingForm
from ..models import Evidence, Finding
from ..queries import findings as queries
from ..services import findings as services

WRITERS = (Role.COORDINATOR, Role.ANALYST)


def _finding(request, finding_key) -> Finding:
    return get_object_or_404(Finding.objects.select_related("created_by"), plan=request.plan,
                             key=finding_key)


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _posted(request):
    return request.POST if request.method == "POST" else None


# --- List ---------------------------------------------------------------------------------------

@plan_view()
def finding_list(request):
    params = {k: v for k, v in request.GET.items() if v}
    form = FindingFilterForm(params or None)
    data = {}
    if form.is_bound:
        form.is_valid()
        data = {k: v for k, v in form.cleaned_data.items() if k not in form.errors}
    findings, found = queries.filter_findings(request.plan, data)
    rows = [{"finding": f, "strength": found[f.pk], "categories": queries.categories(f)}
            for f in findings]
    return render(request, "analysis/findings/list.html", {
        "form": form,
        "rows": rows,
        "filtered": bool(data and any(data.values())),
        "total": Finding.objects.filter(plan=request.plan).count(),
        "workspace": in_workspace(request.member),
        "rule": queries.STRENGTH_RULE,
    })


# --- Create and edit ----------------------------------------------------------------------------

def _form_values(form) -> dict:
    d = form.cleaned_data
    return {"title_en": d["title_en"], "title_km": d["title_km"], "text_en": d["text_en"],
            "text_km": d["text_km"], "kind": d["kind"], "pillars": list(d["pillars"]),
            "security_issues": list(d["security_issues"]), "alignments": list(d["alignments"]),
            "note": d.get("note", "")}


@plan_view(*WRITERS, methods=("GET", "POST"))
def finding_create(request):
    plan = request.plan
    statement_id = request.POST.get("statement") or request.GET.get("statement")
    statement = queries.visible_statement(plan, statement_id) if statement_id else None
    form = FindingForm(_posted(request), plan=plan)
    if statement_id and statement is None:
        form.add_error(None, _("The Statement to attach was not found in this Plan (or the "
                               "person who said it withdrew consent); the Finding will be "
                               "written without it."))
    if request.method == "POST" and form.is_valid() and not (statement_id and statement is None):
        try:
            finding = services.create_finding(plan, by=request.user, statement=statement,
                                              **_form_values(form))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if statement is not None:
                messages.success(request, _("%(key)s written, with %(ref)s as its first "
                                            "evidence.") % {"key": finding.key, "ref": statement})
            else:
                messages.success(request, _("%(key)s written.") % {"key": finding.key})
            return redirect("analyse:finding_detail", plan.slug, finding.key)
    return render(request, "analysis/findings/form.html", {
        "form": form, "finding": None, "statement": statement,
        "workspace": True,
    })


@plan_view(*WRITERS, methods=("GET", "POST"))
def finding_edit(request, finding_key):
    finding = _finding(request, finding_key)
    initial = {
        "title_en": finding.title_en, "title_km": finding.title_km, "text_en": finding.text_en,
        "text_km": finding.text_km, "kind": finding.kind,
        "pillars": list(finding.pillars.all()), "security_issues":
            list(finding.security_issues.all()), "alignments": list(finding.alignments.all()),
    }
    form = FindingForm(_posted(request), initial=initial, plan=request.plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_finding(finding, by=request.user, **_form_values(form))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("%(key)s saved.") % {"key": finding.key})
            return redirect("analyse:finding_detail", request.plan.slug, finding.key)
    return render(request, "analysis/findings/form.html", {
        "form": form, "finding": finding, "statement": None, "workspace": True,
    })


# --- Detail -------------------------------------------------------------------------------------

@plan_view()
def finding_detail(request, finding_key):
    finding = _finding(request, finding_key)
    member = request.member
    workspace = in_workspace(member)
    search_form = EvidenceSearchForm(request.GET or None)
    results = []
    if workspace and search_form.is_bound and search_form.is_valid():
        results = queries.search_for_evidence(finding, member, search_form.cleaned_data["q"])
    return render(request, "analysis/findings/detail.html", {
        "finding": finding,
        "strength": queries.strength(finding),
        "rule": queries.STRENGTH_RULE,
        "evidence": list(queries.evidence_list(finding, member)),
        "withdrawn": queries.hidden_evidence_count(finding) if workspace else 0,
        "disaggregation": queries.disaggregation(finding, suppressed=not workspace),
        "quotes": queries.quotes(finding),
        "categories": queries.categories(finding),
        "pillars": list(finding.pillars.all()),
        "security_issues": list(finding.security_issues.all()),
        "alignments": list(finding.alignments.select_related("framework")),
        "moves": [(s, Finding.Status(s).label)
                  for s in services.allowed_moves(finding, member.role)],
        "revision_count": finding.revisions.count(),
        "workspace": workspace,
        "search_form": search_form,
        "results": results,
        "searched": search_form.is_bound,
    })


@plan_view(*WRITERS, methods=("POST",))
def finding_status(request, finding_key):
    finding = _finding(request, finding_key)
    status = request.POST.get("status", "")
    if not status:
        messages.error(request, _("Choose the status to move the Finding to."))
    else:
        try:
            finding = services.set_status(finding, status, request.user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("%(key)s is now “%(status)s”.") % {
                "key": finding.key, "status": finding.get_status_display()})
    return redirect("analyse:finding_detail", request.plan.slug, finding.key)


@plan_view()
def finding_revisions(request, finding_key):
    finding = _finding(request, finding_key)
    return render(request, "analysis/findings/revisions.html", {
        "finding": finding,
        "history": queries.revision_history(finding),
        "workspace": in_workspace(request.member),
    })


# --- Evidence -----------------------------------------------------------------------------------

def _safe_next(request) -> str | None:
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                   require_https=request.is_secure()):
        if target.startswith("/") and not target.startswith("//"):
            return target
    return None


@plan_view(*WRITERS, methods=("POST",))
def evidence_attach(request):
    plan = request.plan
    finding = services.finding_by_key(plan, request.POST.get("finding", ""))
    statement = queries.visible_statement(plan, request.POST.get("statement"))
    coding_id = request.POST.get("coding")
    coding = services.coding_of_plan(plan, coding_id) if coding_id else None
    target = _safe_next(request)
    evidence, error = None, None
    if finding is None:
        error = _("Choose a Finding of this Plan to attach the Statement to.")
    elif statement is None:
        error = _("That Statement was not found in this Plan, or the person who said it "
                  "withdrew consent.")
    elif coding_id and coding is None:
        error = _("That Coding was not found in this Plan.")
    else:
        try:
            evidence = services.attach_evidence(finding, statement, coding=coding,
                                                by=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    if evidence is not None:
        text = (_("%(ref)s is now evidence for %(key)s.") if evidence.created else
                _("%(ref)s was already evidence for %(key)s.")) % {
            "ref": statement, "key": finding.key}
    else:
        text = error
    if _is_htmx(request):
        response = render(request, "analysis/findings/_attached.html", {
            "ok": evidence is not None, "text": text, "finding": finding})
        if evidence is not None:
            response["HX-Trigger"] = "evidence-changed"
        return response
    (messages.success if evidence is not None else messages.error)(request, text)
    if target:
        return redirect(target)
    if finding is not None:
        return redirect("analyse:finding_detail", plan.slug, finding.key)
    return redirect("analyse:finding_list", plan.slug)


@plan_view(*WRITERS, methods=("POST",))
def evidence_remove(request, finding_key, evidence_id):
    finding = _finding(request, finding_key)
    evidence = get_object_or_404(Evidence, finding=finding, pk=evidence_id)
    ref = str(evidence.statement)
    services.remove_evidence(evidence, by=request.user)
    messages.success(request, _("%(ref)s is no longer evidence for %(key)s.") % {
        "ref": ref, "key": finding.key})
    target = _safe_next(request)
    return redirect(target or reverse("analyse:finding_detail",
                                      args=[request.plan.slug, finding.key]))
