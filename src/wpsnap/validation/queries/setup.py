"""Reads of the Workshop set-up: the Workshops list with counts, a Workshop's agenda with the
Strength of its Findings, the Findings that may still be added, and the QR code."""

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from wpsnap.analysis.models import Finding
from wpsnap.analysis.queries.findings import strengths

from ..models import AgendaItem, Attendee, Vote, Workshop


def _count(qs, field="workshop"):
    return Coalesce(Subquery(qs.filter(**{field: OuterRef("pk")}).order_by().values(field)
                             .annotate(n=Count("pk")).values("n")[:1],
                             output_field=IntegerField()), Value(0))


def with_counts(qs):
    """Annotate Workshops with attendee_count, vote_count and item_count (subqueries: no
    multiplied joins)."""
    return qs.annotate(
        attendee_count=_count(Attendee.objects.all()),
        vote_count=_count(Vote.objects.all(), "item__workshop"),
        item_count=_count(AgendaItem.objects.all()),
    )


def workshop_rows(plan) -> list[Workshop]:
    """The Plan's Workshops (newest first), each with `.groups`: its breakout groups."""
    workshops = list(with_counts(Workshop.objects.filter(plan=plan).select_related(
        "consultation")).order_by("-created_at", "-pk"))
    children: dict[int, list[Workshop]] = {}
    for w in workshops:
        if w.parent_id:
            children.setdefault(w.parent_id, []).append(w)
    top = [w for w in workshops if not w.parent_id]
    for w in top:
        w.groups = sorted(children.get(w.pk, []), key=lambda c: c.pk)
    return top


def workshop_for(plan, workshop_id) -> Workshop:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(with_counts(Workshop.objects.select_related("consultation",
                                                                         "parent")),
                             plan=plan, pk=workshop_id)


def agenda(workshop: Workshop) -> list[dict]:
    """[{"item", "finding", "strength", "votes", "first", "last"}] in agenda order."""
    items = list(workshop.items.select_related("finding").annotate(
        vote_total=Count("votes")).order_by("order", "id"))
    found = strengths([i.finding for i in items if i.finding_id])
    last = len(items) - 1
    return [{"item": item, "finding": item.finding,
             "strength": found.get(item.finding_id) if item.finding_id else None,
             "votes": item.vote_total, "first": n == 0, "last": n == last}
            for n, item in enumerate(items)]


def addable_findings(workshop: Workshop):
    """The Plan's Findings that may join the agenda: not rejected, not already on it."""
    return (Finding.objects.filter(plan=workshop.plan)
            .exclude(status=Finding.Status.REJECTED)
            .exclude(agenda_items__workshop=workshop)
            .order_by("order", "number"))


def finding_rows(findings) -> list[dict]:
    findings = list(findings)
    found = strengths(findings)
    return [{"finding": f, "strength": found[f.pk]} for f in findings]


def qr_svg(url: str, *, scale: int = 8, title: str = "") -> str:
    """A standalone SVG document of the QR code of `url` (segno: error correction M, quiet
    zone, no script, no style)."""
    import io

    import segno

    out = io.BytesIO()
    segno.make(url, error="m", micro=False).save(
        out, kind="svg", scale=scale, xmldecl=True, svgns=True, title=title or None,
        svgclass=None, lineclass=None, light="#fff")
    return out.getvalue().decode("utf-8")


def is_local_host(request) -> bool:
    """True when the page was asked for on this computer only (a phone cannot reach it)."""
    host = request.get_host().rsplit(":", 1)[0].strip("[]")
    return host in ("localhost", "127.0.0.1", "::1") or host.startswith("127.")
