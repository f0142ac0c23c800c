"""Reads of the coordination mechanism: the Bodies (with chair and secretariat from their
Memberships), the reporting tree and its diagram, the roles-and-responsibilities matrix and one
Organisation's share of the Plan.

Every function reads a fixed number of queries, whatever the number of Bodies, Organisations,
Outputs or Actions: lists are prefetched and assembled in Python.
"""

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from wpsnap.core.bilingual import pick
from wpsnap.plans.models import Organisation

from ..models import (
    Action,
    Body,
    BudgetLine,
    Indicator,
    Membership,
    Outcome,
    Output,
    Responsibility,
)

ROLE_ORDER = {role: n for n, role in enumerate(
    [Membership.Role.CHAIR, Membership.Role.CO_CHAIR, Membership.Role.SECRETARIAT,
     Membership.Role.MEMBER, Membership.Role.OBSERVER])}
RESPONSIBILITY_ORDER = {role: n for n, role in enumerate(Responsibility.Role.values)}
LEVEL_ORDER = {level: n for n, level in enumerate(Body.Level.values)}


# --- Bodies -------------------------------------------------------------------------------------

def _sorted_memberships(memberships) -> list[Membership]:
    return sorted(memberships, key=lambda m: (ROLE_ORDER.get(m.role, 99),
                                              m.organisation.name_en.lower()))


def _decorate(body: Body) -> Body:
    """Give a Body with prefetched memberships its `members` (sorted by role), `chair`,
    `co_chairs` and `secretariat` (Organisations), read from those Memberships."""
    body.members = _sorted_memberships(body.memberships.all())
    body.chair = next((m.organisation for m in body.members
                       if m.role == Membership.Role.CHAIR), None)
    body.co_chairs = [m.organisation for m in body.members if m.role == Membership.Role.CO_CHAIR]
    body.secretariat = [m.organisation for m in body.members
                        if m.role == Membership.Role.SECRETARIAT]
    return body


def bodies(plan) -> list[Body]:
    """The Plan's Bodies in their order, decorated (see _decorate). Two queries."""
    rows = (Body.objects.filter(plan=plan)
            .select_related("reports_to", "area", "pillar")
            .prefetch_related(Prefetch("memberships",
                                       queryset=Membership.objects.select_related("organisation"))))
    return [_decorate(b) for b in rows]


def body(plan, body_id) -> Body | None:
    row = (Body.objects.filter(plan=plan, pk=body_id)
           .select_related("reports_to", "area", "pillar")
           .prefetch_related(Prefetch("memberships",
                                      queryset=Membership.objects.select_related("organisation")),
                             "reporting_bodies")
           .first())
    return _decorate(row) if row is not None else None


def by_level(rows: list[Body]) -> list[dict]:
    """[{"level": value, "label": …, "bodies": [...]}] in the order national → local."""
    groups = defaultdict(list)
    for b in rows:
        groups[b.level].append(b)
    return [{"level": level, "label": label, "bodies": groups[level]}
            for level, label in Body.Level.choices if groups.get(level)]


@dataclass
class TreeNode:
    body: Body
    depth: int = 0
    children: list["TreeNode"] = field(default_factory=list)


def reporting_tree(rows: list[Body]) -> list[TreeNode]:
    """The reporting lines as a forest: the Bodies that report to no one (or to a Body not in
    `rows`) at the top, each with the Bodies that report to it. Safe against a circle (a Body
    is placed once)."""
    by_pk = {b.pk: b for b in rows}
    children = defaultdict(list)
    roots = []
    for b in rows:
        if b.reports_to_id in by_pk:
            children[b.reports_to_id].append(b)
        else:
            roots.append(b)
    placed = set()

    def build(b: Body, depth: int) -> TreeNode:
        placed.add(b.pk)
        node = TreeNode(b, depth)
        node.children = [build(c, depth + 1) for c in children[b.pk] if c.pk not in placed]
        return node

    forest = [build(b, 0) for b in roots]
    # Bodies caught in a circle (the rules refuse one; a guard all the same) become roots.
    forest += [build(b, 0) for b in rows if b.pk not in placed]
    return forest


# --- The diagram --------------------------------------------------------------------------------

BOX_W, BOX_H = 190, 78
GAP_X, GAP_Y = 22, 46
MARGIN = 10
FONT_PX = 13
LINE_H = 16
MAX_LINES = 3
TEXT_W = BOX_W - 16
WRAP = 4  # more Bodies than this with none below them, under one Body: stacked in rows

COENG = "\u17d2"


