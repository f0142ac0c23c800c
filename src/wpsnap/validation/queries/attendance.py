"""Reads of the public front: which Workshop a join code opens, which Attendee a device is,
what an Attendee sees (agenda, their votes, visible comments, results) and the `now` state.

A device is known by the random token in its `wpsnap_device` cookie; the database keeps only
the token's sha256 (Attendee.token_hash), so a leaked database does not let anyone vote."""

import hashlib
import re

from django.db import connection
from django.db.models import Count, Q

from ..models import AgendaItem, Amendment, Attendee, Comment, Priority, Vote, Workshop

DEVICE_COOKIE = "wpsnap_device"
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
_CODE_STRIP = re.compile(r"[\s\-]+")


def normalize_code(raw: str) -> str:
    """A join code as typed: case-insensitive, spaces and dashes ignored."""
    return _CODE_STRIP.sub("", raw or "").upper()[:12]


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def device_token(request) -> str:
    """The device token from the cookie, or "" when absent or malformed."""
    token = request.COOKIES.get(DEVICE_COOKIE, "")
    return token if _TOKEN_RE.match(token) else ""


def workshop_for_code(code: str, *, include_closed: bool = True) -> Workshop | None:
    """The Workshop a join code opens: never a draft (it is not announced yet)."""
    code = normalize_code(code)
    if not code:
        return None
    states = [Workshop.State.OPEN] + ([Workshop.State.CLOSED] if include_closed else [])
    return (Workshop.objects.select_related("plan", "current_item", "current_item__finding")
            .filter(join_code=code, state__in=states).first())


def attendee_for(request, workshop) -> Attendee | None:
    """The Attendee this device is in `workshop`, or None (not joined yet)."""
    token = device_token(request)
    if not token:
        return None
    return Attendee.objects.filter(workshop=workshop, token_hash=token_hash(token)).first()


def _columns(model, alias: str, only: tuple[str, ...] = ()) -> tuple[list[str], list]:
    """The model's concrete columns as `alias."column"` and, per column, the converters the
    ORM would apply (connection.ops + field), so that a raw row becomes the same instance."""
    fields = [f for f in model._meta.concrete_fields if not only or f.attname in only]
    quote = connection.ops.quote_name
    sql = [f"{alias}.{quote(f.column)}" for f in fields]
    converters = []
    for field in fields:
        col = field.get_col(model._meta.db_table)
        converters.append((field.attname, col, connection.ops.get_db_converters(col)
                           + col.get_db_converters(connection)))
    return sql, converters


def _instance(model, converters, values):
    names, converted = [], []
    for (attname, col, funcs), value in zip(converters, values, strict=True):
        for func in funcs:
            value = func(value, col, connection)
        names.append(attname)
        converted.append(value)
    return model.from_db(connection.alias, names, converted)


_ATTENDEE_SQL: dict[str, tuple] = {}  # per database vendor: (sql, attendee, workshop, item conv.)
# The Workshop columns the write views use; the others (titles, thresholds, dates) are left
# deferred, as `.only()` would: the ORM loads them on first access.
WORKSHOP_HOT_FIELDS = ("id", "plan_id", "parent_id", "join_code", "state", "current_item_id",
                       "navigation", "results_hidden", "moderate_comments", "priority_points",
                       "priority_target", "updated_at")


