"""Back office: running a Workshop — the facilitator's control panel, the projector view, the
live fragment both poll, and the moderation queue.

The live fragment is polled every 2 s by htmx with a conditional request: the view computes an
ETag from one aggregate query (queries.results.live_signature) and answers 304 with no body when
the page already shows the current state. The pages' script sends If-None-Match itself (htmx does
not) and keeps the page as it is on a 304; the response also carries `Cache-Control: no-cache`,
so a browser without the script revalidates from its own HTTP cache.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wpsnap.core.authz import plan_view
from wpsnap.core.bilingual import ui_in_both
from wpsnap.plans.models import Role

from ..models import AgendaItem, Amendment, Comment, Vote, Workshop
from ..queries.attendance import visible_comments
from ..queries.results import (
    connected_attendees,
    connected_bucket,
    etag_for,
    item_counts,
    live_signature,
    moderation_queue,
    pending_moderation,
    workshop_counts,
)
from ..services import running

RUNNING = (Role.FACILITATOR, Role.COORDINATOR)
LIVE_CACHE_CONTROL = "no-cache, private"
BAR_WIDTH = 620  # px of the longest bar in the chart's 1200-wide viewBox


def _workshop(request, workshop_id) -> Workshop:
    return get_object_or_404(
        Workshop.objects.select_related("current_item", "current_item__finding", "consultation"),
        plan=request.plan, pk=workshop_id)


def _url(name: str, *args) -> str:
    """A route of another part, or "" while that part is not installed."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _links(plan, workshop) -> dict:
    args = (plan.slug, workshop.pk)
    return {
        "detail": _url("validate:workshop_detail", *args),
        "state": _url("validate:workshop_state", *args),
        "qr": _url("validate:workshop_qr", *args),
        "report": _url("validate:report", *args),
    }


def _join_url(request, workshop) -> str:
    try:
        from ..services.setup import join_url
    except ImportError:  # pragma: no cover - the set-up part ships join_url
        return request.build_absolute_uri(f"/w/{workshop.join_code}/")
    return join_url(request, workshop)


def _both(label) -> dict:
    """A lazy UI label in Khmer and in English (the projector shows both)."""
    en, km = ui_in_both(label)
    return {"km": km if km != en else "", "en": en}  # no Khmer until the catalogue has it


def _bars(item: AgendaItem, counts: dict[str, int]) -> list[dict]:
    """The bars of the chart: label in both languages, count, width in % of the largest bar."""
    if item.finding_id:
        labels = [(choice, _both(label)) for choice, label in Vote.Choice.choices]
    else:
        labels = [(str(c.get("key")), {"km": c.get("label_km") or "",
                                       "en": c.get("label_en") or str(c.get("key"))})
                  for c in (item.choices or []) if c.get("key")]
    top = max(counts.values(), default=0) or 1
    total = sum(counts.values())
    bars = []
    for index, (key, label) in enumerate(labels):
        n = counts.get(key, 0)
        bars.append({"key": key, "label": label, "count": n,
                     "px": round(BAR_WIDTH * n / top),
                     "percent": round(100 * n / total) if total else 0,
                     "y": index * 90})
    return bars


def _panel_context(request, workshop: Workshop) -> dict:
    items = list(AgendaItem.objects.filter(workshop=workshop).select_related("finding")
                 .order_by("order", "id"))
    counts = workshop_counts(workshop)
    current = None
    for item in items:
        item.votes_total = sum(counts.get(item.pk, {}).values())
        item.is_current = item.pk == workshop.current_item_id
        if item.is_current:
            current = item
    index = items.index(current) if current is not None else -1
    return {
        "workshop": workshop,
        "items": items,
        "current": current,
        "has_previous": bool(items) and index != 0,
        "has_next": bool(items) and index < len(items) - 1,
        "connected": connected_bucket(connected_attendees(workshop)),
        "pending": pending_moderation(workshop),
        "links": _links(request.plan, workshop),
        "is_open": workshop.state == Workshop.State.OPEN,
    }


def _projector_context(request, workshop: Workshop) -> dict:
    item = workshop.current_item
    context = {"workshop": workshop, "item": item,
               "connected": connected_bucket(connected_attendees(workshop))}
    if item is None:
        return context
    counts = item_counts(item)
    visible = not workshop.results_hidden or item.state == AgendaItem.State.CLOSED
    bars = _bars(item, counts)
    context.update({
        "counts": counts,
        "total": sum(counts.values()),
        "results_visible": visible,
        "bars": bars,
        "chart_height": max(len(bars), 1) * 90,
        "comments": list(visible_comments(workshop, item).order_by("-created_at", "-id")[:3]),
        "choices": _bars(item, {}) if not item.finding_id else [],
    })
    return context


def _etag(request, workshop_id, scope: str) -> str:
    signature = live_signature(workshop_id, scope, plan=request.plan)
    if signature is None:
        raise Http404
    return etag_for(signature, scope, get_language() or "")


