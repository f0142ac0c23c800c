"""Reads of the coding workspace: the queue of Statements to code, one Statement with its
Codings, the Codebook as a list to apply, and the counts that update as one codes."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404

from wpsnap.consultations.queries import filter_statements, visible_statements

from ..models import AgreementSample, Code, Coding
from .codebook import walk

EXCERPT = 160


def visible_codings(plan, user, statement):
    """The Codings of `statement` that `user` may see: the Plan's final layer plus the user's
    own blind-layer Codings of OPEN double-coding samples; never another coder's blind layer."""
    own_blind = Q(sample__isnull=False, sample__status=AgreementSample.Status.OPEN,
                  coder_id=getattr(user, "pk", None) or -1)
    return (Coding.objects.filter(plan=plan, statement=statement)
            .filter(Q(sample__isnull=True) | own_blind)
            .select_related("code", "coder", "sample")
            .order_by("start", "end", "code__order", "code__key", "id"))


# --- The queue ----------------------------------------------------------------------------------

def sample_of_coder(plan, user, sample_id):
    """The double-coding sample `sample_id` of the Plan in which `user` is one of the two coders;
    404 for anyone else (the sample's existence is not disclosed)."""
    try:
        sample_id = int(sample_id)
    except (TypeError, ValueError):
        raise Http404 from None
    sample = (AgreementSample.objects.filter(plan=plan, pk=sample_id)
              .filter(Q(coder_a=user) | Q(coder_b=user)).first())
    if sample is None:
        raise Http404
    return sample


def layer(plan, user, sample=None):
    """The Codings that count as "coded" in a queue: the user's own layer of `sample`, or the
    Plan's final layer."""
    if sample is not None:
        return Coding.objects.filter(plan=plan, sample=sample, coder=user)
    return Coding.objects.filter(plan=plan, sample__isnull=True)


@dataclass
class Queue:
    """The Statements of a queue, without (`base`) and with (`statements`) the coded filter."""

    base: object
    statements: object
    codings: object  # the layer the queue counts


def queue(plan, user, data: dict, *, sample=None, status="", code=None) -> Queue:
    """The queue for the cleaned filters `data` of the Statements browser, narrowed to a
    double-coding sample, to Statements coded with `code`, and by `status` ("uncoded", "coded"
    or "" for all)."""
    codings = layer(plan, user, sample)
    qs = filter_statements(visible_statements(plan), data)
    if sample is not None:
        qs = qs.filter(pk__in=sample.statements.values("pk"))
    if code is not None:
        qs = qs.filter(pk__in=codings.filter(code=code).values("statement_id"))
    coded = Exists(codings.filter(statement=OuterRef("pk")))
    if status == "uncoded":
        statements = qs.filter(~coded)
    elif status == "coded":
        statements = qs.filter(coded)
    else:
        statements = qs
    return Queue(base=qs, statements=statements, codings=codings)


def progress(q: Queue) -> dict:
    """How many Statements of the queue are coded, of how many."""
    total = q.base.count()
    coded = q.base.filter(pk__in=q.codings.values("statement_id")).count() if total else 0
    return {"coded": coded, "total": total,
            "percent": round(100 * coded / total) if total else 0}


def with_coding_counts(statements, codings):
    """Annotate `n_codings`: the Codings of the queue's layer on each Statement."""
    ids = [s.pk for s in statements]
    counts = dict(codings.filter(statement_id__in=ids).values_list("statement_id")
                  .annotate(n=Count("id")).order_by())
    for s in statements:
        s.n_codings = counts.get(s.pk, 0)
    return statements


def neighbours(statements, statement_id: int) -> tuple[int | None, int | None]:
    """The previous and next Statement of the queue around `statement_id` (in id order)."""
    prev_id = (statements.filter(pk__lt=statement_id).order_by("-pk")
               .values_list("pk", flat=True).first())
    next_id = (statements.filter(pk__gt=statement_id).order_by("pk")
               .values_list("pk", flat=True).first())
    return prev_id, next_id


def excerpt(text: str, size: int = EXCERPT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[:size - 1].rstrip() + "…"


# --- The Codebook to apply ----------------------------------------------------------------------

def code_list(plan) -> list[Code]:
    """The Plan's Codes that can be applied (not archived), in Codebook order (the tree, depth
    first), each with `depth` and `is_group` (it has Codes under it)."""
    ordered = walk(list(Code.objects.filter(plan=plan, archived_at__isnull=True)))
    parents = {c.parent_id for c, _depth in ordered}
    for c, depth in ordered:
        c.depth = depth
        c.is_group = c.pk in parents
    return [c for c, _depth in ordered]


def number_codes(codes: list[Code], limit: int = 9) -> list[Code]:
    """Give the first `limit` Codes that are not groups a keyboard number (1–9)."""
    n = 0
    for c in codes:
        c.number = None
        if not c.is_group and n < limit:
            n += 1
            c.number = n
    return codes


def code_counts(codings) -> list[tuple[Code, int]]:
    """Statements per Code in a layer of Codings, most used first."""
    rows = dict(codings.values_list("code_id").annotate(n=Count("statement_id", distinct=True))
                .order_by())
    codes = {c.pk: c for c in Code.objects.filter(pk__in=rows)}
    return sorted(((codes[pk], n) for pk, n in rows.items()),
                  key=lambda item: (-item[1], item[0].order, item[0].key))


# --- One Statement ------------------------------------------------------------------------------

@dataclass
class Segment:
    """A run of the original text between two span boundaries: `o` is its offset and `n` its
    length in characters of the original text; `codings` are the Codings covering it."""

    o: int
    n: int
    text: str
    codings: list = field(default_factory=list)

    @property
    def keys(self) -> str:
        return " ".join(dict.fromkeys(c.code.key for c in self.codings))

    @property
    def labels(self) -> str:
        return ", ".join(dict.fromkeys(c.code.t("label") for c in self.codings))


def segments(text: str, codings) -> list[Segment]:
    """Cut the original text at every Coding's start and end and around line breaks, so a page
    can mark the coded spans and a script can turn a selection back into offsets of the
    original text (a browser turns "\\r\\n" into "\\n", so a line break is a segment of its own
    whose length says how many characters it stands for)."""
    cuts = {0, len(text)}
    for c in codings:
        cuts.update((min(c.start, len(text)), min(c.end, len(text))))
    i = 0
    while i < len(text):
        if text[i] in "\r\n":
            step = 2 if text.startswith("\r\n", i) else 1
            cuts.update((i, i + step))
            i += step
        else:
            i += 1
    bounds = sorted(cuts)
    out = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        if start == end:
            continue
        covering = [c for c in codings if c.start <= start and c.end >= end and c.end > c.start]
        out.append(Segment(o=start, n=end - start, text=text[start:end], codings=covering))
    return out


def span_text(coding) -> str:
    return excerpt(coding.statement.text[coding.start:coding.end], 200)
