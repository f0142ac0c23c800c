"""The coding workspace: a queue of Statements, one Statement to code (by click, keyboard or
plain forms), and the fragments htmx refreshes as one codes. Coordinators and analysts only."""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from wpsnap.consultations.forms import StatementFilterForm
from wpsnap.consultations.queries import (
    in_workspace,
    keyset_page,
    questions,
    visible_statements,
)
from wpsnap.core.authz import plan_view
from wpsnap.core.forms import apply_errors
from wpsnap.plans.models import Role

from ..models import AgreementSample, Code, Coding
from ..queries import coding as queries
from ..services import coding as services

WORKSPACE = (Role.COORDINATOR, Role.ANALYST)
QUEUE_STATUSES = [("uncoded", _lazy("Not yet coded")), ("coded", _lazy("Coded")),
                  ("all", _lazy("All"))]


class QueueForm(StatementFilterForm):
    status = forms.ChoiceField(label=_lazy("Coding status"), required=False, choices=QUEUE_STATUSES)
    code = forms.ChoiceField(label=_lazy("Coded with"), required=False)
    sample = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, plan, codes, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        self.fields["code"].choices = [("", _("Any Code")),
                                       *((c.key, "\u2003" * c.depth + c.t("label"))
                                         for c in codes)]


class ApplyForm(forms.Form):
    """Apply a Code (no JavaScript: to the whole Statement, or to a span typed as numbers)."""

    code = forms.ChoiceField(label=_lazy("Code"))
    start = forms.IntegerField(label=_lazy("From character"), required=False, min_value=0)
    end = forms.IntegerField(label=_lazy("To character"), required=False, min_value=0)
    memo = forms.CharField(label=_lazy("Memo"), required=False, max_length=services.MEMO_MAX,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, codes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = [("", "—"), *((c.key, "\u2003" * c.depth + c.t("label"))
                                                    for c in codes)]


class TranslationForm(forms.Form):
    translation = forms.CharField(label=_lazy("Translation"), required=False,
                                  max_length=services.TRANSLATION_MAX,
                                  widget=forms.Textarea(attrs={"rows": 4}))


# --- The queue's state, carried in the query string (filter values and ids only) ---------------

class QueueState:
    def __init__(self, request, codes):
        plan, user = request.plan, request.user
        params = request.GET.copy()
        for name in ("after", "before"):
            params.pop(name, None)
        self.filters = {k: v for k, v in params.items() if v and k in QueueForm.base_fields}
        self.form = QueueForm(self.filters or None, plan=plan, codes=codes,
                              initial={"status": "uncoded"})
        data = {}
        if self.form.is_bound:
            self.form.is_valid()
            data = {k: v for k, v in self.form.cleaned_data.items() if k not in self.form.errors}
        self.sample = None
        if self.filters.get("sample"):
            self.sample = queries.sample_of_coder(plan, user, self.filters["sample"])
        self.status = data.get("status") or "uncoded"
        self.code = None
        if data.get("code"):
            self.code = Code.objects.filter(plan=plan, key=data["code"]).first()
        filters = {k: data.get(k) for k in StatementFilterForm.base_fields}
        self.queue = queries.queue(plan, user, filters, sample=self.sample,
                                   status="" if self.status == "all" else self.status,
                                   code=self.code)
        self.query = urlencode(self.filters)
        self.consultation = data.get("consultation")

    def suffix(self) -> str:
        return f"?{self.query}" if self.query else ""


def _statement(request, statement_id):
    return get_object_or_404(
        visible_statements(request.plan).select_related(
            "consultation", "participant__area", "participant__consent"),
        pk=statement_id)


def _statement_url(request, statement_id, state) -> str:
    return reverse("analyse:coding_statement",
                   args=[request.plan.slug, statement_id]) + state.suffix()


def _panel_context(request, statement, state) -> dict:
    plan, user = request.plan, request.user
    blind = services.blind_sample(plan, statement, user)
    codings = list(queries.visible_codings(plan, user, statement))
    hidden_final = 0
    if blind is not None:
        own = [c for c in codings if c.sample_id == blind.pk]
        hidden_final = len(codings) - len(own)
        codings = own
        counted = queries.layer(plan, user, blind)
    else:
        counted = queries.layer(plan, user, None)
    counted = counted.filter(statement__in=visible_statements(plan))
    for c in codings:
        c.statement = statement  # already loaded; spares a query per Coding
        c.span = queries.span_text(c)
    return {
        "plan": plan,
        "s": statement,
        "blind": blind,
        "codings": codings,
        "hidden_final": hidden_final,
        "segments": queries.segments(statement.text, codings),
        "code_counts": queries.code_counts(counted),
        "progress": queries.progress(state.queue),
        "state": state,
        "text_length": len(statement.text),
    }


def _page_context(request, statement, state, codes, apply_form=None, translation_form=None):
    plan = request.plan
    # Next: the next Statement still in the queue (e.g. not yet coded); Previous: the one
    # before in the queue without the coded filter, so one can go back to what one just coded.
    _prev, next_id = queries.neighbours(state.queue.statements, statement.pk)
    prev_id, _next = queries.neighbours(state.queue.base, statement.pk)
    ctx = _panel_context(request, statement, state)
    number = queries.number_codes(codes)
    ctx.update({
        "workspace": in_workspace(request.member),
        "codes": number,
        "apply_form": apply_form or ApplyForm(codes=codes),
        "translation_form": translation_form or TranslationForm(
            initial={"translation": statement.translation}),
        "prev_url": _statement_url(request, prev_id, state) if prev_id else None,
        "next_url": _statement_url(request, next_id, state) if next_id else None,
        "queue_url": reverse("analyse:coding_queue", args=[plan.slug]) + state.suffix(),
        "evidence_tag": _has_evidence_tag(),
    })
    return ctx


def _has_evidence_tag() -> bool:
    """H5's {% attach_evidence %} tag, when its library is there."""
    from django.template import engines

    try:
        libraries = engines["django"].engine.template_libraries
    except (KeyError, AttributeError):
        return False
    library = libraries.get("findings")
    return bool(library and "attach_evidence" in library.tags)


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _status(request, *, message="", errors=(), changed=False):
    response = render(request, "analysis/coding/_status.html",
                      {"message": message, "errors": list(errors)})
    if changed:
        response["HX-Trigger"] = "codings-changed"
    return response


def _error_messages(exc: ValidationError) -> list[str]:
    return list(exc.messages)


# --- Views --------------------------------------------------------------------------------------

@plan_view(*WORKSPACE)
def coding_queue(request):
    plan = request.plan
    codes = queries.code_list(plan)
    state = QueueState(request, codes)
    after = _int(request.GET.get("after"))
    before = _int(request.GET.get("before"))
    page = keyset_page(state.queue.statements.only("id", "text", "language"),
                       after=after, before=before)
    queries.with_coding_counts(page.items, state.queue.codings)
    for s in page.items:
        s.excerpt = queries.excerpt(s.text)
    samples = (AgreementSample.objects.filter(plan=plan, status=AgreementSample.Status.OPEN)
               .filter(pk__in=_coder_samples(plan, request.user)))
    return render(request, "analysis/coding/queue.html", {
        "workspace": True,
        "form": state.form,
        "state": state,
        "page": page,
        "progress": queries.progress(state.queue),
        "questions": questions(plan, state.consultation),
        "my_samples": samples,
        "next_query": urlencode({**state.filters, "after": page.next_after})
        if page.next_after else None,
        "prev_query": urlencode({**state.filters, "before": page.prev_before})
        if page.prev_before else None,
    })


def _coder_samples(plan, user):
    return AgreementSample.objects.filter(plan=plan).filter(
        Q(coder_a=user) | Q(coder_b=user)).values("pk")


def _int(value):
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


@plan_view(*WORKSPACE)
def coding_statement(request, statement_id):
    statement = _statement(request, statement_id)
    codes = queries.code_list(request.plan)
    state = QueueState(request, codes)
    return render(request, "analysis/coding/statement.html",
                  _page_context(request, statement, state, codes))


@plan_view(*WORKSPACE)
def coding_panel(request, statement_id):
    statement = _statement(request, statement_id)
    state = QueueState(request, queries.code_list(request.plan))
    return render(request, "analysis/coding/_panel.html",
                  _panel_context(request, statement, state))


@plan_view(*WORKSPACE, methods=("POST",))
def coding_add(request, statement_id):
    statement = _statement(request, statement_id)
    codes = queries.code_list(request.plan)
    state = QueueState(request, codes)
    form = ApplyForm(request.POST, codes=codes)
    post = request.POST
    try:
        coding = services.add_coding(
            request.plan, statement, post.get("code", ""), by=request.user,
            start=post.get("start") or 0, end=post.get("end") or None,
            memo=post.get("memo", ""))
    except ValidationError as exc:
        if _is_htmx(request):
            return _status(request, errors=_error_messages(exc))
        form.is_valid()
        form.errors.clear()
        apply_errors(form, exc)
        response = render(request, "analysis/coding/statement.html",
                          _page_context(request, statement, state, codes, apply_form=form))
        response.status_code = 200
        return response
    if coding.whole:
        message = _("Coded the whole Statement as “%(code)s”.") % {"code": coding.code.t("label")}
    else:
        message = _("Coded characters %(start)s–%(end)s as “%(code)s”.") % {
            "start": coding.start, "end": coding.end, "code": coding.code.t("label")}
    if _is_htmx(request):
        return _status(request, message=message, changed=True)
    messages.success(request, message)
    return redirect(_statement_url(request, statement.pk, state))


def _coding_or_404(request, coding_id) -> Coding:
    """A Coding of the Plan the user may see (another coder's blind layer is a 404)."""
    coding = get_object_or_404(
        Coding.objects.select_related("code", "sample", "statement"),
        plan=request.plan, pk=coding_id, statement__in=visible_statements(request.plan))
    if coding.sample_id and coding.coder_id != request.user.pk:
        raise Http404
    return coding


@plan_view(*WORKSPACE, methods=("POST",))
def coding_delete(request, coding_id):
    coding = _coding_or_404(request, coding_id)
    state = QueueState(request, queries.code_list(request.plan))
    statement_id = coding.statement_id
    label = coding.code.t("label")
    try:
        services.remove_coding(coding, by=request.user)
    except ValidationError as exc:
        if _is_htmx(request):
            return _status(request, errors=_error_messages(exc))
        for m in exc.messages:
            messages.error(request, m)
        return redirect(_statement_url(request, statement_id, state))
    message = _("Removed the Code “%(code)s”.") % {"code": label}
    if _is_htmx(request):
        return _status(request, message=message, changed=True)
    messages.success(request, message)
    return redirect(_statement_url(request, statement_id, state))


@plan_view(*WORKSPACE, methods=("POST",))
def coding_memo(request, coding_id):
    coding = _coding_or_404(request, coding_id)
    state = QueueState(request, queries.code_list(request.plan))
    try:
        services.set_memo(coding, request.POST.get("memo", ""), by=request.user)
    except ValidationError as exc:
        if _is_htmx(request):
            return _status(request, errors=_error_messages(exc))
        for m in exc.messages:
            messages.error(request, m)
        return redirect(_statement_url(request, coding.statement_id, state))
    message = _("Memo saved.")
    if _is_htmx(request):
        return _status(request, message=message, changed=True)
    messages.success(request, message)
    return redirect(_statement_url(request, coding.statement_id, state))


@plan_view(*WORKSPACE, methods=("POST",))
def coding_translation(request, statement_id):
    statement = _statement(request, statement_id)
    codes = queries.code_list(request.plan)
    state = QueueState(request, codes)
    form = TranslationForm(request.POST)
    if form.is_valid():
        try:
            services.set_translation(request.plan, statement, form.cleaned_data["translation"],
                                     by=request.user)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Translation saved."))
            return redirect(_statement_url(request, statement.pk, state))
    return render(request, "analysis/coding/statement.html",
                  _page_context(request, statement, state, codes, translation_form=form))
