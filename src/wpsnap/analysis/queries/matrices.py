"""Reads for the matrices: Codes against Area, stakeholder group, sex, age band, and each other.

What is counted:
- the Plan's final Codings only (`sample` empty: a coder's blind double-coding layer never
  counts), of non-archived Codes, on visible Statements (`visible_statements`: withdrawn
  consent drops a Participant's Statements at once);
- Statements of Participants who agreed to analysis but not to quotes ("do not quote") ARE
  counted: their consent covers analysis. Only their text is kept out of the drill-down list
  outside the workspace (`statements_for`).
- each cell holds the number of distinct Statements and of distinct Participants (a Statement
  recorded for a group without a Participant counts as a Statement only).

Outside the workspace (coordinator, analyst) small cells (1–4 Statements or Participants) show
as "<5", a second cell of a row or column may be hidden so the first cannot be worked out from
the totals (`consultations.queries.protect`), and a hidden cell cannot be opened.

The counting is a handful of GROUP BY queries whatever the size of the table.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import CharField, Count, F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wpsnap.consultations.models import Participant
from wpsnap.consultations.queries import (
    SMALL_CELL,
    is_suppressed,
    protect,
    visible_statements,
)

from ..models import Code, Coding

UNKNOWN = "unknown"
DIMENSIONS = ("area", "stakeholder_group", "sex", "age_band", "cooccurrence")
HEAT_LEVELS = 5


def dimension_labels() -> dict[str, str]:
    return {
        "area": gettext_lazy("Area"),
        "stakeholder_group": gettext_lazy("Stakeholder group"),
        "sex": gettext_lazy("Sex"),
        "age_band": gettext_lazy("Age band"),
        "cooccurrence": gettext_lazy("Co-occurrence"),
    }


def matrix_titles() -> dict[str, str]:
    return {
        "area": _("Codes by Area"),
        "stakeholder_group": _("Codes by stakeholder group"),
        "sex": _("Codes by sex"),
        "age_band": _("Codes by age band"),
        "cooccurrence": _("Codes coded together (co-occurrence)"),
    }


# --- The Codebook in tree order -----------------------------------------------------------------

@dataclass
class CodeRow:
    code: Code
    depth: int
    is_group: bool  # has non-archived children: shown as a heading row


def code_tree(plan) -> list[CodeRow]:
    """The Plan's non-archived Codes, depth first, siblings by (order, key)."""
    codes = list(Code.objects.filter(plan=plan, archived_at__isnull=True).order_by("order", "key"))
    ids = {c.id for c in codes}
    children = defaultdict(list)
    for c in codes:
        children[c.parent_id if c.parent_id in ids else None].append(c)
    out: list[CodeRow] = []
    seen: set[int] = set()

    def walk(parent_id, depth):
        for c in children[parent_id]:
            if c.id in seen:
                continue
            seen.add(c.id)
            out.append(CodeRow(c, depth, bool(children[c.id])))
            walk(c.id, depth + 1)

    walk(None, 0)
    return out


# --- Counting -----------------------------------------------------------------------------------

def final_codings(plan):
    """The Plan's Codings that count: final layer, non-archived Codes, visible Statements."""
    return Coding.objects.filter(plan=plan, sample__isnull=True, code__archived_at__isnull=True,
                                 statement__in=visible_statements(plan))


def value_expression(dimension: str, prefix: str = "statement__"):
    """The column a Statement falls in, as an SQL expression ("unknown" when not stated).

    Area: the Participant's Area, else the Consultation's (a group's Statement without a
    Participant was said where the Consultation took place)."""
    if dimension == "area":
        expr = Coalesce(F(f"{prefix}participant__area__code"),
                        F(f"{prefix}consultation__area__code"))
    elif dimension in ("stakeholder_group", "sex", "age_band"):
        expr = NullIf(F(f"{prefix}participant__{dimension}"), Value(""))
    else:
        raise ValueError(dimension)
    return Coalesce(expr, Value(UNKNOWN), output_field=CharField())


def _counts():
    return {"s": Count("statement_id", distinct=True),
            "p": Count("statement__participant_id", distinct=True)}


