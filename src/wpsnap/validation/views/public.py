"""The public front for Attendees (namespace `attend`): no account, only a join code and the
device token cookie (`wpsnap_device`). These pages never show back-office data: no names, no
Participant codes, no Statements' texts; other Attendees' comments only once shown.

Rate limits (wpsnap.core.ratelimit, counted in the default cache — local memory, i.e. per server
process — for one minute; each can be changed with the setting WPSNAP_RATELIMITS):
- joining (POST /join/ and the join form of /w/<code>/): 600/m per IP address;
- unknown join codes (POST /join/ or GET /w/<code>/ of a code that opens nothing): 30/m per IP,
  so codes cannot be guessed;
- votes, comments, amendments and priorities: 60/m per device and 600/m per IP address — a
  hotel's Wi-Fi may put 100 phones behind one address.
A limited request gets a translated 429 page (or JSON with a message for the page's script).
"""

import secrets

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotModified, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wpsnap.core import ratelimit
from wpsnap.core.authz import public as public_access

from ..forms_public import AttendeeForm
from ..models import AgendaItem, Workshop
from ..queries import attendance as q
from ..services import attendance, voting

RATES = {
    "join": "600/m",
    "join_fail": "30/m",
    "write_device": "60/m",
    "write_ip": "600/m",
}


def _limited(request, name: str, key: str | None = None) -> bool:
    """Count this request against the limit `name`, per IP address unless `key` is given."""
    rate = getattr(settings, "WPSNAP_RATELIMITS", {}).get(name, RATES[name])
    if key is None:
        key = request.META.get("REMOTE_ADDR", "")
    return ratelimit.hit(name, key, rate)


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _too_many(request):
    message = _("Too many tries in a short time. Wait a minute, then try again.")
    if _wants_json(request):
        response = JsonResponse({"saved": False, "message": message}, status=429)
    else:
        response = render(request, "validation/public/too_many.html", {"message": message},
                          status=429)
    response["Retry-After"] = "60"
    return response


def _write_limited(request, attendee) -> bool:
    # Count both (no short-circuit): a device cannot dodge its limit behind a busy address.
    by_device = _limited(request, "write_device", key=f"attendee-{attendee.pk}")
    by_ip = _limited(request, "write_ip")
    return by_device or by_ip


def _new_key() -> str:
    return secrets.token_urlsafe(16)


def _activate_attendee_language(request, attendee) -> None:
    """The device's language cookie decides; without one, the language chosen when joining."""
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if attendee is None:
        return
    if request.user.is_authenticated and getattr(request.user, "language", ""):
        return  # a signed-in user's saved language wins (UserLanguageMiddleware)
    if cookie in attendance.LANGUAGES:
        attendance.set_language(attendee, cookie)
    elif attendee.language in attendance.LANGUAGES:
        translation.activate(attendee.language)
        request.LANGUAGE_CODE = attendee.language


def _set_language_cookie(response, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, language, max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE, secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=False)


def _workshop_or_404(request, join_code) -> Workshop:
    workshop = q.workshop_for_code(join_code)
    if workshop is None:
        _limited(request, "join_fail")
        raise Http404
    return workshop


def _hub_url(workshop) -> str:
    return reverse("attend:workshop", args=[workshop.join_code])


def _item_url(workshop, item_id) -> str:
    return reverse("attend:item", args=[workshop.join_code, item_id])


def _landing(workshop) -> str:
    """Where an Attendee goes after joining: the current item when following, else the
    agenda."""
    if workshop.navigation == Workshop.Navigation.FOLLOW and workshop.current_item_id:
        return _item_url(workshop, workshop.current_item_id)
    return _hub_url(workshop)


# --- Joining ------------------------------------------------------------------------------------

@public_access(methods=("GET", "POST"))
def join(request):
    """/join/: type the join code (case and spaces do not matter); /join/?code=ABCD pre-fills."""
    raw = request.POST.get("join_code") if request.method == "POST" else request.GET.get("code")
    code = q.normalize_code(raw or "")
    error = ""
    if request.method == "POST":
        if _limited(request, "join"):
            return _too_many(request)
        workshop = q.workshop_for_code(code, include_closed=False) if code else None
        if workshop is not None:
            return redirect(_hub_url(workshop))
        if _limited(request, "join_fail"):
            return _too_many(request)
        if not code:
            error = _("Enter the join code shown on the screen.")
        elif q.workshop_for_code(code) is not None:
            error = _("This workshop has ended. Thank you for taking part.")
        else:
            error = _("No open workshop has this join code. Check the code on the screen.")
    return render(request, "validation/public/join.html", {"code": code, "error": error},
                  status=400 if error else 200)