def attendee_in(request, code: str, item_id=None) -> Attendee | None:
    """The Attendee this device is in the Workshop of join code `code` (open or closed), with
    its Workshop, in one query; None when the code opens nothing or the device has not joined
    (callers then fall back to workshop_for_code for the 404 or the join page).

    With `item_id`, the same query also reads that agenda item of the Workshop: it is set as
    `attendee.requested_item` (None when the Workshop has no such item).

    The hot path of every vote: the SELECT is built once per process from the models' columns
    and the rows converted with the ORM's own converters (the same instances as
    `Attendee.objects.select_related("workshop")` gives), which costs a tenth of building
    the query through the ORM each time."""
    token = device_token(request)
    code = normalize_code(code)
    if not token or not code:
        return None
    try:
        item_id = int(item_id) if item_id is not None else 0
    except (TypeError, ValueError):
        item_id = 0  # matches no item (ids start at 1)
    prepared = _ATTENDEE_SQL.get(connection.vendor)
    if prepared is None:
        a_cols, a_conv = _columns(Attendee, "a")
        w_cols, w_conv = _columns(Workshop, "w", WORKSHOP_HOT_FIELDS)
        i_cols, i_conv = _columns(AgendaItem, "i")
        quote = connection.ops.quote_name
        # Only the models' own table and column names go into the text; values are params.
        tables = (quote(Attendee._meta.db_table), quote(Workshop._meta.db_table),
                  quote(AgendaItem._meta.db_table))
        sql = (f"SELECT {', '.join(a_cols + w_cols + i_cols)} FROM {tables[0]} a "  # noqa: S608
               f"INNER JOIN {tables[1]} w ON w.id = a.workshop_id "
               f"LEFT JOIN {tables[2]} i ON i.workshop_id = w.id AND i.id = %s "
               "WHERE w.join_code = %s AND a.token_hash = %s AND w.state IN (%s, %s)")
        prepared = _ATTENDEE_SQL[connection.vendor] = (sql, a_conv, w_conv, i_conv)
    sql, a_conv, w_conv, i_conv = prepared
    with connection.cursor() as cursor:
        cursor.execute(sql, [item_id, code, token_hash(token), Workshop.State.OPEN,
                             Workshop.State.CLOSED])
        row = cursor.fetchone()
    if row is None:
        return None
    a_end, w_end = len(a_conv), len(a_conv) + len(w_conv)
    attendee = _instance(Attendee, a_conv, row[:a_end])
    attendee.workshop = _instance(Workshop, w_conv, row[a_end:w_end])
    item_row = row[w_end:]
    attendee.requested_item = (None if item_row[0] is None
                               else _instance(AgendaItem, i_conv, item_row))
    return attendee


_ITEM_SQL: dict[str, tuple] = {}  # per database vendor: (sql, converters)


def item_in(workshop, item_id) -> AgendaItem | None:
    """The agenda item `item_id` of `workshop` (its own columns; item.finding loads lazily
    when a page needs it). Prepared once per process like attendee_in: the write views' hot
    path."""
    try:
        item_id = int(item_id)
    except (TypeError, ValueError):
        return None
    prepared = _ITEM_SQL.get(connection.vendor)
    if prepared is None:
        cols, conv = _columns(AgendaItem, "i")
        table = connection.ops.quote_name(AgendaItem._meta.db_table)
        sql = (f"SELECT {', '.join(cols)} FROM {table} i "  # noqa: S608
               "WHERE i.id = %s AND i.workshop_id = %s")
        prepared = _ITEM_SQL[connection.vendor] = (sql, conv)
    sql, conv = prepared
    with connection.cursor() as cursor:
        cursor.execute(sql, [item_id, workshop.pk])
        row = cursor.fetchone()
    return None if row is None else _instance(AgendaItem, conv, row)


def agenda(workshop):
    return (AgendaItem.objects.filter(workshop=workshop).select_related("finding")
            .order_by("order", "id"))


def item_for(workshop, item_id) -> AgendaItem | None:
    return (AgendaItem.objects.filter(workshop=workshop, pk=item_id)
            .select_related("finding").first())


def neighbours(workshop, item) -> tuple[AgendaItem | None, AgendaItem | None]:
    items = list(agenda(workshop))
    ids = [i.pk for i in items]
    at = ids.index(item.pk) if item.pk in ids else -1
    previous = items[at - 1] if at > 0 else None
    following = items[at + 1] if 0 <= at < len(items) - 1 else None
    return previous, following


def my_votes(attendee) -> dict[int, str]:
    """{item id: choice} of one Attendee."""
    if attendee is None:
        return {}
    return dict(Vote.objects.filter(attendee=attendee).values_list("item_id", "choice"))


