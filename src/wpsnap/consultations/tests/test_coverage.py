"""Coverage: counts by group × Area × sex × age band × Consultation kind, targets, small-cell
suppression, the charts and `wpsnap coverage --json`."""

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from wpsnap.consultations import queries, services
from wpsnap.consultations.models import CoverageTarget
from wpsnap.plans.models import Role


def url(name, plan, *args):
    return reverse(f"consult:{name}", args=[plan.slug, *args])


@pytest.fixture
def targets(plan, areas):
    add = services.add_coverage_target
    return {
        "women": add(plan, kind="share_women", value=50),  # 8 of 12: met
        "youth": add(plan, kind="share_youth", value=30),  # 3 of 12 = 25 %: gap
        "siem_reap": add(plan, kind="area_covered", area=areas["17"]),  # 2: met
        "banteay": add(plan, kind="area_covered", area=areas["01"]),  # 0: gap
        "women_group": add(plan, kind="min_group", value=5, stakeholder_group="women"),  # met
        "youth_group": add(plan, kind="min_group", value=3, stakeholder_group="youth"),  # gap
    }


def test_counts_by_every_dimension(plan, participants):
    cov = queries.coverage(plan)
    assert cov.participants == 12 and cov.statements == 24
    assert cov.by["sex"] == {"female": 8, "male": 3, "other": 1}
    assert cov.by["age_band"] == {"18_24": 2, "25_34": 3, "35_44": 2, "45_59": 2,
                                  "under_18": 1, "60_plus": 1, "unknown": 1}
    assert cov.by["stakeholder_group"]["women"] == 5 and cov.by["stakeholder_group"]["youth"] == 2
    assert cov.by["area"] == {"12": 6, "02": 3, "17": 2, "unknown": 1}
    assert cov.by["consultation_kind"] == {"focus_group": 12, "survey": 3}
    assert cov.statements_by["consultation_kind"] == {"focus_group": 24}
    assert cov.statements_by["sex"] == {"female": 16, "male": 6, "other": 2}
    assert cov.cross["area__sex"][("02", "female")] == 3
    assert cov.cross["stakeholder_group__sex"][("women", "other")] == 1


def test_targets_met_and_not_met(plan, participants, targets):
    results = {r.target.pk: r for r in queries.coverage(plan).targets}
    met = {name: results[t.pk].met for name, t in targets.items()}
    assert met == {"women": True, "youth": False, "siem_reap": True, "banteay": False,
                   "women_group": True, "youth_group": False}
    assert results[targets["youth"].pk].actual == 25.0
    assert results[targets["women"].pk].actual == pytest.approx(66.7)
    assert results[targets["youth"].pk].message() == (
        "Gap: Young people (under 25) are 25% of Participants; the target is at least 30%.")
    assert results[targets["banteay"].pk].message() == (
        "Gap: no Participant from Banteay Meanchey has been consulted yet.")
    assert results[targets["youth_group"].pk].message() == (
        "Gap: Youth has 2 Participants; the target is at least 3.")


def test_target_scoped_to_an_area(plan, participants, areas):
    t = services.add_coverage_target(plan, kind="share_women", value=100, area=areas["02"])
    result = queries.evaluate_target(t, queries.visible_participants(plan))
    assert result.total == 3 and result.count == 3 and result.met


def test_no_participants_is_a_gap_not_an_error(plan, areas):
    t = services.add_coverage_target(plan, kind="share_women", value=50)
    result = queries.evaluate_target(t, queries.visible_participants(plan))
    assert not result.met and result.actual is None
    assert "nobody has been counted yet" in result.message()


@pytest.mark.parametrize("data,field", [
    ({"kind": "share_women", "value": 150}, "value"),
    ({"kind": "area_covered"}, "area"),
    ({"kind": "min_group", "value": 3}, "stakeholder_group"),
    ({"kind": "min_group", "value": 2.5, "stakeholder_group": "youth"}, "value"),
    ({"kind": "nonsense"}, "kind"),
])
def test_bad_targets_are_refused(plan, areas, data, field):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        services.add_coverage_target(plan, **data)
    assert field in exc.value.message_dict
    assert not CoverageTarget.objects.exists()