@public_access(methods=("GET", "POST"))
def workshop(request, join_code):
    """/w/<code>/, the address in the QR code. A new device chooses its language (Khmer by
    default), reads how answers are used, may say who they are, and joins; a device that
    joined sees the agenda and the item on screen now."""
    ws = _workshop_or_404(request, join_code)
    attendee = q.attendee_for(request, ws)
    if attendee is None:
        return _join_form(request, ws)
    if request.method == "POST":
        return redirect(_hub_url(ws))
    _activate_attendee_language(request, attendee)
    attendance.touch(attendee)
    items = list(q.agenda(ws))
    votes = q.my_votes(attendee)
    options = {}
    for item in items:
        item.my_choice = votes.get(item.pk, "")
        if item.my_choice:
            options = dict(q.vote_options(item))
            item.my_choice_label = options.get(item.my_choice, item.my_choice)
    return render(request, "validation/public/hub.html", {
        "workshop": ws, "attendee": attendee, "items": items,
        "current": next((i for i in items if i.pk == ws.current_item_id), None),
        "follow": ws.navigation == Workshop.Navigation.FOLLOW,
        "voted": len(votes),
    })


def _join_form(request, ws):
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    initial = {"language": cookie if cookie in attendance.LANGUAGES else "km"}
    if ws.state != Workshop.State.OPEN:
        return render(request, "validation/public/ended.html", {"workshop": ws})
    form = AttendeeForm(request.POST or None, workshop=ws, initial=initial)
    if request.method == "POST":
        if _limited(request, "join"):
            return _too_many(request)
        if form.is_valid():
            try:
                attendee, token, _created = attendance.join(
                    ws, q.device_token(request), language=form.cleaned_data["language"],
                    **form.profile())
            except ValidationError as exc:
                from wpsnap.core.forms import apply_errors

                apply_errors(form, exc)
            else:
                response = redirect(_landing(ws))
                attendance.set_device_cookie(response, request, token)
                _set_language_cookie(response, attendee.language)
                return response
    return render(request, "validation/public/workshop_join.html",
                  {"workshop": ws, "form": form}, status=400 if form.errors else 200)


def _attendee_or_join(request, join_code):
    """(workshop, attendee); attendee is None when this device has not joined (the caller
    then sends it to the join page)."""
    ws = _workshop_or_404(request, join_code)
    attendee = q.attendee_for(request, ws)
    if attendee is not None:
        attendee.workshop = ws
        _activate_attendee_language(request, attendee)
    return ws, attendee


