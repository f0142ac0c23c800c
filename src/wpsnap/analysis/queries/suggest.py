"""Reads for the coding assistant: its training data, the current Suggester and its figures."""

from dataclasses import dataclass

import numpy as np

from wpsnap.consultations.queries import visible_statements

from ..models import Code, Coding, Suggester, SuggestionDecision


@dataclass
class TrainingData:
    """Statement-level labels of the Plan's accepted codings.

    Rows: the visible Statements with a final Coding of an active Code (usable for every Code)
    and those where a suggestion was rejected (usable only for the rejected Code)."""

    statement_ids: list[int]
    texts: list[str]  # Statement.search_text
    y: np.ndarray  # (statements, codes) bool
    mask: np.ndarray  # (statements, codes) bool
    code_ids: list[int]
    keys: list[str]
    codings: int  # final Codings used

    @property
    def coded(self) -> int:
        return int(self.mask.all(axis=1).sum()) if len(self.statement_ids) else 0


def active_codes(plan):
    """Codes that may be suggested: the Plan's, not archived (merged Codes are archived)."""
    return Code.objects.filter(plan=plan, archived_at__isnull=True)


def training_data(plan) -> TrainingData:
    codes = list(active_codes(plan).order_by("id").values_list("id", "key"))
    column = {code_id: k for k, (code_id, _key) in enumerate(codes)}
    visible = visible_statements(plan)
    pairs = list(Coding.objects.filter(plan=plan, sample__isnull=True,
                                       statement__in=visible.values("pk"),
                                       code__archived_at__isnull=True)
                 .values_list("statement_id", "code_id"))
    rejected = list(SuggestionDecision.objects.filter(plan=plan, accepted=False,
                                                      statement__in=visible.values("pk"),
                                                      code__archived_at__isnull=True)
                    .values_list("statement_id", "code_id"))
    coded = {s for s, _c in pairs}
    wanted = coded | {s for s, _c in rejected}
    statement_ids, texts = [], []
    if wanted:
        for pk, text in (visible.filter(pk__in=_id_subquery(plan))
                         .order_by("pk").values_list("pk", "search_text").iterator(2000)):
            if pk in wanted:
                statement_ids.append(pk)
                texts.append(text or "")
    row = {pk: i for i, pk in enumerate(statement_ids)}
    y = np.zeros((len(statement_ids), len(codes)), dtype=bool)
    mask = np.zeros_like(y)
    for s, c in pairs:
        if s in row and c in column:
            y[row[s], column[c]] = True
    for pk in coded:
        if pk in row:
            mask[row[pk], :] = True
    for s, c in rejected:
        if s in row and c in column:
            mask[row[s], column[c]] = True
    return TrainingData(statement_ids, texts, y, mask, [c for c, _k in codes],
                        [k for _c, k in codes], len(set(pairs)))


def _id_subquery(plan):
    """Statement ids as a subquery (no huge IN lists): those with a final Coding or a decision."""
    from django.db.models import Q

    from wpsnap.consultations.models import Statement

    return Statement.objects.filter(plan=plan).filter(
        Q(codings__sample__isnull=True) | Q(suggestion_decisions__accepted=False)
    ).values("pk")


def current(plan) -> Suggester | None:
    """The newest ready Suggester of the Plan (the one that suggests), if any."""
    return (Suggester.objects.filter(plan=plan, status=Suggester.Status.READY)
            .order_by("-finished_at", "-pk").first())


def latest(plan) -> Suggester | None:
    """The newest Suggester whatever its state (a training in progress shows its bar)."""
    return Suggester.objects.filter(plan=plan).order_by("-created_at", "-pk").first()


def running(plan) -> Suggester | None:
    return (Suggester.objects.filter(plan=plan, status__in=(Suggester.Status.PENDING,
                                                          Suggester.Status.TRAINING))
            .order_by("-created_at", "-pk").first())


@dataclass
class QualityRow:
    code: Code | None
    key: str
    precision: float
    recall: float
    f1: float
    support: int
    counted: bool  # in the macro/micro averages (enough examples)


def quality_rows(plan, metrics: dict) -> list[QualityRow]:
    """The per-Code figures of a Suggester's metrics, most examples first, with their Codes."""
    figures = (metrics or {}).get("codes") or {}
    min_support = (metrics or {}).get("min_support") or 5
    codes = {c.key: c for c in Code.objects.filter(plan=plan, key__in=list(figures))}
    rows = [QualityRow(codes.get(key), key, f.get("precision", 0), f.get("recall", 0),
                       f.get("f1", 0), f.get("support", 0), f.get("support", 0) >= min_support)
            for key, f in figures.items() if f.get("support", 0) > 0]
    rows.sort(key=lambda r: (-r.support, r.key))
    return rows
