"""Live results of a running Workshop: vote counts, connected Attendees, the live views' ETag."""

import hashlib
from datetime import timedelta

from django.db.models import Count, IntegerField, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..models import AgendaItem, Amendment, Attendee, Comment, Moderated, Vote, Workshop

FINDING_CHOICES = tuple(Vote.Choice.values)  # agree, agree_with_changes, disagree, not_sure
CONNECTED_SECONDS = 30


def _zeros(finding_id, choices) -> dict[str, int]:
    if finding_id:
        return dict.fromkeys(FINDING_CHOICES, 0)
    return {str(c.get("key")): 0 for c in (choices or []) if isinstance(c, dict) and c.get("key")}


def item_counts(item: AgendaItem) -> dict[str, int]:
    """{choice: votes} for one item, every choice present (0 when nobody chose it)."""
    counts = _zeros(item.finding_id, item.choices)
    rows = (Vote.objects.filter(item=item).order_by().values("choice")
            .annotate(n=Count("id")).values_list("choice", "n"))
    for choice, n in rows:
        counts[choice] = counts.get(choice, 0) + n
    return counts


def workshop_counts(workshop: Workshop) -> dict[int, dict[str, int]]:
    """{item_id: {choice: votes}} for every item of the agenda, in one query."""
    rows = (AgendaItem.objects.filter(workshop=workshop).order_by()
            .values("id", "finding_id", "choices", "votes__choice")
            .annotate(n=Count("votes")))
    result: dict[int, dict[str, int]] = {}
    for row in rows:
        counts = result.setdefault(row["id"], _zeros(row["finding_id"], row["choices"]))
        if row["votes__choice"] is not None:
            counts[row["votes__choice"]] = counts.get(row["votes__choice"], 0) + row["n"]
    return result


def connected_attendees(workshop: Workshop, seconds: int = CONNECTED_SECONDS) -> int:
    """Attendees whose device was seen in the last `seconds` (phones poll every 2 s)."""
    since = timezone.now() - timedelta(seconds=seconds)
    return Attendee.objects.filter(workshop=workshop, last_seen_at__gte=since).count()


def connected_bucket(n: int) -> int:
    """The connected count as shown and as put in the ETag: exact below 10, else rounded down to
    a multiple of 5 (a phone dozing off in a room of 100 does not repaint every projector)."""
    return n if n < 10 else n - n % 5


def _count(qs, field="id"):
    return Coalesce(Subquery(qs.order_by().values(field).annotate(c=Count("*")).values("c")[:1],
                             output_field=IntegerField()), Value(0))


def live_signature(workshop_id: int, scope: str = "projector", *, plan=None) -> dict | None:
    """Everything the live fragment depends on, in ONE query (for the ETag).

    scope "projector": the current item's votes (count and latest change: a changed vote moves the
    bars without changing the count) and comments; scope "panel": the same for the whole agenda
    (the moderation queue's count included). Both: Workshop.updated_at (every control action,
    setting change and moderation bumps it), the current item and its state, and the connected
    bucket. None when the Workshop does not exist (in `plan`, when given)."""
    since = timezone.now() - timedelta(seconds=CONNECTED_SECONDS)
    if scope == "panel":
        votes = Vote.objects.filter(item__workshop=OuterRef("pk"))
        comments = Comment.objects.filter(item__workshop=OuterRef("pk"))
        amendments = Amendment.objects.filter(item__workshop=OuterRef("pk"))
        group = "item__workshop"
    else:
        votes = Vote.objects.filter(item=OuterRef("current_item"))
        # Every state: a Workshop that does not moderate shows new comments at once.
        comments = Comment.objects.filter(item=OuterRef("current_item"))
        amendments = Amendment.objects.filter(item=OuterRef("current_item"))
        group = "item"
    connected = Attendee.objects.filter(workshop=OuterRef("pk"), last_seen_at__gte=since)
    workshops = Workshop.objects.filter(pk=workshop_id)
    if plan is not None:
        workshops = workshops.filter(plan=plan)
    row = (workshops
           .annotate(votes_n=_count(votes, group),
                     votes_at=Subquery(votes.order_by().values(group)
                                       .annotate(m=Max("updated_at")).values("m")[:1]),
                     comments_n=_count(comments, group),
                     amendments_n=_count(amendments, group),
                     connected_n=_count(connected, "workshop"))
           .values("updated_at", "state", "current_item_id", "current_item__state", "votes_n",
                   "votes_at", "comments_n", "amendments_n", "connected_n")
           .first())
    if row is None:
        return None
    row["connected_n"] = connected_bucket(row["connected_n"])
    return row


def etag_for(signature: dict, *parts: str) -> str:
    """A strong ETag (quoted) from a live signature and extra parts (language, scope)."""
    raw = "|".join([*(str(signature[k]) for k in sorted(signature)), *parts])
    return '"' + hashlib.sha256(raw.encode()).hexdigest()[:32] + '"'


def attendee_numbers(workshop) -> dict[int, int]:
    """{attendee id: 1, 2, 3…} in the order they joined: the only handle exports use."""
    ids = Attendee.objects.filter(workshop=workshop).order_by("joined_at", "id").values_list(
        "id", flat=True)
    return {pk: n for n, pk in enumerate(ids, start=1)}


def moderation_queue(workshop: Workshop, state: str = ""):
    """Comments and Amendments of the Workshop, newest first, as (kind, object) pairs, each
    object with `attendee_number` (its Attendee's rank of joining the Workshop: "Attendee 12")."""
    numbers = attendee_numbers(workshop)
    filters = Q(item__workshop=workshop)
    if state:
        filters &= Q(state=state)
    rows = []
    for kind, model in (("comment", Comment), ("amendment", Amendment)):
        for obj in model.objects.filter(filters).select_related(
                "item", "item__finding", "attendee"):
            obj.attendee_number = numbers.get(obj.attendee_id)
            rows.append((kind, obj))
    rows.sort(key=lambda pair: (pair[1].created_at, pair[0] == "amendment", pair[1].pk),
              reverse=True)
    return rows


def pending_moderation(workshop: Workshop) -> int:
    return (Comment.objects.filter(item__workshop=workshop, state=Moderated.State.PENDING).count()
            + Amendment.objects.filter(item__workshop=workshop,
                                       state=Moderated.State.PENDING).count())
