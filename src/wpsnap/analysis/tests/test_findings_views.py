"""Findings pages: who may read and write, forms, Evidence from any page, the template tag."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from wpsnap.analysis.models import Evidence, Finding
from wpsnap.analysis.services import findings as services
from wpsnap.consultations.models import Consent
from wpsnap.consultations.services import withdraw_consent
from wpsnap.plans.models import Member, Role

from .fixtures_findings import *  # noqa: F403 - fixtures
from .fixtures_findings import statements_of

pytestmark = pytest.mark.django_db


def url(name, plan, *args):
    return reverse(f"analyse:{name}", args=[plan.slug, *args])


@pytest.fixture
def finding(plan, new_finding):
    return new_finding("Women fear landmines on farmland", text_km="ស្ត្រីខ្លាចគ្រាប់មីន")


# --- Access -------------------------------------------------------------------------------------

@pytest.mark.parametrize("role", Role.values)
def test_every_member_reads_the_list_and_the_detail(plan, client_as, finding, role):
    client = client_as(role)
    response = client.get(url("finding_list", plan))
    assert response.status_code == 200
    assert "F-01" in response.text
    assert "Women fear landmines on farmland" in response.text
    assert client.get(url("finding_detail", plan, "F-01")).status_code == 200
    assert client.get(url("finding_revisions", plan, "F-01")).status_code == 200


def test_viewer_cannot_write(plan, client_as, finding, participants):
    client = client_as(Role.VIEWER)
    assert client.get(url("finding_create", plan)).status_code == 403
    assert client.get(url("finding_edit", plan, "F-01")).status_code == 403
    assert client.post(url("finding_create", plan), {"title_en": "X"}).status_code == 403
    assert client.post(url("finding_status", plan, "F-01"),
                       {"status": "presented"}).status_code == 403
    statement = statements_of(participants[0])[0]
    assert client.post(url("evidence_attach", plan),
                       {"finding": "F-01", "statement": statement.pk}).status_code == 403
    assert Finding.objects.get().status == Finding.Status.DRAFT
    assert not Evidence.objects.exists()
    assert "Write a Finding" not in client.get(url("finding_list", plan)).text


def test_outsider_gets_404(plan, client_as, finding):
    client = client_as("outsider")
    assert client.get(url("finding_list", plan)).status_code == 404
    assert client.get(url("finding_detail", plan, "F-01")).status_code == 404
    assert client.post(url("finding_status", plan, "F-01"),
                       {"status": "presented"}).status_code == 404


def test_a_finding_of_another_plan_is_not_found(plan, other_plan, client_as, members):
    services.create_finding(other_plan, by=members["outsider"], title_en="Elsewhere")
    assert client_as(Role.ANALYST).get(url("finding_detail", plan, "F-01")).status_code == 404


# --- Create, edit, status -----------------------------------------------------------------------

def test_analyst_writes_a_finding_in_both_languages(plan, client_as, areas):
    from wpsnap.frameworks.models import FrameworkItem, Pillar, SecurityIssue

    client = client_as(Role.ANALYST)
    page = client.get(url("finding_create", plan))
    assert page.status_code == 200
    assert 'name="title_km"' in page.text and 'name="alignments"' in page.text
    pillar = Pillar.objects.get(key="protection")
    issue = SecurityIssue.objects.filter(category="emerging").first()
    item = FrameworkItem.objects.filter(framework__plan__isnull=True).first()
    response = client.post(url("finding_create", plan), {
        "title_en": "Online scams target young people", "title_km": "ការបោកប្រាស់តាមអនឡាញ",
        "text_en": "Young people are lured by fake jobs.", "text_km": "", "kind": "finding",
        "pillars": [pillar.pk], "security_issues": [issue.pk], "alignments": [item.pk]})
    assert response.status_code == 302
    finding = Finding.objects.get(plan=plan)
    assert response["Location"] == url("finding_detail", plan, "F-01")
    assert finding.title_km == "ការបោកប្រាស់តាមអនឡាញ"
    assert list(finding.security_issues.all()) == [issue]
    assert list(finding.alignments.all()) == [item]
    detail = client.get(response["Location"]).text
    assert "Emerging" in detail  # the category follows from the Security issue


def test_create_refuses_no_title_and_keeps_nothing(plan, client_as):
    client = client_as(Role.ANALYST)
    response = client.post(url("finding_create", plan), {"kind": "finding"})
    assert response.status_code == 200
    assert "Give the Finding a title" in response.text
    assert not Finding.objects.exists()


def test_create_with_a_statement_attaches_it(plan, client_as, participants):
    statement = statements_of(participants[3])[1]
    client = client_as(Role.ANALYST)
    page = client.get(url("finding_create", plan) + f"?statement={statement.pk}")
    assert statement.text in page.text
    response = client.post(url("finding_create", plan), {
        "title_en": "Landmines", "kind": "finding", "statement": statement.pk})
    assert response.status_code == 302
    assert list(Evidence.objects.values_list("statement_id", flat=True)) == [statement.pk]


def test_create_refuses_an_unknown_statement(plan, client_as):
    client = client_as(Role.ANALYST)
    response = client.post(url("finding_create", plan), {
        "title_en": "Landmines", "kind": "finding", "statement": 999999})
    assert response.status_code == 200
    assert not Finding.objects.exists()


def test_edit_writes_a_revision_only_for_new_wording(plan, client_as, finding):
    client = client_as(Role.COORDINATOR)
    data = {"title_en": finding.title_en, "title_km": "", "text_en": finding.text_en,
            "text_km": finding.text_km, "kind": "good_practice"}
    assert client.get(url("finding_edit", plan, "F-01")).status_code == 200
    assert client.post(url("finding_edit", plan, "F-01"), data).status_code == 302
    assert finding.revisions.count() == 1
    data["text_en"] = "Women fear unexploded ordnance on farmland."
    assert client.post(url("finding_edit", plan, "F-01"), data).status_code == 302
    assert finding.revisions.count() == 2
    page = client.get(url("finding_revisions", plan, "F-01")).text
    assert "<del>Text.</del>" in page
    assert "<ins>Women fear unexploded ordnance on farmland.</ins>" in page


def test_status_buttons_and_refusals(plan, client_as, finding):
    client = client_as(Role.ANALYST)
    detail = client.get(url("finding_detail", plan, "F-01")).text
    assert 'value="presented"' in detail
    assert 'value="validated"' not in detail
    response = client.post(url("finding_status", plan, "F-01"), {"status": "validated"},
                           follow=True)
    assert "cannot move" in response.text
    assert Finding.objects.get().status == Finding.Status.DRAFT
    client.post(url("finding_status", plan, "F-01"), {"status": "presented"})
    assert Finding.objects.get().status == Finding.Status.PRESENTED
    response = client.post(url("finding_status", plan, "F-01"), {"status": "draft"}, follow=True)
    assert "Only a coordinator" in response.text
    assert client.post(url("finding_status", plan, "F-01"), {}).status_code == 302


# --- Evidence -----------------------------------------------------------------------------------

def test_attach_follows_a_local_next_only(plan, client_as, finding, participants):
    client = client_as(Role.ANALYST)
    s1, s2 = statements_of(participants[0])
    local = url("coding_queue", plan) if _has("coding_queue") else url("finding_list", plan)
    response = client.post(url("evidence_attach", plan),
                           {"finding": "F-01", "statement": s1.pk, "next": local})
    assert (response.status_code, response["Location"]) == (302, local)
    for evil in ("https://evil.example/steal", "//evil.example/x", "javascript:alert(1)"):
        response = client.post(url("evidence_attach", plan),
                               {"finding": "F-01", "statement": s2.pk, "next": evil})
        assert response["Location"] == url("finding_detail", plan, "F-01")
    assert Evidence.objects.filter(finding=finding).count() == 2


def _has(name):
    from django.urls import NoReverseMatch

    try:
        reverse(f"analyse:{name}", args=["x"])
    except NoReverseMatch:
        return False
    return True


def test_attach_with_htmx_answers_a_fragment(plan, client_as, finding, participants):
    client = client_as(Role.ANALYST)
    statement = statements_of(participants[0])[0]
    data = {"finding": "F-01", "statement": statement.pk}
    response = client.post(url("evidence_attach", plan), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "is now evidence for F-01" in response.text
    assert response["HX-Trigger"] == "evidence-changed"
    again = client.post(url("evidence_attach", plan), data, HTTP_HX_REQUEST="true")
    assert "was already evidence" in again.text
    assert Evidence.objects.count() == 1


def test_attach_refuses_bad_input(plan, other_plan, client_as, finding, participants, members):
    client = client_as(Role.ANALYST)
    assert client.post(url("evidence_attach", plan), {}).status_code == 302
    foreign = services.create_finding(other_plan, by=members["outsider"], title_en="X")
    statement = statements_of(participants[0])[0]
    response = client.post(url("evidence_attach", plan),
                           {"finding": foreign.key.lower() + "x", "statement": statement.pk},
                           follow=True)
    assert "Choose a Finding" in response.text
    withdraw_consent(participants[1], by=members[Role.ANALYST])
    gone = statements_of(participants[1])[0]
    response = client.post(url("evidence_attach", plan), {"finding": "F-01", "statement": gone.pk},
                           HTTP_HX_REQUEST="true")
    assert "withdrew consent" in response.text
    assert not Evidence.objects.exists()


def test_remove_evidence(plan, client_as, finding, participants, attach):
    (evidence,) = attach(finding, statements_of(participants[0])[:1])
    assert client_as(Role.VIEWER).post(
        url("evidence_remove", plan, "F-01", evidence.pk)).status_code == 403
    response = client_as(Role.ANALYST).post(url("evidence_remove", plan, "F-01", evidence.pk))
    assert response.status_code == 302
    assert not Evidence.objects.exists()


def test_search_on_the_finding_page_lists_statements_to_attach(plan, client_as, finding,
                                                               participants):
    client = client_as(Role.ANALYST)
    page = client.get(url("finding_detail", plan, "F-01") + "?q=landmines").text
    assert "Landmines still block access to farmland." in page
    assert "Attach S-" in page


# --- What each reader sees ----------------------------------------------------------------------

def test_detail_hides_codes_and_do_not_quote_outside_the_workspace(plan, client_as, finding,
                                                                   participants, attach):
    p0, p1 = participants[0], participants[1]
    attach(finding, statements_of(p0) + statements_of(p1)[:1])
    Consent.objects.filter(participant=p1).update(scope=Consent.Scope.DO_NOT_QUOTE)
    hidden_text = statements_of(p1)[0].text
    analyst_page = client_as(Role.ANALYST).get(url("finding_detail", plan, "F-01")).text
    assert "P-0001" in analyst_page and "P-0002" in analyst_page
    assert "Use for analysis, do not quote" in analyst_page
    viewer_page = client_as(Role.VIEWER).get(url("finding_detail", plan, "F-01")).text
    assert "P-0001" not in viewer_page and "P-0002" not in viewer_page
    assert statements_of(p0)[1].text in viewer_page
    assert hidden_text in analyst_page and hidden_text not in viewer_page
    assert "&lt;5" in viewer_page  # small counts suppressed
    assert "Strength is computed from the Evidence" in viewer_page


def test_list_filters_by_strength_and_kind(plan, client_as, new_finding, participants, attach):
    weak = new_finding("Weak one")
    moderate = new_finding("Moderate one", kind=Finding.Kind.LESSON_LEARNED)
    attach(moderate, [s for person in participants[:3] for s in statements_of(person)])
    client = client_as(Role.VIEWER)
    page = client.get(url("finding_list", plan) + "?strength=moderate").text
    assert "Moderate one" in page and weak.title_en not in page
    page = client.get(url("finding_list", plan) + "?kind=finding").text
    assert "Weak one" in page and "Moderate one" not in page
    page = client.get(url("finding_list", plan) + "?kind=nonsense").text
    assert "Weak one" in page and "Moderate one" in page


# --- Template tag -------------------------------------------------------------------------------

def _render_tag(plan, user, statement):
    request = RequestFactory().get("/plans/plan-a/analyse/matrix/area/?code=x")
    request.user = user
    request.plan = plan
    request.member = Member.objects.get(plan=plan, user=user)
    template = Template("{% load findings %}{% attach_evidence statement %}"
                        "{% attach_evidence statement %}")
    return template.render(Context({"statement": statement, "request": request}))


def test_attach_evidence_tag(plan, members, finding, participants, django_assert_max_num_queries):
    statement = statements_of(participants[0])[0]
    with django_assert_max_num_queries(2):
        html = _render_tag(plan, members[Role.ANALYST], statement)
    assert reverse("analyse:evidence_attach", args=[plan.slug]) in html
    assert 'value="F-01"' in html
    assert f'name="statement" value="{statement.pk}"' in html
    assert 'name="next" value="/plans/plan-a/analyse/matrix/area/?code=x"' in html
    assert html.count("<form") == 2 and f"attach-{statement.pk}-2" in html
    assert _render_tag(plan, members[Role.VIEWER], statement).strip() == ""
    assert _render_tag(plan, members[Role.FACILITATOR], statement).strip() == ""
