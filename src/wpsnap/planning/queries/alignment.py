"""Alignment: the Plan's Outputs × the provisions of a Framework, and what aligns to one item.

A cell counts the alignments of an Output to the column's Framework item or any of its
sub-items: 1 for the Output's own alignment, plus 1 for each of its Actions aligned there. The
columns are the top-level items of the chosen Framework set:
- "rpa": the ASEAN RPA-WPS pillars (the asean-rpa-wps Framework's top-level rpa-* items);
- "resolutions": the UN Security Council resolutions on WPS;
- "national": the national policies (the reference library's and the Plan's own).
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wpsnap.frameworks.models import Framework, FrameworkItem

from .framework import tree

CHOICES = {
    "rpa": _("ASEAN RPA-WPS pillars"),
    "resolutions": _("Security Council resolutions"),
    "national": _("National policies"),
}
RPA_FRAMEWORK = "asean-rpa-wps"
RESOLUTIONS_FRAMEWORK = "unscr-wps"
HEAT_LEVELS = 5


def columns_for(plan, choice: str) -> list[FrameworkItem]:
    """The top-level Framework items that are the columns of `choice`."""
    if choice == "rpa":
        qs = FrameworkItem.objects.filter(framework__key=RPA_FRAMEWORK,
                                          framework__plan__isnull=True, parent__isnull=True,
                                          key__startswith="rpa-")
    elif choice == "resolutions":
        qs = FrameworkItem.objects.filter(framework__key=RESOLUTIONS_FRAMEWORK,
                                          framework__plan__isnull=True, parent__isnull=True)
    elif choice == "national":
        qs = FrameworkItem.objects.filter(
            Q(framework__plan__isnull=True) | Q(framework__plan=plan),
            framework__kind=Framework.Kind.NATIONAL, parent__isnull=True)
    else:
        raise ValueError(choice)
    return list(qs.select_related("framework").order_by("framework__plan_id", "framework__order",
                                                        "order", "key"))


def _top_of(columns) -> dict[int, int]:
    """{item id: the column (top-level item) it belongs to} for the columns and all their
    descendants (one query per level of depth: the reference library is three levels deep)."""
    top = {c.pk: c.pk for c in columns}
    frontier = list(top)
    while frontier:
        rows = list(FrameworkItem.objects.filter(parent_id__in=frontier)
                    .values_list("pk", "parent_id"))
        frontier = []
        for pk, parent in rows:
            if pk not in top:
                top[pk] = top[parent]
                frontier.append(pk)
    return top


@dataclass
class Cell:
    count: int
    heat: int  # 0 (none) to HEAT_LEVELS
    direct: bool  # the Output itself is aligned
    actions: int  # how many of its Actions are aligned


@dataclass
class Row:
    output: object
    cells: list[Cell]
    total: int


@dataclass
class Matrix:
    choice: str
    columns: list[FrameworkItem]
    rows: list[Row] = field(default_factory=list)
    column_totals: list[int] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(r.total for r in self.rows)


def matrix(plan, choice: str) -> Matrix:
    columns = columns_for(plan, choice)
    top = _top_of(columns)
    index = {c.pk: n for n, c in enumerate(columns)}
    raw = []
    for outcome in tree(plan):
        for output in outcome.outputs.all():
            direct = [0] * len(columns)
            actions = [0] * len(columns)
            for item in output.alignments.all():
                if item.pk in top:
                    direct[index[top[item.pk]]] = 1
            for action in output.actions.all():
                hit = {index[top[i.pk]] for i in action.alignments.all() if i.pk in top}
                for n in hit:
                    actions[n] += 1
            raw.append((output, direct, actions))
    peak = max([d + a for _o, ds, acts in raw for d, a in zip(ds, acts, strict=True)] + [0])
    result = Matrix(choice=choice, columns=columns)
    for output, direct, actions in raw:
        cells = []
        for d, a in zip(direct, actions, strict=True):
            n = d + a
            heat = 0 if n == 0 else max(1, round(HEAT_LEVELS * n / peak))
            cells.append(Cell(count=n, heat=heat, direct=bool(d), actions=a))
        result.rows.append(Row(output=output, cells=cells, total=sum(c.count for c in cells)))
    result.column_totals = [sum(r.cells[n].count for r in result.rows)
                            for n in range(len(columns))]
    return result


# --- What aligns to one Framework item (the reference library's item page) -----------------------

@dataclass
class Aligned:
    plan: object
    findings: list = field(default_factory=list)
    outputs: list = field(default_factory=list)
    actions: list = field(default_factory=list)
    indicators: list = field(default_factory=list)


def aligned_to(item, user) -> list[Aligned]:
    """The Findings, Outputs, Actions and Indicators of the Plans `user` is a Member of that are
    aligned to `item` or one of its sub-items, by Plan. Nothing for anonymous visitors."""
    from wpsnap.analysis.models import Finding
    from wpsnap.plans.models import Member

    from ..models import Action, Indicator, Output

    if user is None or not user.is_authenticated:
        return []
    plans = {m.plan_id: m.plan for m in Member.objects.filter(user=user).select_related("plan")}
    if not plans:
        return []
    ids = list(_top_of([item]))
    out = {pk: Aligned(plan=p) for pk, p in plans.items()}
    for name, qs in (
        ("findings", Finding.objects.order_by("order", "number")),
        ("outputs", Output.objects.order_by("key")),
        ("actions", Action.objects.order_by("key")),
        ("indicators", Indicator.objects.order_by("number")),
    ):
        for obj in qs.filter(plan_id__in=list(plans), alignments__in=ids).distinct():
            getattr(out[obj.plan_id], name).append(obj)
    return [a for a in sorted(out.values(), key=lambda a: a.plan.slug)
            if a.findings or a.outputs or a.actions or a.indicators]
