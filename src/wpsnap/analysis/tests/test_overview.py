"""The Analyse overview: counts, coding progress by language, Codes most used, Findings by
status and Strength, and the way into each part."""

import pytest
from django.urls import reverse

from wpsnap.analysis.models import Evidence, Finding
from wpsnap.analysis.queries.overview import overview_counts
from wpsnap.plans.models import Role


@pytest.fixture
def coded(plan, codebook, participants, code_statement):
    # protection on 6 English Statements, landmines-erw on 2 Khmer ones.
    for p in participants[:6]:
        code_statement(p.statements.get(language="en"), "protection")
    for p in participants[:2]:
        code_statement(p.statements.get(language="km"), "landmines-erw")
    f = Finding.objects.create(plan=plan, number=1, key="F-01", title_en="Safety",
                               status=Finding.Status.VALIDATED)
    for p in participants[:6]:  # moderate at least: 6 Statements, 6 people, several groups
        Evidence.objects.create(finding=f, statement=p.statements.get(language="en"))
    Finding.objects.create(plan=plan, number=2, key="F-02", title_en="Weak one")
    return participants


def url(plan):
    return reverse("analyse:overview", args=[plan.slug])


def test_progress_by_language_and_codes_most_used(plan, coded):
    counts = overview_counts(plan)
    assert counts["statements"] == 24 and counts["coded_statements"] == 8
    assert counts["coded_percent"] == 33
    progress = {p.language: (p.coded, p.total, p.percent) for p in counts["progress"]}
    assert progress == {"km": (2, 12, 17), "en": (6, 12, 50)}
    assert [(c.key, n) for c, n in counts["top_codes"]] == [("protection", 6),
                                                            ("landmines-erw", 2)]
    suppressed = overview_counts(plan, suppressed=True)
    assert [n for _c, n in suppressed["top_codes"]] == [6, "<5"]


def test_findings_by_status_and_strength(plan, coded):
    from wpsnap.analysis.queries.findings import strength

    counts = overview_counts(plan)
    rows = {row["label"]: row for row in counts["findings_by_status"]}
    f1 = Finding.objects.get(plan=plan, key="F-01")
    levels = ["weak", "moderate", "strong"]
    validated = rows["Validated"]["levels"]
    assert validated[levels.index(strength(f1).level)] == 1 and sum(validated) == 1
    assert rows["Draft"]["levels"] == [1, 0, 0]
    assert counts["findings"] == 2


def test_blind_layer_and_withdrawn_consent_do_not_count(plan, coded, members, code_statement):
    from wpsnap.analysis.models import AgreementSample
    from wpsnap.consultations.services import withdraw_consent

    sample = AgreementSample.objects.create(plan=plan, title="s", coder_a=members[Role.ANALYST],
                                            coder_b=members[Role.COORDINATOR])
    s = coded[10].statements.get(language="en")
    sample.statements.add(s)
    code_statement(s, "prevention", sample=sample)
    assert overview_counts(plan)["coded_statements"] == 8
    withdraw_consent(coded[0], by=members[Role.COORDINATOR])
    counts = overview_counts(plan)
    assert counts["statements"] == 22 and counts["coded_statements"] == 6


def test_page_for_every_member_with_links_to_the_parts(client, members, plan, coded):
    for role in Role.values:
        client.force_login(members[role])
        response = client.get(url(plan))
        assert response.status_code == 200
        body = response.content.decode()
        assert reverse("analyse:situation_analysis", args=[plan.slug]) in body
        assert reverse("analyse:matrix", args=[plan.slug, "area"]) in body
        assert response.context["workspace"] == (role in (Role.COORDINATOR, Role.ANALYST))
    client.force_login(members["outsider"])
    assert client.get(url(plan)).status_code == 404


def test_empty_plan_overview(client_as, plan):
    response = client_as(Role.VIEWER).get(url(plan))
    assert response.status_code == 200
    assert "No Statements yet" in response.content.decode()


def test_sub_navigation_marks_the_part_on_each_of_its_pages(client_as, plan, coded):
    from wpsnap.analysis.templatetags.analyse_nav import section_of

    body = client_as(Role.ANALYST).get(
        reverse("analyse:matrix", args=[plan.slug, "sex"])).content.decode()
    matrix = reverse("analyse:matrix", args=[plan.slug, "area"])
    assert f'<a href="{matrix}" aria-current="page">' in body
    assert body.count('aria-current="page"') == 2  # the Analyse part and the Code × sex tab
    assert section_of("codings_import") == "codebook" and section_of("coding_add") == "coding"
    assert section_of("evidence_attach") == "findings" and section_of("suggestion_decide") == \
        "suggester"
    assert section_of("code_merge") == "codebook" and section_of(None) == ""
