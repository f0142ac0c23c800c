"""Reads for blind double coding: the two coders' layers, their progress, the agreement figures
and the disagreements to resolve.

The rules the pages state (keep them in step with the templates):
- a Statement counts as coded by a coder once the coder applied at least one Code to it in the
  sample's blind layer; a coder has finished when every Statement of the sample is coded;
- the units of agreement are the Statements BOTH coders coded × the Codes EITHER coder used on
  them (a Code nobody used on the sample would only add units where both "agree" by not
  thinking of it, inflating percent agreement); a Code is present on a Statement for a coder
  when any of the coder's codings of that Code lies on it (spans are not compared);
- blindness: while the sample is open, each of its two coders sees only their own progress,
  never the other's Codes nor the figures, until both have finished. Coordinators who are not
  one of the two coders always see everything; other analysts see the figures once both have
  finished.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from wpsnap.consultations.queries import visible_statements
from wpsnap.plans.models import Role

from ..agreement import Agreement, agreement, band
from ..models import AgreementSample, Code, Coding

BAND_LABELS = {
    "poor": _("poor — less than chance agreement"),
    "slight": _("slight agreement"),
    "fair": _("fair agreement"),
    "moderate": _("moderate agreement"),
    "substantial": _("substantial agreement"),
    "almost_perfect": _("almost perfect agreement"),
}
UNDEFINED_KAPPA = _("not defined: the coders gave the same answer on every Statement, so there "
                    "is no variation to measure agreement beyond chance")
BANDS_RULE = _("Kappa read with the bands of Landis & Koch (1977): below 0 poor, 0–0.20 slight, "
               "0.21–0.40 fair, 0.41–0.60 moderate, 0.61–0.80 substantial, 0.81–1 almost "
               "perfect. Many teams ask for at least 0.61 before trusting a Code.")


def reading(kappa: float | None) -> str:
    """Kappa in plain words."""
    return str(UNDEFINED_KAPPA) if kappa is None else str(BAND_LABELS[band(kappa)])


def sample_statements(sample):
    """The sample's Statements still visible (withdrawn consent drops them here too)."""
    return visible_statements(sample.plan).filter(agreement_samples=sample)


def samples_between(plan, user_a, user_b, sample_id=None):
    """The Plan's samples coded by these two users (either order), oldest first."""
    qs = AgreementSample.objects.filter(plan=plan).filter(
        Q(coder_a=user_a, coder_b=user_b) | Q(coder_a=user_b, coder_b=user_a))
    if sample_id is not None:
        qs = qs.filter(pk=sample_id)
    return qs.order_by("created_at", "id")


def layers(sample, statement_ids=None) -> dict[int, dict[int, set[int]]]:
    """{coder id: {statement id: {code id, …}}} of the sample's two blind layers."""
    qs = Coding.objects.filter(sample=sample, coder_id__in=[sample.coder_a_id, sample.coder_b_id],
                               statement__in=sample_statements(sample))
    if statement_ids is not None:
        qs = qs.filter(statement_id__in=statement_ids)
    out: dict[int, dict[int, set[int]]] = {sample.coder_a_id: {}, sample.coder_b_id: {}}
    for coder_id, statement_id, code_id in qs.values_list("coder_id", "statement_id", "code_id"):
        out[coder_id].setdefault(statement_id, set()).add(code_id)
    return out


@dataclass
class Progress:
    total: int
    coded_a: int
    coded_b: int

    @property
    def finished_a(self) -> bool:
        return self.total > 0 and self.coded_a >= self.total

    @property
    def finished_b(self) -> bool:
        return self.total > 0 and self.coded_b >= self.total

    @property
    def finished(self) -> bool:
        return self.finished_a and self.finished_b


def progress(sample) -> Progress:
    statements = sample_statements(sample)
    counts = dict(Coding.objects.filter(sample=sample, statement__in=statements)
                  .values("coder_id").annotate(n=Count("statement_id", distinct=True))
                  .values_list("coder_id", "n"))
    return Progress(total=statements.count(), coded_a=counts.get(sample.coder_a_id, 0),
                    coded_b=counts.get(sample.coder_b_id, 0))


def is_coder(sample, user) -> bool:
    return user.pk in (sample.coder_a_id, sample.coder_b_id)