def my_vote(attendee, item) -> str:
    if attendee is None:
        return ""
    return (Vote.objects.filter(attendee=attendee, item=item)
            .values_list("choice", flat=True).first() or "")


def vote_options(item) -> list[tuple[str, str]]:
    """[(choice key, label)] of an item: the four verdicts on a Finding, or the question's
    choices (label in the active language)."""
    from wpsnap.core.bilingual import pick

    if item.finding_id:
        return [(value, str(label)) for value, label in Vote.Choice.choices]
    return [(str(c.get("key")), pick(c, "label").text or str(c.get("key")))
            for c in (item.choices or []) if c.get("key") not in (None, "")]


def results(item) -> list[dict]:
    """[{key, label, votes, percent}] of an item, in the order of its options."""
    counts = dict(Vote.objects.filter(item=item).order_by().values("choice")
                  .annotate(n=Count("id")).values_list("choice", "n"))
    total = sum(counts.values())
    return [{"key": key, "label": label, "votes": counts.get(key, 0),
             "percent": round(100 * counts.get(key, 0) / total) if total else 0}
            for key, label in vote_options(item)]


def results_visible(workshop, item) -> bool:
    """Attendees see an item's results once voting on it closed, or at once when the
    Workshop does not hide them."""
    return item.state == AgendaItem.State.CLOSED or not workshop.results_hidden


def _shown(model, workshop):
    """Comments or Amendments other Attendees may read: approved ones, or (in a Workshop
    that does not moderate) any not hidden. Never with a name."""
    if workshop.moderate_comments:
        return Q(state=model.State.APPROVED)
    return ~Q(state=model.State.HIDDEN)


def visible_comments(workshop, item, attendee=None):
    """Comments on an item an Attendee may read: the shown ones plus their own."""
    condition = _shown(Comment, workshop)
    if attendee is not None:
        condition |= Q(attendee=attendee)
    return Comment.objects.filter(item=item).filter(condition).only(
        "id", "text", "language", "state", "attendee_id", "created_at")


def my_amendments(attendee, item):
    if attendee is None:
        return Amendment.objects.none()
    return Amendment.objects.filter(attendee=attendee, item=item).only(
        "id", "text", "language", "state", "outcome", "created_at")


def priority_targets(workshop) -> list:
    """What points are spread over: the Findings on the agenda, or the Security issues of
    those Findings."""
    from wpsnap.analysis.models import Finding
    from wpsnap.frameworks.models import SecurityIssue

    finding_ids = list(AgendaItem.objects.filter(workshop=workshop, finding__isnull=False)
                       .order_by("order", "id").values_list("finding_id", flat=True))
    if workshop.priority_target == Workshop.PriorityTarget.SECURITY_ISSUES:
        return list(SecurityIssue.objects.filter(findings__in=finding_ids).distinct())
    by_id = Finding.objects.in_bulk(finding_ids)
    return [by_id[i] for i in finding_ids if i in by_id]


def my_priorities(attendee) -> dict[int, int]:
    """{target id: points} of one Attendee (Finding ids or Security issue ids)."""
    if attendee is None:
        return {}
    rows = Priority.objects.filter(attendee=attendee).values_list(
        "finding_id", "security_issue_id", "points")
    return {fid or sid: points for fid, sid, points in rows}


def now_state(join_code: str) -> dict | None:
    """What the facilitator shows now, in one query: {"workshop", "state", "navigation",
    "item", "item_state", "updated"}, or None when the code opens nothing (a draft, or no
    such code). The ETag of the `now` view is made from it."""
    row = (Workshop.objects
           .filter(join_code=normalize_code(join_code),
                   state__in=[Workshop.State.OPEN, Workshop.State.CLOSED])
           .values_list("pk", "state", "navigation", "current_item_id", "current_item__state",
                        "updated_at")
           .first())
    if row is None:
        return None
    pk, state, navigation, item_id, item_state, updated = row
    return {"workshop": pk, "state": state, "navigation": navigation, "item": item_id,
            "item_state": item_state or "", "updated": updated.isoformat() if updated else ""}
