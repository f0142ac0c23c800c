"""Agreement: blind double coding samples, their figures, and resolving disagreements.

Who may do what (also stated on the pages):
- coordinators make and close samples;
- coordinators and analysts see the list, a sample's page and resolve disagreements; while a
  sample is open its two coders see only their own progress until both have finished (see
  analysis.queries.agreement for the full rule).
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wpsnap.consultations.forms import StatementFilterForm
from wpsnap.core.authz import plan_view
from wpsnap.core.forms import apply_errors
from wpsnap.plans.models import Member, Role

from ..models import AgreementSample
from ..queries import agreement as q
from ..services import agreement as services

COORDINATOR = Role.COORDINATOR
WORKSPACE = (Role.COORDINATOR, Role.ANALYST)


def _posted(request):
    return request.POST if request.method == "POST" else None


class CoderField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        name = user.get_full_name()
        return f"{name} ({user.get_username()})" if name else user.get_username()


class SampleForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200,
                            help_text=gettext_lazy("e.g. “Pilot double coding, Battambang”."))
    coder_a = CoderField(label=gettext_lazy("First coder"), queryset=None)
    coder_b = CoderField(label=gettext_lazy("Second coder"), queryset=None)
    size = forms.IntegerField(label=gettext_lazy("Number of Statements"), min_value=1,
                              max_value=services.MAX_SIZE, initial=30,
                              help_text=gettext_lazy(
                                  "Chosen at random among the Statements that match the filters "
                                  "below, those not yet coded first. 10 to 20 per cent of the "
                                  "Statements, or at least 30, is usual."))

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(
            pk__in=Member.objects.filter(plan=plan, role__in=WORKSPACE).values("user_id")
        ).order_by("username")
        self.fields["coder_a"].queryset = users
        self.fields["coder_b"].queryset = users


def _sample(request, sample_id) -> AgreementSample:
    return get_object_or_404(AgreementSample.objects.select_related("coder_a", "coder_b"),
                             plan=request.plan, pk=sample_id)


def _context(request, **extra) -> dict:
    return {"workspace": True, "is_coordinator": request.member.role == COORDINATOR, **extra}


def _coding_queue_url(plan) -> str | None:
    try:
        return reverse("analyse:coding_queue", args=[plan.slug])
    except Exception:  # noqa: BLE001 - the coding part may not be routed yet
        return None


@plan_view(*WORKSPACE)
def agreement_list(request):
    rows = []
    for sample in (AgreementSample.objects.filter(plan=request.plan)
                   .select_related("coder_a", "coder_b")):
        prog = q.progress(sample)
        visible = q.figures_visible(sample, request.member, prog)
        blind = q.is_coder(sample, request.user) and not visible
        figures = q.sample_figures(sample) if visible and (
            prog.finished or sample.status == AgreementSample.Status.RESOLVED) else None
        rows.append({"sample": sample, "progress": prog, "blind": blind,
                     "is_a": sample.coder_a_id == request.user.pk,
                     "figures": figures,
                     "reading": q.reading(figures.kappa) if figures else ""})
    return render(request, "analysis/agreement/list.html", _context(request, rows=rows))


@plan_view(COORDINATOR, methods=("GET", "POST"))
def agreement_create(request):
    form = SampleForm(_posted(request), plan=request.plan)
    filters = StatementFilterForm(_posted(request), plan=request.plan)
    if request.method == "POST" and form.is_valid() and filters.is_valid():
        data = form.cleaned_data
        try:
            sample = services.create_sample(
                request.plan, title=data["title"], coder_a=data["coder_a"],
                coder_b=data["coder_b"], size=data["size"], filters=filters.cleaned_data,
                by=request.user)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The sample was made. Each coder finds it in the coding "
                                        "queue; neither sees the other's Codes."))
            return redirect("analyse:agreement_detail", request.plan.slug, sample.pk)
    return render(request, "analysis/agreement/create.html",
                  _context(request, form=form, filters=filters))


@plan_view(*WORKSPACE)
def agreement_detail(request, sample_id):
    sample = _sample(request, sample_id)
    prog = q.progress(sample)
    visible = q.figures_visible(sample, request.member, prog)
    context = _context(request, sample=sample, progress=prog, visible=visible,
                       is_coder=q.is_coder(sample, request.user),
                       is_a=sample.coder_a_id == request.user.pk,
                       queue_url=_coding_queue_url(request.plan),
                       bands_rule=q.BANDS_RULE)
    if visible:
        rows = q.statement_rows(sample)
        figures = q.sample_figures(sample)
        codes = q.codes_by_key(request.plan, figures.codes)
        context.update(
            figures=figures, reading=q.reading(figures.kappa),
            code_rows=[{"code": codes.get(key), "key": key, "c": c, "reading": q.reading(c.kappa)}
                       for key, c in figures.codes.items()],
            disagreements=[r for r in rows if r.disagrees],
            summary=q.summary(sample, rows))
    return render(request, "analysis/agreement/detail.html", context)


@plan_view(*WORKSPACE, methods=("GET", "POST"))
def agreement_resolve(request, sample_id, statement_id):
    sample = _sample(request, sample_id)
    statement = get_object_or_404(q.sample_statements(sample).select_related(
        "participant", "consultation"), pk=statement_id)
    if not q.figures_visible(sample, request.member):
        messages.info(request, _("You can see the other coder's Codes and resolve once both "
                                 "coders have coded every Statement of the sample."))
        return redirect("analyse:agreement_detail", request.plan.slug, sample.pk)
    row = next(r for r in q.statement_rows(sample) if r.statement.pk == statement.pk)
    code_ids = row.codes_a | row.codes_b
    codes = sorted(q.codes_by_id(code_ids).values(), key=lambda c: (c.order, c.key))
    final = list(statement.codings.filter(sample__isnull=True).select_related("code"))
    error = None
    if request.method == "POST":
        if sample.status != AgreementSample.Status.OPEN:
            error = _("This sample is closed; its Statements are coded in the ordinary coding "
                      "workspace now.")
        else:
            chosen = [c for c in codes if str(c.pk) in request.POST.getlist("codes")]
            try:
                services.resolve_statement(sample, statement, chosen, request.user)
            except ValidationError as exc:
                error = " ".join(exc.messages)
            else:
                messages.success(request, _("The final coding of this Statement was saved."))
                nxt = q.next_disagreement(sample, statement.pk)
                if nxt is not None:
                    response = redirect("analyse:agreement_resolve", request.plan.slug,
                                        sample.pk, nxt.statement.pk)
                else:
                    messages.info(request, _("No disagreement is left to resolve."))
                    response = redirect("analyse:agreement_detail", request.plan.slug, sample.pk)
                response["HX-Trigger"] = "codings-changed"
                return response
    if request.method == "POST" and "codes" in request.POST:
        ticked = {int(v) for v in request.POST.getlist("codes") if v.isdigit()}
    elif row.resolved:
        ticked = {c.code_id for c in final if c.code_id in code_ids}
    else:
        ticked = row.agreed
    options = [{"code": c, "a": c.pk in row.codes_a, "b": c.pk in row.codes_b,
                "agree": (c.pk in row.codes_a) == (c.pk in row.codes_b),
                "ticked": c.pk in ticked} for c in codes]
    return render(request, "analysis/agreement/resolve.html", _context(
        request, sample=sample, statement=statement, row=row, options=options, final=final,
        error=error, show_codes=True, next_row=q.next_disagreement(sample, statement.pk)))


@plan_view(COORDINATOR, methods=("POST",))
def agreement_close(request, sample_id):
    sample = _sample(request, sample_id)
    try:
        services.close_sample(sample, request.user, force=request.POST.get("force") == "1")
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The sample is closed. Its final coding is in the Plan's "
                                    "coding now."))
    return redirect("analyse:agreement_detail", request.plan.slug, sample.pk)