@public_access(methods=("GET", "POST"))
def profile(request, join_code):
    """/w/<code>/about-you/: change the language and the optional profile."""
    ws, attendee = _attendee_or_join(request, join_code)
    if attendee is None:
        return redirect(_hub_url(ws))
    initial = {"language": attendee.language, "name": attendee.name,
               "stakeholder_group": attendee.stakeholder_group, "sex": attendee.sex,
               "age_band": attendee.age_band, "area": attendee.area_id or ""}
    form = AttendeeForm(request.POST or None, workshop=ws, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            attendance.update_profile(attendee, language=form.cleaned_data["language"],
                                      **form.profile())
        except ValidationError as exc:
            from wpsnap.core.forms import apply_errors

            apply_errors(form, exc)
        else:
            translation.activate(attendee.language)
            messages.success(request, _("Saved."))
            response = redirect(_hub_url(ws))
            _set_language_cookie(response, attendee.language)
            return response
    return render(request, "validation/public/profile.html",
                  {"workshop": ws, "attendee": attendee, "form": form},
                  status=400 if form.errors else 200)


# --- An agenda item -----------------------------------------------------------------------------

def _evidence_summary(strength) -> str:
    statements = ngettext("%(n)s statement", "%(n)s statements",
                          strength.statements) % {"n": strength.statements}
    people = ngettext("%(n)s person", "%(n)s people",
                      strength.participants) % {"n": strength.participants}
    groups = ngettext("%(n)s group", "%(n)s groups", strength.groups) % {"n": strength.groups}
    return _("Based on %(statements)s from %(people)s in %(groups)s") % {
        "statements": statements, "people": people, "groups": groups}


def _item_context(request, ws, attendee, item, **extra) -> dict:
    from wpsnap.core.bilingual import pick

    context = {
        "workshop": ws, "attendee": attendee, "item": item,
        "follow": ws.navigation == Workshop.Navigation.FOLLOW,
        "is_open": ws.state == Workshop.State.OPEN and item.state == AgendaItem.State.OPEN,
        "is_closed": ws.state == Workshop.State.CLOSED or item.state == AgendaItem.State.CLOSED,
        "my_choice": q.my_vote(attendee, item),
        "options": q.vote_options(item),
        "comments": list(q.visible_comments(ws, item, attendee)),
        "amendments": list(q.my_amendments(attendee, item)),
        "vote_key": _new_key(), "comment_key": _new_key(), "amend_key": _new_key(),
        "comment_text": "", "amend_text": "", "comment_error": "", "amend_error": "",
    }
    if item.finding_id:
        from wpsnap.analysis.queries.findings import strength

        context["strength"] = strength(item.finding)
        context["evidence_summary"] = _evidence_summary(context["strength"])
        wording = pick(item.finding, "text").text or pick(item.finding, "title").text
        context["amend_text"] = wording
    if q.results_visible(ws, item):
        context["results"] = q.results(item)
        context["results_total"] = sum(r["votes"] for r in context["results"])
    if not context["follow"]:
        context["previous"], context["next"] = q.neighbours(ws, item)
    context["my_choice_label"] = dict(context["options"]).get(context["my_choice"], "")
    context.update(extra)
    return context


def _item_or_404(ws, item_id) -> AgendaItem:
    item = q.item_for(ws, item_id)
    if item is None:
        raise Http404
    return item


@public_access
def item(request, join_code, item_id):
    """One Finding (or question): read it, vote, comment, propose new wording."""
    ws, attendee = _attendee_or_join(request, join_code)
    if attendee is None:
        return redirect(_hub_url(ws))
    item = _item_or_404(ws, item_id)
    attendance.touch(attendee)
    return render(request, "validation/public/item.html",
                  _item_context(request, ws, attendee, item))


def _answer(request, ws, item, *, saved: bool, message: str, status: int = 200, **data):
    """Reply to a write: JSON for the page's script, else a message and back to the item."""
    if _wants_json(request):
        return JsonResponse({"saved": saved, "message": message, **data}, status=status)
    (messages.success if saved else messages.error)(request, message)
    return redirect(_item_url(ws, item.pk) + data.get("anchor", ""))


def _write_view(request, join_code, item_id):
    """(workshop, attendee, item, early response or None) for the POST views.

    A joined device is found with its Workshop and the agenda item in one query
    (q.attendee_in); otherwise the usual path answers (404 for an unknown code, the join page
    for a new device)."""
    attendee = q.attendee_in(request, join_code, item_id)
    if attendee is not None:
        ws, item = attendee.workshop, attendee.requested_item
        _activate_attendee_language(request, attendee)
    else:
        ws, attendee = _attendee_or_join(request, join_code)
        if attendee is None:
            return ws, None, None, redirect(_hub_url(ws))
        item = q.item_in(ws, item_id)
    if item is None:
        raise Http404
    if _write_limited(request, attendee):
        return ws, attendee, item, _too_many(request)
    attendance.touch(attendee)
    return ws, attendee, item, None


@public_access(methods=("POST",))
def vote(request, join_code, item_id):
    """Cast or change a vote (an upsert: double taps and retries record once)."""
    ws, attendee, item, early = _write_view(request, join_code, item_id)
    if early is not None:
        return early
    try:
        vote, _created = voting.cast_vote(attendee, item, request.POST.get("choice", ""),
                                          idempotency_key=request.POST.get("idempotency_key",
                                                                           ""))
    except voting.VotingClosed as exc:
        return _answer(request, ws, item, saved=False, message=" ".join(exc.messages),
                       status=409, anchor="#vote")
    except ValidationError as exc:
        return _answer(request, ws, item, saved=False, message=" ".join(exc.messages),
                       status=400, anchor="#vote")
    label = dict(q.vote_options(item)).get(vote.choice, vote.choice)
    return _answer(request, ws, item, saved=True,
                   message=_("Saved: %(choice)s") % {"choice": label},
                   choice=vote.choice, anchor="#vote")


def _text_write(request, join_code, item_id, *, service, kind: str, saved_message):
    ws, attendee, item, early = _write_view(request, join_code, item_id)
    if early is not None:
        return early
    text = request.POST.get("text", "")
    try:
        obj = service(attendee, item, text,
                      idempotency_key=request.POST.get("idempotency_key", ""))
    except ValidationError as exc:
        message = " ".join(exc.messages)
        closed = isinstance(exc, voting.VotingClosed)
        if _wants_json(request) or closed:
            return _answer(request, ws, item, saved=False, message=message,
                           status=409 if closed else 400, anchor=f"#{kind}")
        # Without JavaScript: show the form again with what was typed and the error.
        context = _item_context(request, ws, attendee, item, **{
            f"{kind}_text": text, f"{kind}_error": message})
        return render(request, "validation/public/item.html", context, status=400)
    shown = (obj.state == obj.State.APPROVED
             or (not ws.moderate_comments and obj.state != obj.State.HIDDEN))
    if not shown:
        review = _("A facilitator will review it before others see it.")
        saved_message = f"{saved_message} {review}"
    message = saved_message
    return _answer(request, ws, item, saved=True, message=message, id=obj.pk,
                   anchor=f"#{kind}")


@public_access(methods=("POST",))
def comment(request, join_code, item_id):
    """Add a Comment (recorded once per idempotency key)."""
    return _text_write(request, join_code, item_id, service=voting.add_comment,
                       kind="comment", saved_message=_("Your comment was saved."))


@public_access(methods=("POST",))
def amend(request, join_code, item_id):
    """Propose new wording of the Finding (recorded once per idempotency key)."""
    return _text_write(request, join_code, item_id, service=voting.propose_amendment,
                       kind="amend", saved_message=_("Your proposed wording was saved."))


# --- Follow mode --------------------------------------------------------------------------------

@public_access
def now(request, join_code):
    """What the facilitator shows now, as small JSON for the phones' follow mode (polled every
    2 s). ETag from the Workshop's state, current item, its state and updated_at: 304 when
    nothing changed. Also records that the device is still here (at most every 10 s)."""
    state = q.now_state(join_code)
    if state is None:
        _limited(request, "join_fail")
        raise Http404
    code = q.normalize_code(join_code)
    token = q.device_token(request)
    if token:
        attendance.touch(None, state["workshop"], q.token_hash(token))
    digest = q.token_hash("|".join(str(state[k]) for k in sorted(state)))[:32]
    etag = f'"{digest}"'
    if etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponseNotModified()
    else:
        item_id = state["item"]
        response = JsonResponse({
            "state": state["state"], "navigation": state["navigation"],
            "item": item_id, "item_state": state["item_state"],
            "url": (reverse("attend:item", args=[code, item_id]) if item_id
                    else reverse("attend:workshop", args=[code])),
        })
    response["ETag"] = etag
    patch_cache_control(response, private=True, no_cache=True)
    return response


# --- Priorities ---------------------------------------------------------------------------------

@public_access(methods=("GET", "POST"))
def priorities(request, join_code):
    """Spread the Workshop's priority points over the Findings (or Security issues)."""
    ws, attendee = _attendee_or_join(request, join_code)
    if attendee is None:
        return redirect(_hub_url(ws))
    if ws.priority_points <= 0:
        messages.error(request, _("This workshop has no priority step."))
        return redirect(_hub_url(ws))
    targets = q.priority_targets(ws)
    mine = q.my_priorities(attendee)
    errors, status = [], 200
    values = {t.pk: mine.get(t.pk, 0) for t in targets}
    if request.method == "POST":
        if _write_limited(request, attendee):
            return _too_many(request)
        submitted = {t.pk: request.POST.get(f"points-{t.pk}", "") for t in targets}
        values = submitted
        try:
            voting.set_priorities(attendee, submitted)
        except ValidationError as exc:
            errors, status = exc.messages, 400
        else:
            messages.success(request, _("Your priorities were saved."))
            return redirect(reverse("attend:priorities", args=[ws.join_code]))
    rows = [{"target": t, "field": f"points-{t.pk}", "value": values.get(t.pk, 0)}
            for t in targets]
    return render(request, "validation/public/priorities.html", {
        "workshop": ws, "attendee": attendee, "rows": rows, "errors": errors,
        "budget": ws.priority_points, "is_open": ws.state == Workshop.State.OPEN,
        "security_issues": ws.priority_target == Workshop.PriorityTarget.SECURITY_ISSUES,
    }, status=status)
