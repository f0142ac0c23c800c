"""After the workshop: the validation report, deciding on Amendments, applying an outcome to a
Finding's status, and the exports.

Who may do what:
- every Member reads the report; outside the workspace (coordinator, analyst) the votes by
  stakeholder group, sex and province show small cells as "<5";
- facilitators and coordinators (who moderate) see every Comment and Amendment with its
  moderation state, and decide on Amendments; others see what the room may see (approved
  ones; when the Workshop does not moderate, all but hidden ones);
- coordinators and analysts (who may move a Finding's status) apply the outcome;
- exports: the votes (one row per Attendee, with self-declared attributes) to the workspace only;
  the Comments and Amendments also to facilitators.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wpsnap.core.authz import plan_view
from wpsnap.core.exports import csv_bytes
from wpsnap.core.forms import apply_errors
from wpsnap.plans.models import Role

from ..models import AgendaItem, Amendment, Workshop
from ..queries import report as queries
from ..services import report as services

DECIDERS = (Role.FACILITATOR, Role.COORDINATOR)
STATUS_SETTERS = (Role.COORDINATOR, Role.ANALYST)
WORKSPACE = (Role.COORDINATOR, Role.ANALYST)


def _workshop(request, workshop_id) -> Workshop:
    return get_object_or_404(Workshop, plan=request.plan, pk=workshop_id)


def _item(workshop, item_id) -> AgendaItem:
    return get_object_or_404(AgendaItem.objects.select_related("finding", "workshop"),
                             workshop=workshop, pk=item_id)


def _context(request, workshop, report, **extra) -> dict:
    role = request.member.role
    return {"workshop": workshop, "report": report, "verdicts": queries.verdict_labels(),
            "can_decide": role in DECIDERS, "can_apply": role in STATUS_SETTERS,
            "can_export_votes": role in WORKSPACE,
            "can_export_comments": role in (*WORKSPACE, Role.FACILITATOR), **extra}


@plan_view()
def report(request, workshop_id):
    workshop = _workshop(request, workshop_id)
    found = queries.workshop_report(workshop, request.member)
    return render(request, "validation/report/report.html", _context(request, workshop, found))


@plan_view()
def report_item(request, workshop_id, item_id):
    workshop = _workshop(request, workshop_id)
    item = _item(workshop, item_id)
    found = queries.workshop_report(workshop, request.member, item=item)
    return render(request, "validation/report/item.html", _context(
        request, workshop, found, entry=found.items[0]))


class DecisionForm(forms.Form):
    title_en = forms.CharField(label=gettext_lazy("Title (English)"), required=False,
                               max_length=300)
    title_km = forms.CharField(label=gettext_lazy("Title (Khmer)"), required=False,
                               max_length=300)
    text_en = forms.CharField(label=gettext_lazy("Text (English)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 5}))
    text_km = forms.CharField(label=gettext_lazy("Text (Khmer)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("title_km", "text_km"):
            self.fields[name].widget.attrs["lang"] = "km"
        for name in ("title_en", "text_en"):
            self.fields[name].widget.attrs["lang"] = "en"


@plan_view(*DECIDERS, methods=("GET", "POST"))
def amendment_decide(request, workshop_id, amendment_id):
    workshop = _workshop(request, workshop_id)
    amendment = get_object_or_404(
        Amendment.objects.select_related("item__finding", "item__workshop", "revision",
                                         "decided_by"),
        item__workshop=workshop, pk=amendment_id)
    if amendment.item.finding_id is None:
        raise Http404
    if request.method == "POST":
        form = DecisionForm(request.POST)
        action = request.POST.get("action", "")
        if form.is_valid():
            try:
                amendment = services.decide_amendment(amendment, action, by=request.user,
                                                      wording=form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                if amendment.outcome == Amendment.Outcome.ACCEPTED:
                    messages.success(request, _(
                        "The amendment was accepted: %(key)s has a new revision.") % {
                            "key": amendment.item.finding.key})
                else:
                    messages.success(request, _("The amendment was declined."))
                return redirect("validate:report_item", request.plan.slug, workshop.pk,
                                amendment.item_id)
    else:
        form = DecisionForm(initial=services.proposed_wording(amendment))
    return render(request, "validation/report/amendment_decide.html", {
        "workshop": workshop, "amendment": amendment, "finding": amendment.item.finding,
        "form": form, "language": services.amendment_language(amendment),
        "decided": amendment.outcome != Amendment.Outcome.OPEN})



@plan_view(*STATUS_SETTERS, methods=("POST",))
def apply_outcome(request, workshop_id, item_id):
    workshop = _workshop(request, workshop_id)
    item = _item(workshop, item_id)
    try:
        finding = services.apply_outcome(item, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("%(key)s is now “%(status)s”.") % {
            "key": finding.key, "status": finding.get_status_display()})
    return redirect("validate:report_item", request.plan.slug, workshop.pk, item.pk)


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@plan_view(*WORKSPACE)
def export_votes(request, workshop_id):
    workshop = _workshop(request, workshop_id)
    header, rows = queries.vote_rows(workshop)
    return _download(csv_bytes(header, rows), "text/csv; charset=utf-8",
                     f"{request.plan.slug}-workshop-{workshop.pk}-votes.csv")


@plan_view(*WORKSPACE, Role.FACILITATOR)
def export_comments(request, workshop_id):
    workshop = _workshop(request, workshop_id)
    header, rows = queries.comment_rows(workshop)
    name = f"{request.plan.slug}-workshop-{workshop.pk}-comments"
    if request.GET.get("format") == "xlsx":
        return _download(
            queries.xlsx_bytes(header, rows, title="comments"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", f"{name}.xlsx")
    return _download(csv_bytes(header, rows), "text/csv; charset=utf-8", f"{name}.csv")