def test_coordinator_sets_and_deletes_targets(client_as, plan, participants, areas):
    client = client_as(Role.COORDINATOR)
    response = client.post(url("coverage_targets", plan), {
        "kind": "min_group", "value": "4", "stakeholder_group": "women"})
    assert response.status_code == 302
    target = CoverageTarget.objects.get(plan=plan)
    response = client.post(url("coverage_targets", plan), {
        "kind": "min_group", "value": "4", "stakeholder_group": "women"})
    assert response.status_code == 200 and "already has that target" in \
        response.content.decode()
    response = client.post(url("coverage_targets", plan), {"kind": "share_youth",
                                                           "value": "200"})
    assert "between 0 and 100" in response.content.decode()
    assert CoverageTarget.objects.count() == 1
    html = client.get(url("coverage_targets", plan)).content.decode()
    assert "is met" in html
    assert client_as(Role.ANALYST).post(
        url("coverage_target_delete", plan, target.pk)).status_code == 403
    client = client_as(Role.COORDINATOR)  # the same test client, signed in again
    assert client.get(url("coverage_target_delete", plan, target.pk)).status_code == 405
    assert client.post(url("coverage_target_delete", plan, target.pk)).status_code == 302
    assert not CoverageTarget.objects.exists()


def test_suppress():
    assert [queries.suppress(n) for n in (0, 1, 4, 5, 12)] == [0, "<5", "<5", 5, 12]
    assert queries.suppress(7, threshold=10) == "<10"


def test_protect_hides_a_second_cell_so_the_first_cannot_be_derived():
    assert queries.protect([[10], [3], [7]]) == [[False], [True], [True]]
    assert queries.protect([[10], [3], [2]]) == [[False], [True], [True]]
    assert queries.protect([[10], [0], [7]]) == [[False], [False], [False]]
    mask = queries.protect([[8, 3], [6, 9]])
    # 3 is small; its row and column each need a second hidden cell.
    assert mask[0][1] and sum(map(sum, mask)) >= 3


def cells(html: str, label: str) -> list[str]:
    """The cells of the first table row whose header is `label`."""
    row = re.search(rf'<th scope="row">{re.escape(label)}[^<]*(?:<span[^>]*>[^<]*</span>)?'
                    rf"</th>(.*?)</tr>", html, re.S)
    assert row, label
    return re.findall(r"<td>(.*?)</td>", row.group(1))


def test_viewer_sees_small_cells_suppressed(client_as, plan, participants, targets):
    response = client_as(Role.VIEWER).get(url("coverage", plan))
    html = response.content.decode()
    assert response.context["suppressed"]
    assert cells(html, "Female") == ["8", "67%", "16"]
    assert cells(html, "Male") == ["&lt;5", "—", "6"]
    assert cells(html, "Siemreap") == ["&lt;5", "—", "&lt;5"]
    assert "Show the exact numbers" not in html
    # The share of women is 8 of 12: its complement (4 others) is small, so no percentage.
    women = next(t for t in response.context["targets"] if t["kind"].startswith("Share of women"))
    assert women["actual"] is None and "66" not in women["message"] and "67" not in \
        women["message"]
    youth_group = next(t for t in response.context["targets"]
                       if t["kind"].startswith("Stakeholder group") and not t["met"])
    assert youth_group["message"] == "Gap: Youth has <5 Participants; the target is at least 3."
    assert "Gap: Youth has &lt;5 Participants" in html


def test_analyst_sees_exact_numbers_and_can_switch_to_the_protected_view(client_as, plan,
                                                                         participants):
    client = client_as(Role.ANALYST)
    html = client.get(url("coverage", plan)).content.decode()
    assert cells(html, "Male") == ["3", "25%", "6"]
    assert cells(html, "Siemreap") == ["2", "17%", "4"]
    assert "?view=suppressed" in html
    html = client.get(url("coverage", plan), {"view": "suppressed"}).content.decode()
    assert cells(html, "Male") == ["&lt;5", "—", "6"]


