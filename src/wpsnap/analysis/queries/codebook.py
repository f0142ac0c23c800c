"""Reads of the Codebook: the tree with counts, a Code's page, key lookups that follow merges."""

from dataclasses import dataclass, field

from django.db.models import Count

from wpsnap.consultations.queries import (
    in_workspace,
    statements_for,
    suppress,
    visible_statements,
)

from ..models import Code, Coding


@dataclass
class Node:
    code: Code
    depth: int
    codings: int | str = 0
    statements: int | str = 0
    children: list = field(default_factory=list)


def final_counts(plan) -> dict[int, tuple[int, int]]:
    """{code id: (final Codings, distinct Statements)} over the visible Statements."""
    rows = (Coding.objects.filter(plan=plan, sample__isnull=True,
                                  statement__in=visible_statements(plan))
            .values("code").annotate(n=Count("id"), s=Count("statement", distinct=True)))
    return {row["code"]: (row["n"], row["s"]) for row in rows}


def walk(codes, parent_of=lambda c: c.parent_id):
    """`codes` in tree order (parents before their children, siblings by order and key), as
    (code, depth). Codes whose parent is not among `codes` are roots."""
    by_parent: dict[int | None, list] = {}
    ids = {c.pk for c in codes}
    for code in codes:
        parent = parent_of(code)
        by_parent.setdefault(parent if parent in ids else None, []).append(code)
    for siblings in by_parent.values():
        siblings.sort(key=lambda c: (c.order, c.key))
    out, seen = [], set()

    def visit(parent, depth):
        for code in by_parent.get(parent, []):
            if code.pk in seen:  # defensive: a cycle cannot be saved, but never loop
                continue
            seen.add(code.pk)
            out.append((code, depth))
            visit(code.pk, depth + 1)

    visit(None, 0)
    return out


def codebook_tree(plan, *, exact: bool) -> dict:
    """The active Codes as a list of Nodes in tree order, and the archived (merged) ones.
    Counts are exact in the workspace, else small counts are shown as "<5"."""
    codes = list(Code.objects.filter(plan=plan).select_related(
        "pillar", "security_issue", "merged_into", "parent"))
    counts = final_counts(plan)
    show = (lambda n: n) if exact else suppress
    active = [c for c in codes if c.archived_at is None]
    nodes = []
    for code, depth in walk(active):
        n, s = counts.get(code.pk, (0, 0))
        nodes.append(Node(code, depth, show(n), show(s)))
    archived = sorted((c for c in codes if c.archived_at is not None),
                      key=lambda c: (c.key,))
    for code in archived:
        code.resolved = resolve(code)
    return {"nodes": nodes, "archived": archived, "count": len(active)}


def resolve(code: Code | None) -> Code | None:
    """The Code that lives on for `code`: itself, or the end of its chain of merges."""
    seen = set()
    while code is not None and code.merged_into_id and code.pk not in seen:
        seen.add(code.pk)
        code = code.merged_into
    return code


def key_index(plan) -> dict[str, Code]:
    """{key: the Code that lives on for it} for every Code of the Plan (merged keys resolve to
    their target), plus case-folded keys where they are not ambiguous."""
    codes = {c.pk: c for c in Code.objects.filter(plan=plan)}
    index: dict[str, Code] = {}

    def live(code):
        seen = set()
        while code.merged_into_id and code.merged_into_id in codes and code.pk not in seen:
            seen.add(code.pk)
            code = codes[code.merged_into_id]
        return code

    for code in codes.values():
        index[code.key] = live(code)
    folded: dict[str, set[int]] = {}
    for code in codes.values():
        folded.setdefault(code.key.casefold(), set()).add(code.pk)
    for key, pks in folded.items():
        if len(pks) == 1 and key not in index:
            index[key] = live(codes[next(iter(pks))])
    return index


def recent_statements(member, code: Code, limit: int = 10):
    """The latest Statements coded with `code` (final layer) that the Member may read."""
    readable = statements_for(member)
    ids = list(Coding.objects.filter(plan=member.plan, code=code, sample__isnull=True,
                                     statement__in=readable)
               .order_by("-created_at", "-id").values_list("statement_id", flat=True)[:limit * 3])
    ordered = list(dict.fromkeys(ids))[:limit]
    found = {s.pk: s for s in readable.filter(pk__in=ordered).select_related(
        "consultation", "participant", "participant__area", "participant__consent")}
    return [found[pk] for pk in ordered if pk in found]


def code_detail(member, code: Code) -> dict:
    n, s = final_counts(member.plan).get(code.pk, (0, 0))
    exact = in_workspace(member)
    return {
        "codings": n if exact else suppress(n),
        "statements": s if exact else suppress(s),
        "children": list(code.children.filter(archived_at__isnull=True).order_by("order", "key")),
        "merged_codes": list(code.merged_codes.order_by("key")),
        "recent": recent_statements(member, code),
        "path": ancestors(code),
    }


def ancestors(code: Code) -> list[Code]:
    out, seen = [], set()
    parent = code.parent
    while parent is not None and parent.pk not in seen:
        seen.add(parent.pk)
        out.append(parent)
        parent = parent.parent
    return list(reversed(out))


def split_codings(code: Code, limit: int = 1000):
    """The final-layer Codings of `code` on visible Statements, for the split page."""
    codings = list(Coding.objects.filter(code=code, sample__isnull=True,
                                         statement__in=visible_statements(code.plan))
                   .select_related("statement").order_by("statement_id", "start")[:limit])
    for coding in codings:
        coding.span_text = coding.statement.text[coding.start:coding.end]
    return codings
