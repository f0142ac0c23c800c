"""The coding assistant: its status and honest quality figures, retraining in the background
with a progress bar, and the suggestions fragment of the coding workspace with Accept / Reject.
Coordinators and analysts only."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from wpsnap.consultations.queries import in_workspace, visible_statements
from wpsnap.core.authz import plan_view
from wpsnap.plans.models import Role

from ..models import Code, Suggester
from ..queries import suggest as queries
from ..services import suggest as services

WORKSPACE = (Role.COORDINATOR, Role.ANALYST)
FINISHED = (Suggester.Status.READY, Suggester.Status.FAILED)


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


TRUST = [
    # (lowest macro F1, plain words)
    (0.8, _lazy("The assistant is usually right on this Plan's codings. Still read each "
                "Statement: it only suggests, you decide.")),
    (0.6, _lazy("The assistant is often right, but misses or mistakes some Codes. Check every "
                "suggestion before you accept it.")),
    (0.0, _lazy("The assistant is often wrong so far. Treat its suggestions as hints only; "
                "it gets better as you code more Statements and retrain it.")),
]
NO_FIGURES = _lazy("There are not yet enough codings to measure the assistant. Until then its "
                   "suggestions come mostly from the Codes' descriptions and keywords: "
                   "hints only.")


def trust_note(metrics: dict) -> str:
    macro = (metrics or {}).get("macro_f1")
    if macro is None:
        return str(NO_FIGURES)
    return next(str(text) for lowest, text in TRUST if macro >= lowest)


def _progress_context(suggester: Suggester | None) -> dict:
    return {"training": suggester,
            "running": suggester is not None and suggester.status not in FINISHED}


@plan_view(*WORKSPACE)
def suggester(request):
    plan = request.plan
    current = queries.current(plan)
    latest = queries.latest(plan)
    metrics = services.figures(current)
    return render(request, "analysis/suggest/suggester.html", {
        "workspace": in_workspace(request.member),
        "current": current,
        "metrics": metrics,
        "rows": queries.quality_rows(plan, metrics),
        "trust": trust_note(metrics),
        "min_support": metrics.get("min_support") or 5,
        **_progress_context(latest if latest and latest != current else None),
    })


@plan_view(*WORKSPACE, methods=("POST",))
def suggester_retrain(request):
    suggester, started = services.start_training(request.plan, by=request.user)
    if started:
        if suggester.status == Suggester.Status.READY:
            messages.success(request, _("The assistant was retrained."))
        elif suggester.status == Suggester.Status.FAILED:
            messages.error(request, suggester.error or _("The training failed."))
        else:
            messages.info(request, _("The assistant is being retrained. You may go on coding "
                                     "meanwhile."))
    elif suggester.status == Suggester.Status.FAILED:
        messages.error(request, suggester.error or _("The training could not be started."))
    else:
        messages.info(request, _("The assistant is already being retrained."))
    return redirect("analyse:suggester", request.plan.slug)


@plan_view(*WORKSPACE)
def suggester_progress(request, suggester_id):
    """The progress bar fragment polled every second by htmx while training (JSON with
    ?format=json); once finished it asks the page to reload so the new figures show."""
    suggester = get_object_or_404(Suggester, plan=request.plan, pk=suggester_id)
    finished = suggester.status in FINISHED
    if request.GET.get("format") == "json" or "application/json" in request.headers.get(
            "Accept", ""):
        return JsonResponse({"id": suggester.pk, "status": suggester.status,
                             "progress": suggester.progress, "finished": finished,
                             "error": suggester.error})
    response = render(request, "analysis/suggest/_progress.html",
                      _progress_context(suggester))
    response["Cache-Control"] = "private, no-cache"
    if finished and _is_htmx(request):
        response["HX-Refresh"] = "true"
    return response


def _statement(request, statement_id):
    return get_object_or_404(visible_statements(request.plan), pk=statement_id)


def _fragment(request, statement, error: str = ""):
    from ..services.coding import blind_sample

    blind = blind_sample(request.plan, statement, request.user)
    suggestions = [] if blind else services.suggest(request.plan, statement, user=request.user)
    return render(request, "analysis/suggest/_suggestions.html", {
        "s": statement, "suggestions": suggestions, "blind": blind, "error": error,
        "has_model": services.current(request.plan) is not None,
    })


@plan_view(*WORKSPACE)
def suggestions(request, statement_id):
    response = _fragment(request, _statement(request, statement_id))
    response["Cache-Control"] = "private, no-cache"
    return response


def _coding_url(request, statement_id) -> str:
    try:
        return reverse("analyse:coding_statement", args=[request.plan.slug, statement_id])
    except NoReverseMatch:
        return reverse("analyse:suggester", args=[request.plan.slug])


@plan_view(*WORKSPACE, methods=("POST",))
def suggestion_decide(request, statement_id):
    statement = _statement(request, statement_id)
    accepted = request.POST.get("accepted")
    key = (request.POST.get("code") or "").strip()
    code = Code.objects.filter(plan=request.plan, key=key).first() if key else None
    error, done = "", None
    if code is None or accepted not in ("0", "1"):
        error = _("Choose a suggestion and whether to accept or reject it.")
    else:
        try:
            services.decide(request.plan, statement, code, accepted=accepted == "1",
                            by=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            label = code.t("label")
            done = (_("Accepted “%(code)s”.") if accepted == "1"
                    else _("Rejected “%(code)s”; it will not be suggested again for this "
                           "Statement.")) % {"code": label}
    if _is_htmx(request):
        response = _fragment(request, statement, error=error)
        if done:
            response["HX-Trigger"] = "codings-changed"
        return response
    if error:
        messages.error(request, error)
    else:
        messages.success(request, done)
    return redirect(_coding_url(request, statement.pk))