def cell_counts(plan, dimension: str) -> dict[tuple[int, str], tuple[int, int]]:
    """(code id, column key) → (Statements, Participants). For co-occurrence the column key
    is the other Code's key."""
    base = final_codings(plan)
    if dimension == "cooccurrence":
        rows = (base.filter(statement__codings__sample__isnull=True,
                            statement__codings__code__archived_at__isnull=True)
                .values_list("code_id", "statement__codings__code__key")
                .annotate(**_counts()).order_by())
        return {(code_id, other): (s, p) for code_id, other, s, p in rows}
    rows = (base.annotate(v=value_expression(dimension)).values_list("code_id", "v")
            .annotate(**_counts()).order_by())
    return {(code_id, v): (s, p) for code_id, v, s, p in rows}


# --- The table ----------------------------------------------------------------------------------

@dataclass
class Cell:
    value: str  # the column key (?value= of the drill-down)
    statements: int
    participants: int
    hidden: bool = False
    small: bool = False  # hidden because it is small ("<5"), not only to protect another
    diagonal: bool = False  # co-occurrence of a Code with itself: not shown
    heat: int = 0  # 0–5, for the CSS shading

    @property
    def shown_statements(self):
        return self._shown(self.statements)

    @property
    def shown_participants(self):
        return self._shown(self.participants)

    def _shown(self, n):
        if not self.hidden:
            return n
        return f"<{SMALL_CELL}" if self.small else _("hidden")

    @property
    def linkable(self) -> bool:
        return self.statements > 0 and not self.hidden and not self.diagonal


@dataclass
class Row:
    code: Code
    depth: int
    is_group: bool
    cells: list[Cell]
    total: Cell


@dataclass
class Matrix:
    dimension: str
    columns: list[tuple[str, str]]  # (key, label)
    rows: list[Row]
    column_totals: list[Cell]
    total: Cell
    suppressed: bool
    hidden_rows: int = 0  # Codes without Codings left out
    column_codes: list = field(default_factory=list)  # co-occurrence: the Codes of the columns

    def cell(self, code_id: int, value: str) -> "Cell | None":
        for row in self.rows:
            if row.code.id == code_id:
                for cell in row.cells:
                    if cell.value == value:
                        return cell
        return None


def _columns(plan, dimension: str, seen: set[str], tree: list[CodeRow]) -> list[tuple[str, str]]:
    from wpsnap.frameworks.models import Area

    if dimension == "area":
        areas = Area.objects.filter(code__in=seen - {UNKNOWN}, country=plan.country or "KH")
        cols = [(a.code, a.t("name")) for a in areas.order_by("code")]
        known = {k for k, _label in cols}
        cols += [(k, k) for k in sorted(seen - known - {UNKNOWN})]  # another country's code
    elif dimension == "stakeholder_group":
        cols = [(k, str(label)) for k, label in Participant.StakeholderGroup.choices]
    elif dimension == "sex":
        cols = [(k, str(label)) for k, label in Participant.Sex.choices]
    elif dimension == "age_band":
        cols = [(k, str(label)) for k, label in Participant.AgeBand.choices]
    else:
        return [(r.code.key, r.code.t("label")) for r in tree if r.code.key in seen]
    keys = {k for k, _label in cols}
    if UNKNOWN in seen and UNKNOWN not in keys:
        cols.append((UNKNOWN, _("Not stated")))
    return cols


def _hide(matrix: list[list[int]], symmetric: bool) -> list[list[bool]]:
    if symmetric:  # not additive: only small cells are hidden; the diagonal is never shown
        return [[is_suppressed(n) for n in row] for row in matrix]
    return protect(matrix)


def _risk(s: int, p: int) -> int:
    """The count that decides whether a cell is small: the smaller non-zero of the two."""
    nonzero = [n for n in (s, p) if n]
    return min(nonzero) if nonzero else 0


def _total_cell(value, s, p, suppressed) -> Cell:
    small = suppressed and is_suppressed(_risk(s, p))
    return Cell(value, s, p, hidden=small, small=small)


