"""Reads for the Analyse overview: where the analysis stands."""

from dataclasses import dataclass

from django.db.models import Count

from wpsnap.consultations.models import Statement
from wpsnap.consultations.queries import suppress, visible_statements

from ..models import AgreementSample, Code, Coding, Finding, Suggester

TOP_CODES = 10


@dataclass
class LanguageProgress:
    language: str
    label: str
    total: int
    coded: int

    @property
    def percent(self) -> int:
        return round(100 * self.coded / self.total) if self.total else 0


def overview_counts(plan, *, suppressed: bool = False) -> dict:
    """Counts for the overview. `suppressed` (outside the workspace) shows the per-Code
    numbers of Statements as "<5" when small, as in the matrices."""
    from .findings import LEVELS, strengths

    statements = visible_statements(plan)
    final = Coding.objects.filter(plan=plan, sample__isnull=True, statement__in=statements)
    totals = dict(statements.values_list("language").annotate(n=Count("id")).order_by())
    coded = dict(statements.filter(id__in=final.values("statement_id")).values_list("language")
                 .annotate(n=Count("id")).order_by())
    progress = [LanguageProgress(value, str(label), totals[value], coded.get(value, 0))
                for value, label in Statement.Language.choices if totals.get(value)]
    n_statements, n_coded = sum(totals.values()), sum(coded.values())

    top = list(final.filter(code__archived_at__isnull=True).values("code_id")
               .annotate(n=Count("statement_id", distinct=True)).order_by("-n", "code_id")
               [:TOP_CODES])
    codes = Code.objects.in_bulk([row["code_id"] for row in top])
    show = suppress if suppressed else (lambda n: n)
    top_codes = [(codes[row["code_id"]], show(row["n"])) for row in top]

    findings = list(Finding.objects.filter(plan=plan).only("id", "status"))
    found = strengths(findings)
    grid = {(s, lv): 0 for s, _l in Finding.Status.choices for lv in LEVELS}
    for f in findings:
        grid[(f.status, found[f.pk].level)] += 1
    by_status = [{"label": label, "total": sum(grid[(value, lv)] for lv in LEVELS),
                  "levels": [grid[(value, lv)] for lv in LEVELS]}
                 for value, label in Finding.Status.choices]
    suggester = (Suggester.objects.filter(plan=plan, status=Suggester.Status.READY)
                 .order_by("-created_at").first())
    return {
        "codes": Code.objects.filter(plan=plan, archived_at__isnull=True).count(),
        "statements": n_statements,
        "coded_statements": n_coded,
        "coded_percent": round(100 * n_coded / n_statements) if n_statements else 0,
        "progress": progress,
        "codings": final.count(),
        "top_codes": top_codes,
        "findings": len(findings),
        "findings_by_status": by_status,
        "levels": [str(label) for label in LEVELS.values()],
        "samples": AgreementSample.objects.filter(plan=plan).count(),
        "open_samples": AgreementSample.objects.filter(
            plan=plan, status=AgreementSample.Status.OPEN).count(),
        "suggester": suggester,
    }
