"""Reads for the Analyse overview."""

from django.db.models import Count

from wpsnap.consultations.queries import visible_statements

from ..models import Code, Coding, Finding


def overview_counts(plan) -> dict:
    statements = visible_statements(plan)
    final = Coding.objects.filter(plan=plan, sample__isnull=True,
                                  statement__in=statements)
    by_status = dict(Finding.objects.filter(plan=plan).values_list("status")
                     .annotate(n=Count("id")).values_list("status", "n"))
    return {
        "codes": Code.objects.filter(plan=plan, archived_at__isnull=True).count(),
        "statements": statements.count(),
        "coded_statements": final.values("statement").distinct().count(),
        "codings": final.count(),
        "findings": sum(by_status.values()),
        "findings_by_status": [(label, by_status.get(value, 0))
                               for value, label in Finding.Status.choices],
    }
