"""Helpers for tests of other apps (e.g. the authorization matrix in core)."""


def url_values(plan) -> dict:
    """Give `plan` a seeded Codebook, a Coding, a double-coding sample, a Finding with Evidence
    and a Revision, and a Suggester, and return values for every URL keyword of analysis.urls.

    Runs after consultations.testing.url_values (INSTALLED_APPS order), so the Plan already has
    a Statement."""
    from django.contrib.auth import get_user_model

    from wpsnap.consultations.models import Statement
    from wpsnap.frameworks.models import Pillar
    from wpsnap.plans.models import Member, Role

    from .models import AgreementSample, Code, Coding, Evidence, Finding, Revision, Suggester
    from .services.codebook import seed_codebook

    if Pillar.objects.exists():
        seed_codebook(plan)
    code = Code.objects.filter(plan=plan).order_by("id").last() or Code.objects.create(
        plan=plan, key="matrix-code", label_en="Matrix code")
    statement = Statement.objects.filter(plan=plan).order_by("id").first()
    analyst = Member.objects.filter(plan=plan, role=Role.ANALYST).first()
    coder = analyst.user if analyst else get_user_model().objects.create(username="matrix-coder")
    other = get_user_model().objects.create(username=f"matrix-coder-b-{plan.pk}")
    coding = Coding.objects.create(plan=plan, statement=statement, code=code, coder=coder,
                                   start=0, end=len(statement.text))
    sample = AgreementSample.objects.create(plan=plan, title="Matrix sample", coder_a=coder,
                                            coder_b=other)
    sample.statements.add(statement)
    finding = Finding.objects.create(plan=plan, number=1, key="F-01", title_en="Matrix finding",
                                     text_en="Women feel unsafe at the market.")
    evidence = Evidence.objects.create(finding=finding, statement=statement, coding=coding)
    revision = Revision.objects.create(finding=finding, number=1, title_en=finding.title_en,
                                       text_en=finding.text_en)
    suggester = Suggester.objects.create(plan=plan, status=Suggester.Status.READY)
    return {
        "code_key": code.key,
        "coding_id": coding.pk,
        "sample_id": sample.pk,
        "finding_key": finding.key,
        "evidence_id": evidence.pk,
        "revision_number": revision.number,
        "suggester_id": suggester.pk,
        "dimension": "area",
    }
