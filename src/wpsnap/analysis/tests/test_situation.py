"""The Situation Analysis: the report built from Coverage, Findings and Evidence."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from wpsnap.analysis.models import Evidence, Finding
from wpsnap.analysis.queries.situation import build_report, coverage_summary
from wpsnap.consultations.models import Consent, CoverageTarget
from wpsnap.frameworks.models import Pillar, SecurityIssue
from wpsnap.plans.models import Role

LANDMINES_KM = "គ្រាប់មីននៅតែជាបញ្ហានៅភូមិ"  # part of KHMER_SENTENCES[2]
F1_KM = "ស្ត្រីនៅតំបន់ព្រំដែនខ្លាចគ្រាប់មីននៅលើដីស្រែ"


def make_finding(plan, number, *, kind=Finding.Kind.FINDING, status=Finding.Status.DRAFT,
                 pillars=(), issues=(), statements=(), title_en="", title_km="", text_en=""):
    f = Finding.objects.create(plan=plan, number=number, key=f"F-{number:02d}", kind=kind,
                               status=status, title_en=title_en or f"Finding {number}",
                               title_km=title_km, text_en=text_en or f"Text of finding {number}.",
                               order=number)
    f.pillars.set(Pillar.objects.filter(key__in=pillars))
    f.security_issues.set(SecurityIssue.objects.filter(key__in=issues))
    for s in statements:
        Evidence.objects.create(finding=f, statement=s)
    return f


@pytest.fixture
def findings(plan, codebook, participants):
    p = participants
    landmine_statements = [s for i in (2, 6, 10) for s in p[i].statements.all()]
    # P-0007 agreed to analysis only: never quoted.
    Consent.objects.filter(participant=p[6]).update(scope=Consent.Scope.DO_NOT_QUOTE)
    return {
        "f1": make_finding(plan, 1, status=Finding.Status.VALIDATED,
                           pillars=("prevention", "protection"), issues=("landmines-erw",),
                           statements=landmine_statements,
                           title_en="Women in border areas fear landmines on farmland",
                           title_km=F1_KM),
        "f2": make_finding(plan, 2, pillars=("participation",), issues=("tech-facilitated-gbv",),
                           statements=[p[0].statements.get(language="km"),
                                       p[4].statements.get(language="km")],
                           title_en="Young people want a say"),
        "rejected": make_finding(plan, 3, status=Finding.Status.REJECTED,
                                 pillars=("protection",), title_en="A rejected claim"),
        "lesson": make_finding(plan, 4, kind=Finding.Kind.LESSON_LEARNED,
                               pillars=("participation",), title_en="Consult in Khmer first"),
        "practice": make_finding(plan, 5, kind=Finding.Kind.GOOD_PRACTICE,
                                 title_en="Women-only focus groups"),
        "loose": make_finding(plan, 6, title_en="A finding without a pillar",
                              statements=[p[1].statements.get(language="en")]),
    }


def url(plan):
    return reverse("analyse:situation_analysis", args=[plan.slug])


def titles(items):
    return [rf.finding.key for rf in items]


def test_findings_are_grouped_by_pillar_then_category_once_each(plan, findings):
    report = build_report(plan)
    by_pillar = {s.key: s for s in report.pillars}
    # F-01 is under its first Pillar only (prevention comes before protection), naming the other.
    assert list(by_pillar) == ["participation", "prevention", ""]
    prevention = by_pillar["prevention"]
    assert [g.key for g in prevention.groups] == [SecurityIssue.objects.get(
        key="landmines-erw").category]
    f1 = prevention.groups[0].findings[0]
    assert f1.finding == findings["f1"]
    assert [[t.text for t in label] for label in f1.other_pillars] == [
        [Pillar.objects.get(key="protection").label_en]]
    participation = by_pillar["participation"]
    category = SecurityIssue.objects.get(key="tech-facilitated-gbv").category
    assert [(g.key, titles(g.findings)) for g in participation.groups] == [(category, ["F-02"])]
    assert by_pillar[""].groups[0].key == ""  # neither a Pillar nor a Security issue
    assert titles(by_pillar[""].groups[0].findings) == ["F-06"]
    # Each Finding appears once; lessons and good practices have their own sections.
    everywhere = [rf.finding.key for s in report.pillars for g in s.groups for rf in g.findings]
    everywhere += [rf.finding.key for k in report.kinds for rf in k.findings]
    assert sorted(everywhere) == ["F-01", "F-02", "F-04", "F-05", "F-06"]
    assert [(k.key, titles(k.findings)) for k in report.kinds] == [
        ("lesson_learned", ["F-04"]), ("good_practice", ["F-05"])]
    assert report.rejected == 1 and report.findings == 5


def test_quotes_never_come_from_a_do_not_quote_participant(plan, findings, participants):
    report = build_report(plan)
    f1 = report.pillars[1].groups[0].findings[0]
    assert 1 <= len(f1.quotes) <= 3
    p7 = {s.text for s in participants[6].statements.all()}
    quoted_ids = {q.statement_id for q in f1.quotes}
    assert not quoted_ids & {s.id for s in participants[6].statements.all()}
    assert {q.statement_id for q in f1.quotes} <= {e.statement_id for e in
                                                   findings["f1"].evidence.all()}
    assert all(q.attribution and not re.search(r"P-\d{4}", q.attribution) for q in f1.quotes)
    assert p7  # P-0007 did say something


def test_page_shows_quotes_strength_and_disaggregation(client_as, plan, findings, participants):
    response = client_as(Role.VIEWER).get(url(plan))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Women in border areas fear landmines on farmland" in body
    assert "In their words" in body
    assert "Strength:" in body
    assert "A rejected claim" not in body and "1 Finding rejected at validation is left out" in body
    assert "Lessons learned" in body and "Good practices" in body
    # Never a Participant code on the shared report, even for the workspace.
    assert not re.search(r"P-\d{4}", body)
    analyst = client_as(Role.ANALYST).get(url(plan)).content.decode()
    assert not re.search(r"P-\d{4}", analyst)
    # Small numbers are protected for everyone (three Participants stand behind F-01).
    assert "&lt;5 Participants" in analyst


def test_do_not_quote_text_never_appears(client_as, plan, findings, participants):
    # Make P-0007's Statement unique, so its absence means something.
    s = participants[6].statements.get(language="en")
    s.text = "A unique sentence nobody may quote."
    s.save()
    body = client_as(Role.COORDINATOR).get(url(plan)).content.decode()
    assert "A unique sentence nobody may quote." not in body


def test_withdrawn_consent_leaves_the_report_at_once(client_as, plan, findings, participants,
                                                     members):
    from wpsnap.consultations.services import withdraw_consent

    p2 = participants[1]
    s = p2.statements.get(language="en")
    s.text = "A sentence of someone who withdrew."
    s.save()
    body = client_as(Role.VIEWER).get(url(plan)).content.decode()
    assert "A sentence of someone who withdrew." in body  # F-06's only quote
    withdraw_consent(p2, by=members[Role.COORDINATOR])
    body = client_as(Role.VIEWER).get(url(plan)).content.decode()
    assert "A sentence of someone who withdrew." not in body


def test_coverage_summary_is_protected_and_names_gaps(plan, findings, areas):
    CoverageTarget.objects.create(plan=plan, kind=CoverageTarget.Kind.AREA_COVERED,
                                  area=areas["01"], value=1)
    summary = coverage_summary(plan)
    assert summary.participants == 12
    sex = next(t for t in summary.tables if t.dimension == "sex")
    rows = {r.label: r.participants for r in sex.rows}
    assert rows["Female"] == 8
    assert rows["Male"] == "<5" and rows["Another identity"] == "<5"
    assert any(areas["01"].name_en in gap for gap in summary.gaps)
    groups = next(t for t in summary.tables if t.dimension == "stakeholder_group")
    assert "Academic / research" in groups.nobody


def test_both_languages_and_lang_parameter(client_as, plan, findings):
    client = client_as(Role.VIEWER)
    english = client.get(url(plan)).content.decode()
    assert "Women in border areas fear landmines on farmland" in english
    assert F1_KM not in english
    both = client.get(url(plan), {"both": "1"}).content.decode()
    assert "Women in border areas fear landmines on farmland" in both and F1_KM in both
    khmer = client.get(url(plan), {"lang": "km"}).content.decode()
    assert '<html lang="km">' in khmer
    assert F1_KM in khmer
    assert Pillar.objects.get(key="prevention").label_km in khmer
    # The override does not stick: the next page is in the reader's language again.
    assert '<html lang="en">' in client.get(url(plan)).content.decode()


def test_khmer_reader_gets_khmer_labels(client_as, plan, findings):
    client = client_as(Role.ANALYST)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "km"
    body = client.get(url(plan)).content.decode()
    assert '<html lang="km">' in body
    assert F1_KM in body
    assert Pillar.objects.get(key="participation").label_km in body
    assert "ផែនការ A" in body  # the Plan's Khmer title


def test_print_button_and_stylesheet_without_inline_code(client_as, plan, findings):
    body = client_as(Role.VIEWER).get(url(plan)).content.decode()
    assert "data-print" in body and "analysis/situation.js" in body
    assert "analysis/situation.css" in body
    assert "onclick" not in body and "<style" not in body and 'style="' not in body


def test_every_member_reads_it_outsiders_do_not(client, members, plan, findings):
    for role in Role.values:
        client.force_login(members[role])
        assert client.get(url(plan)).status_code == 200
    client.force_login(members["outsider"])
    assert client.get(url(plan)).status_code == 404
    client.logout()
    assert client.get(url(plan)).status_code == 302


def test_empty_plan(client_as, plan):
    response = client_as(Role.VIEWER).get(url(plan))
    assert response.status_code == 200
    assert "No Findings have been written yet." in response.content.decode()
