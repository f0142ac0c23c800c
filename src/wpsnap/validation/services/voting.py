"""What Attendees write: Votes, Comments, Amendments and priority points.

A Vote is stored once per Attendee per agenda item: the database constraint
`one_vote_per_item` plus an upsert that reads the item's state in the same statement, under
the item's row lock (PostgreSQL) or the database write lock (SQLite). Comments, Amendments and
priorities first lock the AgendaItem (`select_for_update`; on SQLite the IMMEDIATE transaction
serialises writers) and check its state inside the same transaction. Closing an item takes the
same lock, so no vote lands after a close. Retries with the same idempotency key record nothing
new."""

from datetime import UTC

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from ..models import AgendaItem, Amendment, Attendee, Comment, Priority, Vote, Workshop

MAX_KEY = 64
COMMENT_MAX = 2000
AMENDMENT_MAX = 4000


class VotingClosed(ValidationError):
    """The item (or the whole Workshop) is not open: nothing was recorded."""


def _key(idempotency_key: str) -> str:
    return (idempotency_key or "").strip()[:MAX_KEY]


# The item's and its Workshop's state; PostgreSQL appends FOR UPDATE OF i (the item's row
# only). SQLite has no row locks: the IMMEDIATE transaction already holds the write lock.
LOCK_ITEM = ('SELECT i.state, w.state FROM "validation_agendaitem" i '
             'INNER JOIN "validation_workshop" w ON w.id = i.workshop_id WHERE i.id = %s')


def _lock_open_item(attendee, item) -> str:
    """Lock the AgendaItem row and check that it and its Workshop are open (call inside
    transaction.atomic). Raises VotingClosed otherwise; returns the item's state.

    One query: the item's state and its Workshop's state, `FOR UPDATE OF` the item only on
    PostgreSQL (the Workshop row is not locked, so votes on different items do not queue);
    on SQLite the IMMEDIATE transaction already holds the database's write lock. On
    PostgreSQL a vote waiting behind close_item/close_workshop re-reads the item row once the
    lock is free and sees it closed; the Workshop's state may come from the statement's
    snapshot, which is enough because close_workshop closes the open items (under their
    locks) in the same transaction."""
    if item.workshop_id != attendee.workshop_id:
        raise ValidationError(_("This item is not on the agenda of your workshop."))
    sql = LOCK_ITEM + (" FOR UPDATE OF i" if connection.features.has_select_for_update_of
                       else "")
    with connection.cursor() as cursor:
        cursor.execute(sql, [item.pk])
        row = cursor.fetchone()
    item_state, workshop_state = row if row else (None, None)
    if workshop_state != Workshop.State.OPEN:
        raise VotingClosed(_("This workshop is closed."))
    if item_state == AgendaItem.State.PENDING:
        raise VotingClosed(_("Voting on this item has not started yet."))
    if item_state != AgendaItem.State.OPEN:
        if item.finding_id:
            raise VotingClosed(_("Voting on this finding is closed."))
        raise VotingClosed(_("Voting on this question is closed."))
    item.state = item_state
    return item_state


def allowed_choices(item) -> list[str]:
    if item.finding_id:
        return list(Vote.Choice.values)
    return [str(c.get("key")) for c in (item.choices or []) if c.get("key") not in (None, "")]