def build_matrix(plan, dimension: str, *, suppressed: bool, include_empty: bool = False) -> Matrix:
    if dimension not in DIMENSIONS:
        raise ValueError(dimension)
    cooc = dimension == "cooccurrence"
    tree = code_tree(plan)
    counts = cell_counts(plan, dimension)
    base = final_codings(plan)
    row_totals = {code_id: (s, p) for code_id, s, p in
                  base.values_list("code_id").annotate(**_counts()).order_by()}
    if cooc:
        keys = {r.code.id: r.code.key for r in tree}
        col_totals = {keys[k]: v for k, v in row_totals.items() if k in keys}
    else:
        col_totals = {v: (s, p) for v, s, p in base.annotate(v=value_expression(dimension))
                      .values_list("v").annotate(**_counts()).order_by()}
    grand = base.aggregate(**_counts())
    seen = {v for (_c, v) in counts} | set(col_totals)
    columns = _columns(plan, dimension, seen, tree)

    # Rows: Codes with Codings, and the groups above them (unless every Code is asked for).
    by_id = {r.code.id: r for r in tree}
    keep = set()
    for r in tree:
        if include_empty or row_totals.get(r.code.id):
            node = r.code
            while node is not None and node.id not in keep:
                keep.add(node.id)
                node = by_id[node.parent_id].code if node.parent_id in by_id else None
    tree_rows = [r for r in tree if r.code.id in keep]

    raw = [[counts.get((r.code.id, key), (0, 0)) for key, _label in columns] for r in tree_rows]
    risk = [[0 if cooc and key == r.code.key else _risk(s, p)
             for (key, _label), (s, p) in zip(columns, line, strict=True)]
            for r, line in zip(tree_rows, raw, strict=True)]
    mask = _hide(risk, cooc) if suppressed and risk else [[False] * len(columns) for _ in risk]
    top = max([n[0] for line, hides, r in zip(raw, mask, tree_rows, strict=True)
               for n, h, (key, _l) in zip(line, hides, columns, strict=True)
               if not h and not (cooc and key == r.code.key)] + [0])

    rows = []
    for r, line, hides, risks in zip(tree_rows, raw, mask, risk, strict=True):
        cells = []
        for (key, _label), (s, p), hidden, n in zip(columns, line, hides, risks, strict=True):
            diagonal = cooc and key == r.code.key
            cell = Cell(key, s, p, hidden=hidden and not diagonal,
                        small=hidden and is_suppressed(n), diagonal=diagonal)
            if s and top and not cell.hidden and not diagonal:
                cell.heat = max(1, min(HEAT_LEVELS, -(-HEAT_LEVELS * s // top)))
            cells.append(cell)
        s, p = row_totals.get(r.code.id, (0, 0))
        rows.append(Row(r.code, r.depth, r.is_group, cells,
                        _total_cell("", s, p, suppressed)))
    column_totals = [_total_cell(key, *col_totals.get(key, (0, 0)), suppressed)
                     for key, _label in columns]
    return Matrix(
        dimension=dimension, columns=columns, rows=rows, column_totals=column_totals,
        total=_total_cell("", grand["s"], grand["p"], suppressed), suppressed=suppressed,
        hidden_rows=len(tree) - len(tree_rows),
        column_codes=[r.code for r in tree if r.code.key in dict(columns)] if cooc else [],
    )


# --- Drill-down ---------------------------------------------------------------------------------

def cell_statements(statements, plan, dimension: str, code: Code, value: str):
    """The Statements of one cell, taken from `statements` (visible_statements or
    statements_for(member)): those with a final Coding of `code` and, for co-occurrence, of
    the other Code `value` (a key) too; else those whose dimension value is `value`."""
    coded = Coding.objects.filter(plan=plan, sample__isnull=True, code=code)
    qs = statements.filter(id__in=coded.values("statement_id"))
    if dimension == "cooccurrence":
        other = Coding.objects.filter(plan=plan, sample__isnull=True, code__key=value,
                                      code__archived_at__isnull=True)
        return qs.filter(id__in=other.values("statement_id"))
    return qs.annotate(cell_value=value_expression(dimension, prefix="")).filter(
        cell_value=value)


def column_label(plan, dimension: str, value: str) -> str:
    from wpsnap.frameworks.models import Area

    if value == UNKNOWN and dimension != "cooccurrence":
        return _("Not stated")
    if dimension == "area":
        area = Area.objects.filter(code=value, country=plan.country or "KH").first()
        return area.t("name") if area else value
    if dimension == "cooccurrence":
        code = Code.objects.filter(plan=plan, key=value).first()
        return code.t("label") if code else value
    choices = {"stakeholder_group": Participant.StakeholderGroup, "sex": Participant.Sex,
               "age_band": Participant.AgeBand}[dimension]
    return dict(choices.choices).get(value, value)


def codes_on(statements) -> dict[int, list[Code]]:
    """statement id → the Codes of its final Codings (for the workspace's drill-down)."""
    out: dict[int, list[Code]] = defaultdict(list)
    rows = (Coding.objects.filter(statement__in=[s.id for s in statements], sample__isnull=True)
            .select_related("code").order_by("code__order", "code__key"))
    for coding in rows:
        if coding.code not in out[coding.statement_id]:
            out[coding.statement_id].append(coding.code)
    return out
