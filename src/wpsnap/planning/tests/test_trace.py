"""The traceable chain both ways: the queries, the `trace` command's JSON, consent and small-count
rules, the pages' permissions, and query counts that do not grow with the plan."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wpsnap.planning.models import Indicator, Output
from wpsnap.planning.queries import trace
from wpsnap.plans.models import Role

from .fixtures_trace import *  # noqa: F403 - fixtures
from .fixtures_trace import add_action

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("trace", *args, stdout=out)
    return out.getvalue()


# --- The command ----------------------------------------------------------------------------------

def test_trace_from_an_action_prints_the_issue_json(chain):
    s1, _s2, _s3, s4, _s5 = chain["statements"]
    data = json.loads(run("--plan", "plan-a", "--action", "A-1.1.1", "--json"))
    assert data == {"action": "A-1.1.1", "findings": [
        {"key": "F-01", "status": "validated",
         "votes": {"agree": 4, "agree_with_changes": 2, "disagree": 1, "not_sure": 0},
         # S2 (analysis only) and S3 (consent withdrawn) are not listed.
         "evidence": [{"statement": s1.pk, "stakeholder_group": "women", "area": "02",
                       "sex": "female"}]},
        {"key": "F-02", "status": "amended",
         "votes": {"agree": 0, "agree_with_changes": 0, "disagree": 0, "not_sure": 0},
         "evidence": [{"statement": s4.pk, "stakeholder_group": "civil_society", "area": "02",
                       "sex": "female"}]},
    ]}


def test_trace_from_a_finding_and_a_statement(chain):
    s1, s2, _s3, _s4, s5 = chain["statements"]
    assert json.loads(run("--plan", "plan-a", "--finding", "F-01", "--json")) == {
        "finding": "F-01", "actions": [{"key": "A-1.1.1", "indicators": ["I-1"]}]}
    assert json.loads(run("--plan", "plan-a", "--finding", "F-05", "--json")) == {
        "finding": "F-05", "actions": []}
    assert json.loads(run("--plan", "plan-a", "--statement", str(s1.pk), "--json")) == {
        "statement": s1.pk, "actions": [{"key": "A-1.1.1", "indicators": ["I-1"]}]}
    assert json.loads(run("--plan", "plan-a", "--statement", f"S-{s2.pk}", "--json")) == {
        "statement": s2.pk, "actions": [{"key": "A-1.1.1", "indicators": ["I-1"]}]}
    assert json.loads(run("--plan", "plan-a", "--statement", str(s5.pk), "--json")) == {
        "statement": s5.pk, "actions": []}


def test_trace_command_text_form(chain):
    text = run("--plan", "plan-a", "--action", "A-1.1.1")
    assert "answers F-01 (validated)" in text and "agree 4" in text
    assert f"S-{chain['statements'][0].pk}: women, area 02, female" in text
    assert "Nothing in the plan answers this yet." in run("--plan", "plan-a", "--finding", "F-05")
    assert "answered by A-1.1.1 (indicators: I-1)" in run("--plan", "plan-a", "--finding", "F-01")


def test_trace_command_refuses_what_it_cannot_find(chain, other_plan):
    s3 = chain["statements"][2]
    with pytest.raises(CommandError, match="No Plan"):
        run("--plan", "nope", "--action", "A-1.1.1")
    with pytest.raises(CommandError, match="No Action"):
        run("--plan", "plan-a", "--action", "A-9.9.9")
    with pytest.raises(CommandError, match="No Finding"):
        run("--plan", "plan-a", "--finding", "F-99")
    with pytest.raises(CommandError, match="No Statement"):
        run("--plan", "plan-a", "--statement", "abc")
    with pytest.raises(CommandError, match="withdrew consent"):
        run("--plan", "plan-a", "--statement", str(s3.pk))  # consent withdrawn
    with pytest.raises(CommandError, match="No Action"):  # another Plan's key
        run("--plan", "plan-b", "--action", "A-1.1.1")
    with pytest.raises(CommandError):
        run("--plan", "plan-a")  # one starting point is required


# --- The queries ----------------------------------------------------------------------------------

def test_action_trace_in_the_workspace_lists_analysis_only_statements(chain, members):
    from wpsnap.plans.models import Member

    analyst = Member.objects.get(user=members[Role.ANALYST])
    result = trace.action_trace(chain["plan"], chain["action"], analyst)
    f1 = result.findings[0]
    s1, s2, s3 = chain["statements"][:3]
    assert [e.statement.pk for e in f1.evidence] == [s1.pk, s2.pk]  # never S3 (withdrawn)
    assert f1.counted == 2 and f1.not_listed == 0
    assert not result.suppressed
    assert result.coverage.participants == 3  # P-1, P-2, P-4 (P-3 withdrew)
    groups = {(r.group, r.area): r.total for r in result.coverage.rows}
    assert groups == {("women", "02"): 1, ("youth", "06"): 1, ("civil_society", "02"): 1}


def test_action_trace_outside_the_workspace_hides_and_suppresses(chain, viewer):
    from wpsnap.plans.models import Member

    member = Member.objects.get(user=viewer)
    result = trace.action_trace(chain["plan"], chain["action"], member)
    f1 = result.findings[0]
    assert [e.statement.pk for e in f1.evidence] == [chain["statements"][0].pk]
    assert f1.counted == 2 and f1.not_listed == "<5"
    assert result.suppressed and result.coverage.participants == "<5"
    cells = [c for r in result.coverage.rows for c in r.cells]
    assert 1 not in cells and "<5" in cells
    # Votes by group: small cells suppressed, totals per choice exact (the room saw them).
    assert f1.votes["agree"] == 4
    women = next(r for r in f1.by_group.rows if r.key == "women")
    assert women.cells[0] == "<5"


def test_group_trace_finds_the_actions_answering_a_group(chain, viewer):
    from wpsnap.plans.models import Member

    member = Member.objects.get(user=viewer)
    rows = trace.group_findings(chain["plan"], "women", member)
    assert [(r.finding.key, [a.key for a in r.actions]) for r in rows] == [
        ("F-01", ["A-1.1.1"]), ("F-03", [])]
    assert rows[0].statements == "<5"
    assert trace.group_findings(chain["plan"], "government", member) == []  # P-3 withdrew
    assert trace.group_findings(chain["plan"], "security_sector", member) == []


# --- The pages ------------------------------------------------------------------------------------

def urls(chain):
    s1 = chain["statements"][0]
    base = "/plans/plan-a/plan/trace/"
    return [base + "actions/A-1.1.1/", base + "findings/F-01/", base + f"statements/{s1.pk}/",
            base + "groups/?group=women"]


@pytest.mark.parametrize("role", Role.values)
def test_every_member_reads_the_traces(chain, client_as, role):
    client = client_as(role)
    for url in urls(chain):
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"P-1" not in response.content and b"P-2" not in response.content


def test_traces_need_a_login_and_the_plan(chain, client, client_as):
    for url in urls(chain):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]
    outsider = client_as("outsider")
    for url in urls(chain):
        assert outsider.get(url).status_code == 404
    analyst = client_as(Role.ANALYST)
    assert analyst.get("/plans/plan-a/plan/trace/actions/A-9/").status_code == 404
    assert analyst.get("/plans/plan-a/plan/trace/findings/F-99/").status_code == 404


def test_action_trace_page_shows_statements_as_the_finding_page_does(chain, client_as):
    s1, s2, s3 = chain["statements"][:3]
    page = client_as(Role.ANALYST).get("/plans/plan-a/plan/trace/actions/A-1.1.1/")
    html = page.content.decode()
    assert s1.text in html and s2.text in html and s3.text not in html
    assert f"/consult/statements/{s1.pk}/" in html
    assert "Women and girls · Battambang · Female" in html
    page = client_as(Role.VIEWER).get("/plans/plan-a/plan/trace/actions/A-1.1.1/")
    html = page.content.decode()
    assert s1.text in html and s2.text not in html and s3.text not in html
    assert "agreed to analysis only" in html and "&lt;5" in html


def test_statement_trace_follows_who_may_read_the_statement(chain, client_as):
    _s1, s2, s3 = chain["statements"][:3]
    assert client_as(Role.ANALYST).get(
        f"/plans/plan-a/plan/trace/statements/{s2.pk}/").status_code == 200
    assert client_as(Role.VIEWER).get(
        f"/plans/plan-a/plan/trace/statements/{s2.pk}/").status_code == 404
    for role in (Role.ANALYST, Role.VIEWER):
        assert client_as(role).get(
            f"/plans/plan-a/plan/trace/statements/{s3.pk}/").status_code == 404


def test_nothing_answers_yet(chain, client_as):
    client = client_as(Role.FOCAL_POINT)
    s5 = chain["statements"][4]
    for url in ("/plans/plan-a/plan/trace/findings/F-05/",
                f"/plans/plan-a/plan/trace/statements/{s5.pk}/",
                "/plans/plan-a/plan/trace/groups/?group=security_sector"):
        assert "nothing in the plan answers this yet" in client.get(url).content.decode().lower()
    page = client.get("/plans/plan-a/plan/trace/groups/?group=nonsense").content.decode()
    assert "There is no such stakeholder group" in page
    assert client.get("/plans/plan-a/plan/trace/groups/").status_code == 200


def test_finding_and_statement_pages_link_to_their_trace(chain, client_as):
    client = client_as(Role.VIEWER)
    s1 = chain["statements"][0]
    page = client.get("/plans/plan-a/analyse/findings/F-01/").content.decode()
    assert "/plans/plan-a/plan/trace/findings/F-01/" in page
    page = client.get(f"/plans/plan-a/consult/statements/{s1.pk}/").content.decode()
    assert f"/plans/plan-a/plan/trace/statements/{s1.pk}/" in page


# --- Query counts ---------------------------------------------------------------------------------

def grow(chain, n):
    """n Actions in all answering F-01, each on its own Output with an Indicator."""
    plan, organisation = chain["plan"], chain["action"].responsibilities.first().organisation
    f1 = chain["findings"]["F-01"]
    have = plan.actions.count()
    for k in range(have + 1, n + 1):
        output = Output.objects.create(plan=plan, outcome=chain["outcome"], number=k + 1,
                                       key=f"1.{k + 1}", title_en=f"Output {k}")
        Indicator.objects.create(plan=plan, number=k + 1, key=f"I-{k + 1}", output=output,
                                 title_en=f"Indicator {k}")
        add_action(plan, output, 1, title=f"Action {k}", lead=organisation, findings=[f1],
                   budget="10")


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_trace_pages_run_as_many_queries_for_3_as_for_30_actions(chain, client_as):
    client = client_as(Role.VIEWER)
    s1 = chain["statements"][0]
    pages = ["/plans/plan-a/plan/trace/actions/A-1.1.1/", "/plans/plan-a/plan/trace/findings/F-01/",
             f"/plans/plan-a/plan/trace/statements/{s1.pk}/",
             "/plans/plan-a/plan/trace/groups/?group=women"]
    grow(chain, 3)
    small = [count(client, url) for url in pages]
    grow(chain, 30)
    assert chain["plan"].actions.count() == 30
    assert "A-1.30.1" in client.get(pages[1]).content.decode()
    assert [count(client, url) for url in pages] == small


def test_trace_votes_are_the_workshop_results_summed(chain):
    """The votes the trace prints are those `wpsnap workshop_results` gives, over every
    Workshop of the Plan."""
    from wpsnap.validation.queries.report import FINDING_CHOICES, results_json

    summed = dict.fromkeys(FINDING_CHOICES, 0)
    for workshop in results_json(chain["plan"])["workshops"]:
        for row in workshop["findings"]:
            if row["key"] == "F-01":
                for choice in FINDING_CHOICES:
                    summed[choice] += row[choice]
    data = json.loads(run("--plan", "plan-a", "--action", "A-1.1.1", "--json"))
    assert data["findings"][0]["votes"] == summed
    assert sum(summed.values()) == 7


def test_statement_trace_page_names_the_findings(chain, client_as):
    s1, _s2, _s3, s4, _s5 = chain["statements"]
    html = client_as(Role.VIEWER).get(f"/plans/plan-a/plan/trace/statements/{s1.pk}/").content
    html = html.decode()
    assert "/plans/plan-a/plan/trace/findings/F-01/" in html
    assert "/plans/plan-a/plan/trace/actions/A-1.1.1/" in html and s1.text in html
    html = client_as(Role.VIEWER).get(f"/plans/plan-a/plan/trace/statements/{s4.pk}/").content
    assert b"/plans/plan-a/plan/trace/findings/F-02/" in html
    assert b"/plans/plan-a/plan/trace/findings/F-01/" not in html