@pytest.mark.parametrize("role", [Role.FACILITATOR, Role.FOCAL_POINT])
def test_other_roles_cannot_ask_for_exact_numbers(client_as, plan, participants, role):
    response = client_as(role).get(url("coverage", plan), {"view": "exact"})
    assert response.context["suppressed"]
    assert cells(response.content.decode(), "Male")[0] == "&lt;5"


def test_gaps_are_shown_in_words_and_colour(client_as, plan, participants, targets):
    html = client_as(Role.COORDINATOR).get(url("coverage", plan)).content.decode()
    assert "3 targets are not met." in html
    assert '<span class="badge review">Gap</span> <strong class="error">Gap: no Participant ' \
           "from Banteay Meanchey" in html
    # The uncovered Area is marked in its table row and in red in the chart, with words too.
    assert re.search(r'<th scope="row">Banteay Meanchey <span class="badge review">Gap</span>',
                     html)
    assert re.search(r'fill="#a3161b"[^>]*>0 — gap</text>', html)
    overview = client_as(Role.VIEWER).get(url("overview", plan)).content.decode()
    assert "3 gaps in Coverage" in overview and "Banteay Meanchey" in overview


def test_svg_charts_with_accessible_tables(client_as, plan, participants):
    html = client_as(Role.VIEWER).get(url("coverage", plan)).content.decode()
    svgs = re.findall(r"<svg .*?</svg>", html, re.S)
    assert len(svgs) == len(queries.DIMENSIONS)
    for svg in svgs:
        assert 'role="img"' in svg and "<title " in svg
        assert 'font-family="Noto Sans Khmer' in svg
        assert "<script" not in svg and "style=" not in svg
    # Each chart is followed by a table of the same numbers, with a caption and headers.
    for dim in queries.DIMENSIONS:
        section = html.split(f'id="chart-{dim}-title"')[1].split("</section>")[0]
        assert "<table>" in section and "<caption>" in section and 'scope="col"' in section
    assert "<script" not in html.split("<main")[1]
    assert "style=" not in html


def test_chart_labels_in_khmer(client, members, plan, participants):
    user = members[Role.VIEWER]
    user.language = "km"
    user.save()
    client.force_login(user)
    html = client.get(url("coverage", plan)).content.decode()
    svg = html.split('id="chart-area-title"')[1].split("</svg>")[0]
    assert ">រាជធានីភ្នំពេញ</text>" in svg


def test_coverage_json_command(plan, participants, targets):
    out = StringIO()
    call_command("coverage", "--plan", plan.slug, "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) >= {"plan", "participants", "statements", "by", "targets"}
    assert data["plan"] == plan.slug and data["participants"] == 12 and data["statements"] == 24
    assert set(data["by"]) == {"sex", "age_band", "stakeholder_group", "area",
                               "consultation_kind"}
    assert data["by"]["area"] == {"02": 3, "12": 6, "17": 2, "unknown": 1}
    assert data["by"]["sex"]["male"] == 3  # exact: an operators' tool
    assert len(data["targets"]) == 6
    for t in data["targets"]:
        assert set(t) >= {"kind", "target", "actual", "met", "message"}
        assert isinstance(t["met"], bool) and t["message"]
    youth = next(t for t in data["targets"] if t["kind"] == "share_youth")
    assert youth == {**youth, "target": 30.0, "actual": 25.0, "met": False}

    out = StringIO()
    call_command("coverage", "--plan", plan.slug, "--json", "--suppress", stdout=out)
    data = json.loads(out.getvalue())
    assert data["by"]["sex"] == {"female": 8, "male": "<5", "other": "<5"}


def test_coverage_command_text_and_unknown_plan(plan, participants, targets):
    out = StringIO()
    call_command("coverage", "--plan", plan.slug, stdout=out)
    assert "12 participants" in out.getvalue() and "[GAP]" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("coverage", "--plan", "nope", "--json", stdout=StringIO())