def _is_khmer(ch: str) -> bool:
    return "\u1780" <= ch <= "\u17ff" or "\u19e0" <= ch <= "\u19ff"


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch) in ("Mn", "Mc", "Me") or ch in "\u200b\u200c\u200d"


def clusters(text: str) -> list[str]:
    """Split text into the units a line may break between without breaking a glyph: a base
    character with its combining marks (a Khmer consonant with its vowel signs and the
    subscript consonants that follow a coeng)."""
    out: list[str] = []
    for ch in text:
        if out and (_is_mark(ch) or out[-1].endswith(COENG)):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def text_width(text: str) -> float:
    """An estimate of the width in pixels of `text` at FONT_PX (no font metrics on the
    server): a Khmer cluster is wider than a Latin letter; marks take no room of their own."""
    width = 0.0
    for cl in clusters(text):
        ch = cl[0]
        if _is_khmer(ch):
            width += FONT_PX * 0.82
        elif ch == " ":
            width += FONT_PX * 0.3
        elif ch.isupper() or ch in "mwMW":
            width += FONT_PX * 0.72
        else:
            width += FONT_PX * 0.56
    return width


def wrap(text: str, width: float = TEXT_W, max_lines: int = MAX_LINES) -> list[str]:
    """Lines of at most `width` pixels: break at spaces (and zero-width spaces, which Khmer
    uses between words); a word too long for a line is broken between clusters. More than
    `max_lines` lines end with an ellipsis."""
    words = [w for w in text.replace("\u200b", " ").split() if w]
    lines: list[str] = []
    line = ""
    for word in words:
        candidate = f"{line} {word}" if line else word
        if text_width(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
            line = ""
        if text_width(word) <= width:
            line = word
            continue
        for cl in clusters(word):  # the word alone is too long: break it between clusters
            if text_width(line + cl) > width and line:
                lines.append(line)
                line = ""
            line += cl
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and text_width(last + "…") > width:
            last = "".join(clusters(last)[:-1])
        lines = lines[:max_lines - 1] + [last.rstrip() + "…"]
    return lines


def diagram(rows: list[Body]) -> dict:
    """A layered tree layout of the reporting lines, for an SVG drawn in the template.

    Each Body is a box on the row of its depth (Bodies that report to no one on top); a Body's
    box sits centred over the Bodies that report to it; leaves take the next free slot from
    the left. When more than WRAP Bodies that have none below them report to the same Body
    (e.g. one working group per province), they are stacked in rows of WRAP under it, joined
    by one trunk line, so the drawing grows down rather than far to the right.

    Returns {"width", "height", "nodes": [...], "edges": [...], "summary": [...]}: a node has
    its Body, x, y, text lines (with their language) and a caption (the chair); an edge is an
    SVG path, with an arrow head where it reaches the Body reported to."""
    forest = reporting_tree(rows)
    nodes, edges = [], []
    slot = 0
    max_depth = 0
    step_x, step_y = BOX_W + GAP_X, BOX_H + GAP_Y

    def top_of(depth: int) -> float:
        return MARGIN + depth * step_y

    def box(body: Body, cx: float, depth: int) -> None:
        nonlocal max_depth
        max_depth = max(max_depth, depth)
        x, y = cx - BOX_W / 2, top_of(depth)
        picked = pick(body, "name")
        lines = wrap(picked.text)
        caption = ""
        if body.chair is not None:
            caption = _("Chair: %(organisation)s") % {
                "organisation": body.chair.abbreviation or body.chair.t("name")}
            caption = wrap(caption, max_lines=1)[0]
        first_y = y + 8 + LINE_H - 3 + (MAX_LINES - len(lines)) * LINE_H / 2
        nodes.append({
            "body": body, "x": round(x, 1), "y": round(y, 1), "cx": round(cx, 1),
            "lang": picked.lang or "en",
            "lines": [{"text": t, "y": round(first_y + i * LINE_H, 1)}
                      for i, t in enumerate(lines)],
            "caption": caption, "caption_y": round(y + BOX_H - 9, 1),
        })

    def wrapped(node: TreeNode) -> float:
        """Leaves in rows of WRAP under `node`; a trunk from the parent down the middle gap."""
        nonlocal slot
        first = slot
        slot += WRAP
        cx = MARGIN + first * step_x + (WRAP * step_x - GAP_X) / 2
        bottom = top_of(node.depth) + BOX_H
        last_bus = bottom
        for i, child in enumerate(node.children):
            row, col = divmod(i, WRAP)
            child_cx = MARGIN + (first + col) * step_x + BOX_W / 2
            depth = node.depth + 1 + row
            box(child.body, child_cx, depth)
            bus = top_of(depth) - GAP_Y / 2
            last_bus = max(last_bus, bus)
            edges.append({"d": f"M{child_cx:g} {top_of(depth):g} V{bus:g} H{cx:g}",
                          "arrow": False})
        edges.append({"d": f"M{cx:g} {last_bus:g} V{bottom:g}", "arrow": True})
        return cx

    def place(node: TreeNode) -> float:
        nonlocal slot
        if len(node.children) > WRAP and not any(c.children for c in node.children):
            cx = wrapped(node)
        elif node.children:
            centres = [place(c) for c in node.children]
            cx = (centres[0] + centres[-1]) / 2
            bottom = top_of(node.depth) + BOX_H
            for child, child_cx in zip(node.children, centres, strict=True):
                edges.append({"d": f"M{child_cx:g} {top_of(child.depth):g} "
                                   f"V{bottom + GAP_Y / 2:g} H{cx:g} V{bottom:g}",
                              "arrow": True})
        else:
            cx = MARGIN + slot * step_x + BOX_W / 2
            slot += 1
        box(node.body, cx, node.depth)
        return cx

    for root in forest:
        place(root)
    width = MARGIN * 2 + max(slot, 1) * step_x - GAP_X
    height = MARGIN * 2 + (max_depth + 1) * step_y - GAP_Y
    shown = {b.pk for b in rows}
    summary = []
    for b in rows:
        if b.reports_to_id in shown:
            summary.append(_("%(body)s reports to %(parent)s.") % {
                "body": b.t("name"), "parent": b.reports_to.t("name")})
        else:
            summary.append(_("%(body)s reports to no other Body.") % {"body": b.t("name")})
    return {"width": round(width), "height": round(height), "nodes": nodes, "edges": edges,
            "summary": summary, "box_w": BOX_W, "box_h": BOX_H}


# --- The roles-and-responsibilities matrix ------------------------------------------------------

def find_target(plan, name: str):
    """The Action or Output of `plan` named "action:KEY" / "output:KEY", or None."""
    kind, _sep, key = (name or "").partition(":")
    model = {"action": Action, "output": Output}.get(kind)
    if model is None or not key:
        return None
    return model.objects.filter(plan=plan, key=key).first()


@dataclass
class Column:
    kind: str  # "output" or "action"
    obj: object
    outcome: Outcome

    @property
    def name(self) -> str:
        return f"{self.kind}:{self.obj.key}"

    @property
    def dom(self) -> str:
        return f"{self.kind[0]}{self.obj.pk}"


def matrix(plan, *, show: str = "all", outcome_key: str = "", org_type: str = "") -> dict:
    """The grid: columns are each Outcome's Outputs, each followed by its Actions; rows are the
    Plan's Organisations, those with a role first (then by name), or only those with a role
    (`show="responsible"`), or of one type. `outcome_key` keeps one Outcome's columns.
    Five queries, whatever the size."""
    outcomes = list(Outcome.objects.filter(plan=plan).order_by("order", "number"))
    if outcome_key:
        outcomes = [o for o in outcomes if o.key == outcome_key]
    outputs = list(Output.objects.filter(plan=plan, outcome__in=outcomes)
                   .order_by("order", "number")) if outcomes else []
    actions = list(Action.objects.filter(plan=plan, output__in=outputs)
                   .order_by("order", "number")) if outputs else []
    actions_of = defaultdict(list)
    for a in actions:
        actions_of[a.output_id].append(a)
    outputs_of = defaultdict(list)
    for o in outputs:
        outputs_of[o.outcome_id].append(o)

    columns: list[Column] = []
    groups = []
    for outcome in outcomes:
        start = len(columns)
        for output in outputs_of[outcome.pk]:
            columns.append(Column("output", output, outcome))
            columns.extend(Column("action", a, outcome) for a in actions_of[output.pk])
        if len(columns) > start:
            groups.append({"outcome": outcome, "span": len(columns) - start})

    roles = {}
    for org_id, action_id, output_id, role in Responsibility.objects.filter(plan=plan).values_list(
            "organisation_id", "action_id", "output_id", "role"):
        roles[(org_id, f"a{action_id}" if action_id else f"o{output_id}")] = role
    with_roles = {org_id for org_id, _dom in roles}
    organisations = Organisation.objects.filter(plan=plan)
    if org_type:
        organisations = organisations.filter(type=org_type)
    organisations = sorted(organisations, key=lambda o: (o.pk not in with_roles,
                                                         o.name_en.lower()))
    if show == "responsible":
        organisations = [o for o in organisations if o.pk in with_roles]
    rows = []
    for org in organisations:
        cells = [cell(org, c, roles.get((org.pk, c.dom), "")) for c in columns]
        rows.append({"organisation": org, "cells": cells,
                     "count": sum(1 for c in cells if c["role"])})
    return {"columns": columns, "groups": groups, "rows": rows,
            "outputs": outputs, "actions": actions,
            "has_responsibilities": bool(with_roles)}


def cell(organisation, column: Column, role: str) -> dict:
    """What one cell of the grid needs to render (also used for one re-rendered cell)."""
    return {"organisation": organisation, "column": column, "role": role or "",
            "role_label": Responsibility.Role(role).label if role else "",
            "id": f"cell-{organisation.pk}-{column.dom}"}


def column_for(target) -> Column:
    if isinstance(target, Action):
        return Column("action", target, None)
    return Column("output", target, None)


def role_of(organisation, target) -> str:
    where = {"action": target} if isinstance(target, Action) else {"output": target}
    return (Responsibility.objects.filter(organisation=organisation, **where)
            .values_list("role", flat=True).first() or "")


# --- One Organisation's share of the Plan -------------------------------------------------------

def organisation_plan(plan, organisation) -> dict:
    """What `organisation` is responsible for: its Actions and Outputs by role (with the other
    Organisations' roles on each, the timeframe and budget lines), its Body memberships and the
    Indicators it is responsible for. Six queries."""
    mine = list(Responsibility.objects.filter(plan=plan, organisation=organisation)
                .select_related("action__output__outcome", "output__outcome"))
    action_ids = [r.action_id for r in mine if r.action_id]
    output_ids = [r.output_id for r in mine if r.output_id]
    others = defaultdict(list)
    if mine:
        for r in (Responsibility.objects.filter(Q(action_id__in=action_ids)
                                                | Q(output_id__in=output_ids))
                  .exclude(organisation=organisation).select_related("organisation")):
            others[("a", r.action_id) if r.action_id else ("o", r.output_id)].append(r)
    budget = defaultdict(list)
    for line in BudgetLine.objects.filter(action_id__in=action_ids).order_by("year", "id"):
        budget[line.action_id].append(line)

    groups = {role: [] for role in Responsibility.Role.values}
    totals = defaultdict(lambda: {"all": Decimal(0), "secured": Decimal(0)})
    for r in mine:
        target = r.action or r.output
        dom = ("a", r.action_id) if r.action_id else ("o", r.output_id)
        lines = budget.get(r.action_id, []) if r.action_id else []
        item = {
            "kind": "action" if r.action_id else "output",
            "target": target,
            "outcome": (r.action.output.outcome if r.action_id else r.output.outcome),
            "output": r.action.output if r.action_id else None,
            "role": r.role,
            "with": sorted(others.get(dom, []),
                           key=lambda o: (RESPONSIBILITY_ORDER[o.role],
                                          o.organisation.name_en.lower())),
            "budget_lines": lines,
        }
        groups[r.role].append(item)
        if r.role == Responsibility.Role.LEAD:
            for line in lines:
                totals[line.currency]["all"] += line.amount
                if line.secured:
                    totals[line.currency]["secured"] += line.amount
    for items in groups.values():
        items.sort(key=lambda i: (i["outcome"].order, i["outcome"].number,
                                  i["kind"] == "action", i["target"].key))
    memberships = _sorted_memberships(
        Membership.objects.filter(body__plan=plan, organisation=organisation)
        .select_related("body", "organisation"))
    memberships.sort(key=lambda m: (LEVEL_ORDER.get(m.body.level, 9), m.body.order, m.body.pk))
    indicators = list(Indicator.objects.filter(plan=plan, responsible=organisation)
                      .select_related("outcome", "output").prefetch_related("targets")
                      .order_by("order", "number"))
    return {
        "groups": [{"role": role, "label": label, "items": groups[role]}
                   for role, label in Responsibility.Role.choices],
        "count": len(mine),
        "lead_budget": [{"currency": cur, **amounts} for cur, amounts in sorted(totals.items())],
        "memberships": memberships,
        "indicators": indicators,
    }


def open_workshops(plan):
    """Workshops of the Plan an extra question can still be added to (draft or open)."""
    from wpsnap.validation.models import Workshop

    return (Workshop.objects.filter(plan=plan, state__in=[Workshop.State.DRAFT,
                                                          Workshop.State.OPEN])
            .order_by("-created_at"))