def _aware(value):
    """A datetime from RETURNING: SQLite gives text in UTC, PostgreSQL an aware datetime."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    return value


# One statement, valid on SQLite ≥ 3.35 and PostgreSQL (tables validation_vote, _agendaitem and
# _workshop): the vote is taken from a SELECT that finds the item only while it and its Workshop
# are open, so checking the state and writing the vote are one atomic statement. PostgreSQL
# appends FOR UPDATE OF i: the statement waits for a close_item/close_workshop holding the
# item's row and then re-checks the row as committed (closed: nothing inserted). SQLite runs
# the statement under its database write lock. The row comes back as stored: when the choice is
# the same, or the request is a retry of the stored vote's idempotency key, the CASEs keep every
# column as it was. No row back means the item was not open (or not on this agenda).
_CHANGED = ('"validation_vote".choice <> EXCLUDED.choice AND (EXCLUDED.idempotency_key = \'\' '
            'OR "validation_vote".idempotency_key <> EXCLUDED.idempotency_key)')
_VOTE_FROM_OPEN_ITEM = (  # constant text; values are parameters
    'INSERT INTO "validation_vote" (attendee_id, item_id, choice, idempotency_key, created_at, '  # noqa: S608
    "updated_at) SELECT %s, i.id, %s, %s, %s, %s "
    'FROM "validation_agendaitem" i INNER JOIN "validation_workshop" w ON w.id = i.workshop_id '
    "WHERE i.id = %s AND i.workshop_id = %s AND i.state = 'open' AND w.state = 'open'")
_UPSERT = (
    " ON CONFLICT (attendee_id, item_id) DO UPDATE SET "
    f'choice = CASE WHEN {_CHANGED} THEN EXCLUDED.choice ELSE "validation_vote".choice END, '
    f"idempotency_key = CASE WHEN {_CHANGED} THEN EXCLUDED.idempotency_key "
    'ELSE "validation_vote".idempotency_key END, '
    f"updated_at = CASE WHEN {_CHANGED} THEN EXCLUDED.updated_at "
    'ELSE "validation_vote".updated_at END '
    "RETURNING id, choice, idempotency_key, created_at, updated_at")


def _vote_sql() -> str:
    lock = " FOR UPDATE OF i" if connection.features.has_select_for_update_of else ""
    return _VOTE_FROM_OPEN_ITEM + lock + _UPSERT


def cast_vote(attendee, item, choice, *, idempotency_key: str = "") -> tuple[Vote, bool]:
    """Record or change the Attendee's vote on an open item. Returns (vote, created).

    An upsert: one row per Attendee and item. Repeating the same choice, or a retry with the
    key of the stored vote, changes nothing.

    One statement (see _VOTE_FROM_OPEN_ITEM): `INSERT … SELECT <the item, if open> … ON CONFLICT
    (attendee_id, item_id) DO UPDATE … RETURNING` (SQLite ≥ 3.35, PostgreSQL). The item's state
    is checked in the statement that writes, the constraint `one_vote_per_item` decides between
    insert and update atomically, and the row comes back as stored, so a vote costs one round
    trip and no explicit transaction. When nothing comes back, the item was not open: the
    reason is read and raised (VotingClosed, or not on this Attendee's agenda)."""
    choice = (choice or "").strip()
    if choice not in allowed_choices(item):
        raise ValidationError({"choice": _("Choose one of the answers.")})
    if item.workshop_id != attendee.workshop_id:
        raise ValidationError(_("This item is not on the agenda of your workshop."))
    key = _key(idempotency_key)
    now = timezone.now()
    stamp = connection.ops.adapt_datetimefield_value(now)
    params = [attendee.pk, choice, key, stamp, stamp, item.pk, attendee.workshop_id]
    with connection.cursor() as cursor:
        cursor.execute(_vote_sql(), params)
        row = cursor.fetchone()
    if row is None:
        with transaction.atomic():
            _lock_open_item(attendee, item)  # raises VotingClosed with the reason
            # Open again by now (reopened in between): vote under the lock.
            with connection.cursor() as cursor:
                cursor.execute(_vote_sql(), params)
                row = cursor.fetchone()
    vote_id, stored_choice, stored_key, created_at, updated_at = row
    created_at = _aware(created_at)
    vote = Vote(id=vote_id, attendee=attendee, item=item, choice=stored_choice,
                idempotency_key=stored_key, created_at=created_at,
                updated_at=_aware(updated_at))
    vote._state.adding = False
    vote._state.db = connection.alias
    # An inserted row carries this request's timestamp in both columns; an update keeps the
    # first created_at.
    return vote, created_at == now


def _clean_text(text: str, limit: int, empty: str, too_long: str) -> str:
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise ValidationError({"text": empty})
    if len(text) > limit:
        raise ValidationError({"text": too_long})
    return text


def _once(model, attendee, item, key: str, **fields):
    """Create one Comment or Amendment; a repeat of the same idempotency key returns the
    first one (the partial unique constraint makes that hold under races too)."""
    if key:
        found = model.objects.filter(attendee=attendee, idempotency_key=key).first()
        if found is not None:
            return found
    try:
        with transaction.atomic():
            return model.objects.create(attendee=attendee, item=item, idempotency_key=key,
                                        **fields)
    except IntegrityError:
        if not key:
            raise
        return model.objects.get(attendee=attendee, idempotency_key=key)


def add_comment(attendee, item, text, *, idempotency_key: str = "") -> Comment:
    """A Comment on an open item. Shown to other Attendees once approved (or at once when the
    Workshop does not moderate), never with a name."""
    text = _clean_text(text, COMMENT_MAX, _("Write a comment first."),
                       _("Keep the comment under %(n)s characters.") % {"n": COMMENT_MAX})
    with transaction.atomic():
        _lock_open_item(attendee, item)
        return _once(Comment, attendee, item, _key(idempotency_key), text=text,
                     language=attendee.language)


def propose_amendment(attendee, item, text, *, idempotency_key: str = "") -> Amendment:
    """Proposed new wording of the Finding on an open item."""
    if not item.finding_id:
        raise ValidationError(_("New wording can only be proposed for a finding."))
    text = _clean_text(text, AMENDMENT_MAX, _("Write the new wording first."),
                       _("Keep the new wording under %(n)s characters.") % {"n": AMENDMENT_MAX})
    with transaction.atomic():
        _lock_open_item(attendee, item)
        return _once(Amendment, attendee, item, _key(idempotency_key), text=text,
                     language=attendee.language)


def set_priorities(attendee, points: dict) -> None:
    """Spread the Workshop's priority points: {target id: points} where the targets are the
    agenda's Findings (or their Security issues, by the Workshop's setting). Each value is a
    whole number ≥ 0 and the sum at most Workshop.priority_points. Replaces earlier points."""
    from ..queries.attendance import priority_targets

    workshop = attendee.workshop
    budget = workshop.priority_points
    if budget <= 0:
        raise ValidationError(_("This workshop has no priority step."))
    if workshop.state != Workshop.State.OPEN:
        raise VotingClosed(_("This workshop is closed."))
    targets = {t.pk: t for t in priority_targets(workshop)}
    cleaned, errors = {}, {}
    for raw_key, raw_value in (points or {}).items():
        try:
            target_id = int(raw_key)
        except (TypeError, ValueError):
            target_id = None
        if target_id not in targets:
            raise ValidationError(_("Points can only go to the priorities listed."))
        value = raw_value
        if isinstance(value, str):
            value = value.strip() or "0"
        try:
            value = int(value)
        except (TypeError, ValueError):
            errors[str(target_id)] = _("Enter a whole number.")
            continue
        if value < 0:
            errors[str(target_id)] = _("Points cannot be negative.")
            continue
        cleaned[target_id] = value
    if errors:
        raise ValidationError(errors)
    total = sum(cleaned.values())
    if total > budget:
        raise ValidationError(
            _("You gave %(total)s points but have only %(budget)s. Take some away.")
            % {"total": total, "budget": budget})
    field = ("security_issue_id"
             if workshop.priority_target == Workshop.PriorityTarget.SECURITY_ISSUES
             else "finding_id")
    with transaction.atomic():
        Attendee.objects.select_for_update().filter(pk=attendee.pk).first()
        Priority.objects.filter(attendee=attendee).exclude(
            **{f"{field}__in": [k for k, v in cleaned.items() if v > 0]}).delete()
        for target_id, value in cleaned.items():
            if value > 0:
                Priority.objects.update_or_create(attendee=attendee, **{field: target_id},
                                                  defaults={"points": value})
