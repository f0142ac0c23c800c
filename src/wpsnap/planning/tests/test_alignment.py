"""Alignment: the Outputs × Framework matrix (direct and through Actions, sub-items rolled up into
their pillar), the page (selector, accessible table, heat classes), and the reference library's
item page listing what of the user's Plans aligns to it — never another Plan's."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wpsnap.analysis.models import Finding
from wpsnap.frameworks.models import Framework, FrameworkItem
from wpsnap.planning.models import Indicator, Outcome, Output
from wpsnap.planning.queries.alignment import aligned_to, matrix
from wpsnap.plans.models import Role

from .fixtures_trace import *  # noqa: F403 - fixtures
from .fixtures_trace import add_action

pytestmark = pytest.mark.django_db


def item(framework, key):
    return FrameworkItem.objects.get(framework__key=framework, framework__plan__isnull=True,
                                     key=key)


def test_matrix_counts_outputs_and_their_actions(chain):
    plan, output, action = chain["plan"], chain["output"], chain["action"]
    second = add_action(plan, output, 2, title="Second")
    output.alignments.add(item("asean-rpa-wps", "rpa-participation"))
    action.alignments.add(item("asean-rpa-wps", "2.2.6"))  # a sub-item of rpa-participation
    second.alignments.add(item("asean-rpa-wps", "rpa-participation"),
                          item("asean-rpa-wps", "rpa-protection"))
    result = matrix(plan, "rpa")
    keys = [c.key for c in result.columns]
    assert keys == ["rpa-protection", "rpa-participation", "rpa-prevention",
                    "rpa-relief-recovery", "rpa-implementation"]
    (row,) = result.rows
    counts = dict(zip(keys, [c.count for c in row.cells], strict=True))
    assert counts == {"rpa-protection": 1, "rpa-participation": 3, "rpa-prevention": 0,
                      "rpa-relief-recovery": 0, "rpa-implementation": 0}
    participation = row.cells[1]
    assert participation.direct and participation.actions == 2 and participation.heat == 5
    assert row.cells[0].heat == 2 and row.cells[2].heat == 0
    assert result.column_totals == [1, 3, 0, 0, 0] and row.total == 4


def test_matrix_resolutions_and_national_policies(chain, other_plan):
    plan, output = chain["plan"], chain["output"]
    output.alignments.add(item("unscr-wps", "UNSCR-1325"))
    own = Framework.objects.create(plan=plan, key="mowa-strategy", kind="national",
                                   title_en="MoWA strategy")
    own_item = FrameworkItem.objects.create(framework=own, key="MS-1", label_en="Goal 1")
    foreign = Framework.objects.create(plan=other_plan, key="other-policy", kind="national",
                                       title_en="Another country's policy")
    FrameworkItem.objects.create(framework=foreign, key="OP-1", label_en="Not ours")
    chain["action"].alignments.add(own_item, item("cambodia-policies", "KH-NR6"))
    resolutions = matrix(plan, "resolutions")
    assert resolutions.columns[0].key == "UNSCR-1325"
    assert resolutions.rows[0].cells[0].count == 1
    national = matrix(plan, "national")
    keys = [c.key for c in national.columns]
    assert "MS-1" in keys and "KH-NR6" in keys and "OP-1" not in keys
    counts = dict(zip(keys, [c.count for c in national.rows[0].cells], strict=True))
    assert counts["MS-1"] == 1 and counts["KH-NR6"] == 1 and sum(counts.values()) == 2
    with pytest.raises(ValueError):
        matrix(plan, "nonsense")


@pytest.mark.parametrize("role", Role.values)
def test_every_member_reads_the_alignment_page(chain, client_as, role):
    chain["output"].alignments.add(item("asean-rpa-wps", "rpa-participation"))
    response = client_as(role).get("/plans/plan-a/plan/alignment/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<caption" in html and 'scope="col"' in html and 'scope="row"' in html
    assert 'class="heat-5">1' in html and "rpa-participation" in html
    html = client_as(role).get("/plans/plan-a/plan/alignment/?framework=resolutions").content
    assert b"UNSCR-1325" in html
    # An unknown choice falls back to the RPA pillars.
    assert b"rpa-protection" in client_as(role).get(
        "/plans/plan-a/plan/alignment/?framework=bogus").content


def test_alignment_page_access_and_queries(chain, client, client_as):
    response = client.get("/plans/plan-a/plan/alignment/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client_as("outsider").get("/plans/plan-a/plan/alignment/").status_code == 404
    viewer = client_as(Role.VIEWER)
    plan, outcome = chain["plan"], chain["outcome"]
    rpa = item("asean-rpa-wps", "rpa-prevention")

    def grow(n):
        for k in range(plan.actions.count() + 1, n + 1):
            output = Output.objects.create(plan=plan, outcome=outcome, number=k + 1,
                                           key=f"1.{k + 1}", title_en=f"Output {k}")
            add_action(plan, output, 1, alignments=[rpa])

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert viewer.get("/plans/plan-a/plan/alignment/").status_code == 200
        return len(ctx.captured_queries)

    grow(3)
    small = queries()
    grow(30)
    assert queries() == small


# --- The reference library's item page ------------------------------------------------------------

def test_item_page_lists_what_aligns_in_my_plans_only(chain, client, client_as, other_plan):
    plan = chain["plan"]
    rpa = item("asean-rpa-wps", "rpa-participation")
    sub = item("asean-rpa-wps", "2.2.6")
    chain["findings"]["F-01"].alignments.add(rpa)
    chain["output"].alignments.add(rpa)
    chain["action"].alignments.add(sub)
    chain["indicator"].alignments.add(rpa)
    # The same item in another Plan: never shown to a Member of plan-a only.
    secret = Finding.objects.create(plan=other_plan, number=1, key="F-01",
                                    title_en="Secret finding of plan B")
    secret.alignments.add(rpa)
    outcome = Outcome.objects.create(plan=other_plan, number=1, key="1", title_en="B")
    other_output = Output.objects.create(plan=other_plan, outcome=outcome, number=1, key="1.1",
                                         title_en="Secret output of plan B")
    other_output.alignments.add(rpa)
    Indicator.objects.create(plan=other_plan, number=1, key="I-1", output=other_output,
                             title_en="Secret indicator").alignments.add(rpa)
    from django.urls import reverse

    url = reverse("frameworks:item", args=["asean-rpa-wps", "rpa-participation"])
    html = client_as(Role.VIEWER).get(url).content.decode()
    assert "Women are missing from village decisions" in html  # F-01
    assert "Women candidates trained" in html  # Output 1.1 and I-1
    assert "Train women candidates" in html  # through the sub-item 2.2.6
    assert f"/plans/{plan.slug}/plan/trace/actions/A-1.1.1/" in html
    assert "Secret" not in html
    html = client_as("outsider").get(url).content.decode()  # plan-b's coordinator
    assert "Secret finding of plan B" in html and "Train women candidates" not in html
    html = client.logout() or client.get(url).content.decode()
    assert "Secret" not in html and "Train women candidates" not in html
    # A sub-item's page shows only what aligns to it (or below it).
    html = client_as(Role.VIEWER).get(
        reverse("frameworks:item", args=["asean-rpa-wps", "2.2.6"])).content.decode()
    assert "Train women candidates" in html and "Women are missing" not in html


def test_aligned_to_is_empty_for_anonymous_and_nothing_aligned(chain, members):
    from django.contrib.auth.models import AnonymousUser

    rpa = item("asean-rpa-wps", "rpa-participation")
    assert aligned_to(rpa, AnonymousUser()) == []
    assert aligned_to(rpa, members[Role.VIEWER]) == []
    chain["action"].alignments.add(rpa)
    (entry,) = aligned_to(rpa, members[Role.VIEWER])
    assert entry.plan == chain["plan"] and [a.key for a in entry.actions] == ["A-1.1.1"]
