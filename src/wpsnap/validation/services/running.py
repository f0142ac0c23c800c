"""Running a Workshop: moving through the agenda, closing and reopening voting, moderation.

Every action saves the Workshop with `updated_at` (auto_now) in its update_fields, so the ETag of
the live views changes and phones in follow mode and projectors see the change within ~2 s.

Closing an item is atomic with voting: `close_item` locks the AgendaItem row with
`select_for_update()` inside `transaction.atomic()`, and `voting.cast_vote` does the same before
it checks the item's state, so a vote either lands before the close or is refused after it.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import AgendaItem, Amendment, Comment, Moderated, Workshop

MODERATION_ACTIONS = ("approve", "hide")


def _touch(workshop: Workshop, *fields: str) -> None:
    """Save the Workshop so its updated_at (the live views' ETag) moves."""
    workshop.save(update_fields=[*fields, "updated_at"])


def _locked_workshop(workshop: Workshop) -> Workshop:
    locked = Workshop.objects.select_for_update().get(pk=workshop.pk)
    if locked.state == Workshop.State.DRAFT:
        raise ValidationError(_("Open the workshop before running its agenda."), code="draft")
    if locked.state == Workshop.State.CLOSED:
        raise ValidationError(_("This workshop is closed."), code="closed")
    return locked


def _locked_item(item: AgendaItem, workshop: Workshop | None = None) -> AgendaItem:
    locked = AgendaItem.objects.select_for_update().get(pk=item.pk)
    if workshop is not None and locked.workshop_id != workshop.pk:
        raise ValidationError(_("This item is not on this workshop's agenda."), code="other")
    return locked


def _sync(target, source) -> None:
    """Copy the saved state back onto the caller's instance."""
    for name in ("state", "opened_at", "closed_at", "current_item_id", "updated_at"):
        if hasattr(source, name):
            setattr(target, name, getattr(source, name))


def _agenda(workshop: Workshop) -> list[int]:
    return list(AgendaItem.objects.filter(workshop=workshop).order_by("order", "id")
                .values_list("id", flat=True))


def go_to(workshop: Workshop, item: AgendaItem, *, by=None) -> AgendaItem:
    """Show `item` on screen. A pending item opens for voting; a closed one stays closed
    (Reopen opens it again)."""
    with transaction.atomic():
        locked_ws = _locked_workshop(workshop)
        locked = _locked_item(item, locked_ws)
        if locked.state == AgendaItem.State.PENDING:
            locked.state = AgendaItem.State.OPEN
            locked.opened_at = timezone.now()
            locked.save(update_fields=["state", "opened_at"])
        locked_ws.current_item = locked
        _touch(locked_ws, "current_item")
    _sync(workshop, locked_ws)
    workshop.current_item = locked
    _sync(item, locked)
    return locked


def _step(workshop: Workshop, delta: int, *, by) -> AgendaItem:
    with transaction.atomic():
        locked_ws = _locked_workshop(workshop)
        ids = _agenda(locked_ws)
        if not ids:
            raise ValidationError(_("The agenda is empty."), code="empty")
        if locked_ws.current_item_id in ids:
            index = ids.index(locked_ws.current_item_id) + delta
        else:
            index = 0 if delta > 0 else len(ids) - 1
        if index >= len(ids):
            raise ValidationError(_("This is the last item of the agenda."), code="last")
        if index < 0:
            raise ValidationError(_("This is the first item of the agenda."), code="first")
        item = AgendaItem.objects.get(pk=ids[index])
        return go_to(workshop, item, by=by)


def next_item(workshop: Workshop, *, by=None) -> AgendaItem:
    """Move to the next item (the first one when nothing is on screen yet)."""
    return _step(workshop, +1, by=by)


def previous_item(workshop: Workshop, *, by=None) -> AgendaItem:
    """Move to the previous item (the last one when nothing is on screen yet)."""
    return _step(workshop, -1, by=by)


def close_item(item: AgendaItem, *, by=None) -> AgendaItem:
    """Close voting on `item`. Serialises with cast_vote on the AgendaItem row lock.
    Closing an item that is already closed changes nothing (a double submit)."""
    with transaction.atomic():
        locked = _locked_item(item)
        if locked.state == AgendaItem.State.PENDING:
            raise ValidationError(_("Voting on this item has not been opened."),
                                  code="pending")
        if locked.state == AgendaItem.State.OPEN:
            locked.state = AgendaItem.State.CLOSED
            locked.closed_at = timezone.now()
            locked.save(update_fields=["state", "closed_at"])
            _touch(Workshop.objects.get(pk=locked.workshop_id))
    _sync(item, locked)
    return locked


def reopen_item(item: AgendaItem, *, by=None) -> AgendaItem:
    """Open voting on `item` again (votes already cast are kept and may be changed)."""
    with transaction.atomic():
        locked_ws = _locked_workshop(item.workshop)
        locked = _locked_item(item, locked_ws)
        if locked.state != AgendaItem.State.OPEN:
            locked.state = AgendaItem.State.OPEN
            locked.opened_at = locked.opened_at or timezone.now()
            locked.closed_at = None
            locked.save(update_fields=["state", "opened_at", "closed_at"])
            _touch(locked_ws)
    _sync(item, locked)
    return locked


def moderate(obj: Comment | Amendment, action: str, *, by=None) -> Comment | Amendment:
    """Approve or hide a Comment or an Amendment. Hidden ones are never shown to Attendees
    nor on the projector; an Amendment stays in the report's list whatever its state."""
    if action not in MODERATION_ACTIONS:
        raise ValidationError(_("Choose Approve or Hide."), code="action")
    state = Moderated.State.APPROVED if action == "approve" else Moderated.State.HIDDEN
    model = type(obj)
    with transaction.atomic():
        locked = model.objects.select_for_update().select_related("item").get(pk=obj.pk)
        if locked.state != state:
            locked.state = state
            locked.moderated_by = by if getattr(by, "pk", None) else None
            locked.moderated_at = timezone.now()
            locked.save(update_fields=["state", "moderated_by", "moderated_at"])
            _touch(Workshop.objects.get(pk=locked.item.workshop_id))
    obj.state, obj.moderated_at = locked.state, locked.moderated_at
    return locked