@plan_view(*RUNNING)
def facilitator(request, workshop_id):
    etag = _etag(request, workshop_id, "panel")  # before reading: a change in between repaints
    workshop = _workshop(request, workshop_id)
    context = _panel_context(request, workshop)
    context["live_url"] = reverse("validate:live", args=[request.plan.slug, workshop.pk])
    context["etag"] = etag
    return render(request, "validation/running/facilitator.html", context)


@plan_view(*RUNNING)
def projector(request, workshop_id):
    etag = _etag(request, workshop_id, "projector")
    workshop = _workshop(request, workshop_id)
    context = _projector_context(request, workshop)
    context.update({
        "join_url": _join_url(request, workshop),
        "links": _links(request.plan, workshop),
        "live_url": reverse("validate:live", args=[request.plan.slug, workshop.pk]),
        "panel_url": reverse("validate:facilitator", args=[request.plan.slug, workshop.pk]),
        "etag": etag,
    })
    return render(request, "validation/running/projector.html", context)


@plan_view(*RUNNING)
def live(request, workshop_id):
    """The part of the panel or projector that changes, with an ETag; 304 when unchanged."""
    scope = "panel" if request.GET.get("for") == "panel" else "projector"
    etag = _etag(request, workshop_id, scope)
    if etag in parse_etags(request.headers.get("If-None-Match", "")):
        response = HttpResponseNotModified()
    else:
        workshop = _workshop(request, workshop_id)
        if scope == "panel":
            response = render(request, "validation/running/_panel.html",
                              _panel_context(request, workshop))
        else:
            response = render(request, "validation/running/_projector_live.html",
                              _projector_context(request, workshop))
    response["ETag"] = etag
    response["Cache-Control"] = LIVE_CACHE_CONTROL
    patch_vary_headers(response, ["Cookie"])
    return response


def _control(workshop: Workshop, action: str, item_id: str, user) -> AgendaItem:
    item = None
    if item_id:
        item = (AgendaItem.objects.filter(workshop=workshop, pk=item_id).first()
                if item_id.isdigit() else None)
        if item is None:
            raise ValidationError(_("This item is not on this workshop's agenda."))
    if action == "next":
        return running.next_item(workshop, by=user)
    if action == "previous":
        return running.previous_item(workshop, by=user)
    if action == "goto":
        if item is None:
            raise ValidationError(_("Choose an item to go to."))
        return running.go_to(workshop, item, by=user)
    if action in ("close", "reopen"):
        item = item or workshop.current_item
        if item is None:
            raise ValidationError(_("No item is on screen yet: press Next to start."))
        item.workshop = workshop
        if action == "close":
            return running.close_item(item, by=user)
        return running.reopen_item(item, by=user)
    raise ValidationError(_("Choose Next, Previous, Close voting, Reopen or Go to."))


@plan_view(*RUNNING, methods=("POST",))
def control(request, workshop_id):
    workshop = _workshop(request, workshop_id)
    error = ""
    try:
        _control(workshop, request.POST.get("action", ""), request.POST.get("item", ""),
                  request.user)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if request.headers.get("HX-Request"):
        workshop = _workshop(request, workshop_id)
        context = _panel_context(request, workshop)
        context["error"] = error
        response = render(request, "validation/running/_panel.html", context,
                          status=200)
        response["Cache-Control"] = "no-store"
        return response
    if error:
        messages.error(request, error)
    return redirect("validate:facilitator", request.plan.slug, workshop.pk)


def _moderation_context(request, workshop: Workshop) -> dict:
    state = request.GET.get("state", "")
    if state not in ("", *Comment.State.values):
        state = ""
    return {
        "workshop": workshop,
        "rows": moderation_queue(workshop, state),
        "state": state,
        "states": Comment.State.choices,
        "pending": pending_moderation(workshop),
        "show_names": workshop.named_attendance,
        "links": _links(request.plan, workshop),
    }


@plan_view(*RUNNING)
def moderation(request, workshop_id):
    workshop = _workshop(request, workshop_id)
    return render(request, "validation/running/moderation.html",
                  _moderation_context(request, workshop))


@plan_view(*RUNNING, methods=("POST",))
def moderate(request, workshop_id):
    workshop = _workshop(request, workshop_id)
    kind = request.POST.get("kind", "")
    model = {"comment": Comment, "amendment": Amendment}.get(kind)
    error = ""
    obj_id = request.POST.get("id", "")
    if model is None or not obj_id.isdigit():
        error = _("Choose a comment or an amendment to moderate.")
    else:
        obj = get_object_or_404(model, pk=obj_id, item__workshop=workshop)
        try:
            running.moderate(obj, request.POST.get("action", ""), by=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    if error:
        messages.error(request, error)
    target = reverse("validate:moderation", args=[request.plan.slug, workshop.pk])
    state = request.POST.get("state", "")
    if state in Comment.State.values:
        target += f"?state={state}"
    return redirect(target)