def figures_visible(sample, member, prog: Progress | None = None) -> bool:
    """May this Member see the figures and both coders' Codes of the sample? (See the module.)"""
    if sample.status == AgreementSample.Status.RESOLVED:
        return True
    finished = (prog or progress(sample)).finished
    if is_coder(sample, member.user):
        return finished
    return member.role == Role.COORDINATOR or finished


@dataclass
class StatementRow:
    """One Statement of a sample with both coders' Codes (code ids)."""

    statement: object
    codes_a: set[int] = field(default_factory=set)
    codes_b: set[int] = field(default_factory=set)
    resolved: bool = False

    @property
    def both_coded(self) -> bool:
        return bool(self.codes_a) and bool(self.codes_b)

    @property
    def disagrees(self) -> bool:
        return self.both_coded and self.codes_a != self.codes_b

    @property
    def agreed(self) -> set[int]:
        return self.codes_a & self.codes_b


def statement_rows(sample) -> list[StatementRow]:
    """Every visible Statement of the sample, in id order, with both layers."""
    both = layers(sample)
    resolved = set(sample.resolved_statements.values_list("id", flat=True))
    rows = []
    for s in sample_statements(sample).select_related("participant").order_by("id"):
        rows.append(StatementRow(statement=s, codes_a=both[sample.coder_a_id].get(s.pk, set()),
                                 codes_b=both[sample.coder_b_id].get(s.pk, set()),
                                 resolved=s.pk in resolved))
    return rows


def _key_map(code_ids) -> dict[int, str]:
    return dict(Code.objects.filter(pk__in=set(code_ids)).values_list("id", "key"))


def figures_for(samples, user_a, user_b) -> Agreement:
    """Agreement of `user_a` (as coder A) and `user_b` over one or more samples. A unit's
    Statement is (sample, Statement): a Statement in two samples counts twice."""
    coded_a: dict[tuple, set[int]] = {}
    coded_b: dict[tuple, set[int]] = {}
    for sample in samples:
        for coder_id, per_statement in layers(sample).items():
            target = coded_a if coder_id == user_a.pk else coded_b
            for statement_id, code_ids in per_statement.items():
                target[(sample.pk, statement_id)] = code_ids
    units = sorted(set(coded_a) & set(coded_b))
    code_ids = set().union(*(coded_a[u] | coded_b[u] for u in units)) if units else set()
    keys = _key_map(code_ids)
    return agreement({u: {keys[c] for c in coded_a[u]} for u in units},
                     {u: {keys[c] for c in coded_b[u]} for u in units},
                     units, keys.values())


def sample_figures(sample) -> Agreement:
    return figures_for([sample], sample.coder_a, sample.coder_b)


def codes_by_key(plan, keys) -> dict[str, Code]:
    return {c.key: c for c in Code.objects.filter(plan=plan, key__in=list(keys))}


def codes_by_id(code_ids) -> dict[int, Code]:
    return {c.pk: c for c in Code.objects.filter(pk__in=set(code_ids))}


def next_disagreement(sample, after_statement_id=None):
    """The first unresolved disagreement after `after_statement_id` (wrapping around, never that
    Statement itself), or None."""
    todo = [r for r in statement_rows(sample)
            if r.disagrees and not r.resolved and r.statement.pk != after_statement_id]
    if not todo:
        return None
    if after_statement_id is not None:
        for row in todo:
            if row.statement.pk > after_statement_id:
                return row
    return todo[0]


def summary(sample, rows=None) -> dict:
    """Counts for the detail page and closing: disagreements (resolved or not), Statements both
    coders agree on in full (written to the final coding on closing), and not both coded."""
    rows = rows if rows is not None else statement_rows(sample)
    disagreements = [r for r in rows if r.disagrees]
    return {
        "disagreements": len(disagreements),
        "unresolved": sum(1 for r in disagreements if not r.resolved),
        "agreed": sum(1 for r in rows if r.both_coded and not r.disagrees),
        "agreed_unresolved": sum(1 for r in rows if r.both_coded and not r.disagrees
                                 and not r.resolved),
        "not_both_coded": sum(1 for r in rows if not r.both_coded),
    }
