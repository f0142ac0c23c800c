"""Rules of the coordination mechanism: Body names, reporting lines without circles, deleting,
Memberships with one chair per Body; and the diagram's layout and Khmer-safe line breaks."""

import pytest
from django.core.exceptions import ValidationError

from wpsnap.plans.models import Organisation

from ..models import Body, Membership, Responsibility
from ..queries import coordination as queries
from ..services import coordination as services
from .fixtures_coordination import *  # noqa: F403 - fixtures
from .fixtures_coordination import make_framework

pytestmark = pytest.mark.django_db


def test_create_body_orders_and_strips(plan):
    first = services.create_body(plan, name_en="  Steering committee ", name_km="គណៈកម្មាធិការ")
    second = services.create_body(plan, name_en="TWG", reports_to=first)
    assert first.name_en == "Steering committee"
    assert (first.order, second.order) == (1, 2)
    assert second.reports_to == first


def test_body_needs_a_unique_english_name(plan):
    with pytest.raises(ValidationError) as err:
        services.create_body(plan, name_en="  ", name_km="គណៈកម្មាធិការ")
    assert "name_en" in err.value.message_dict
    services.create_body(plan, name_en="TWG")
    with pytest.raises(ValidationError) as err:
        services.create_body(plan, name_en="TWG")
    assert "already has a Body" in err.value.message_dict["name_en"][0]
    assert Body.objects.filter(plan=plan).count() == 1


def test_same_name_in_another_plan_is_fine(plan, other_plan):
    services.create_body(plan, name_en="TWG")
    services.create_body(other_plan, name_en="TWG")
    assert Body.objects.filter(name_en="TWG").count() == 2


def test_reports_to_a_body_of_another_plan_is_refused(plan, other_plan):
    foreign = services.create_body(other_plan, name_en="Foreign committee")
    with pytest.raises(ValidationError) as err:
        services.create_body(plan, name_en="TWG", reports_to=foreign)
    assert "reports_to" in err.value.message_dict


def test_a_body_cannot_report_to_itself(mechanism):
    with pytest.raises(ValidationError) as err:
        services.update_body(mechanism["nsc"], reports_to=mechanism["nsc"])
    assert "itself" in err.value.message_dict["reports_to"][0]


def test_a_reporting_cycle_is_refused_and_nothing_changes(mechanism):
    nsc, twg, sub = mechanism["nsc"], mechanism["twg"], mechanism["sub"]
    with pytest.raises(ValidationError) as err:  # A → B → A
        services.update_body(nsc, reports_to=twg, name_en="Renamed")
    assert "circle" in err.value.message_dict["reports_to"][0]
    with pytest.raises(ValidationError):  # A → C → B → A, through two levels
        services.update_body(nsc, reports_to=sub)
    nsc.refresh_from_db()
    assert nsc.reports_to is None and nsc.name_en == "National Steering Committee"
    # Moving a Body sideways is fine.
    services.update_body(sub, reports_to=nsc)
    sub.refresh_from_db()
    assert sub.reports_to == nsc


def test_delete_refused_while_others_report_to_it(mechanism, orgs):
    twg = mechanism["twg"]
    with pytest.raises(ValidationError) as err:
        services.delete_body(twg)
    assert "Prevention sub-group" in err.value.messages[0]
    assert Body.objects.filter(pk=twg.pk).exists()


def test_delete_takes_its_memberships_along(mechanism, orgs):
    sub = mechanism["sub"]
    services.add_membership(sub, orgs[0], Membership.Role.CHAIR)
    services.add_membership(sub, orgs[1])
    services.delete_body(sub)
    assert not Body.objects.filter(pk=sub.pk).exists()
    assert not Membership.objects.filter(body_id=sub.pk).exists()
    assert Organisation.objects.filter(pk=orgs[0].pk).exists()


def test_one_chair_per_body_is_a_translated_error(mechanism, orgs):
    nsc = mechanism["nsc"]
    services.add_membership(nsc, orgs[0], Membership.Role.CHAIR)
    with pytest.raises(ValidationError) as err:
        services.add_membership(nsc, orgs[1], Membership.Role.CHAIR)
    assert "already chairs" in err.value.message_dict["role"][0]
    member = services.add_membership(nsc, orgs[1], Membership.Role.MEMBER)
    with pytest.raises(ValidationError):
        services.change_membership(member, role=Membership.Role.CHAIR)
    member.refresh_from_db()
    assert member.role == Membership.Role.MEMBER
    # The chair may stay chair (saving it again is not a second chair) …
    chair = Membership.objects.get(body=nsc, role=Membership.Role.CHAIR)
    services.change_membership(chair, role=Membership.Role.CHAIR)
    # … and once it steps down another Organisation can take the chair.
    services.change_membership(chair, role=Membership.Role.CO_CHAIR)
    services.change_membership(member, role=Membership.Role.CHAIR)
    assert Membership.objects.get(body=nsc, role=Membership.Role.CHAIR).organisation == orgs[1]


def test_an_organisation_is_in_a_body_once(mechanism, orgs):
    nsc = mechanism["nsc"]
    services.add_membership(nsc, orgs[0])
    with pytest.raises(ValidationError) as err:
        services.add_membership(nsc, orgs[0], Membership.Role.OBSERVER)
    assert "organisation" in err.value.message_dict
    other = services.add_membership(nsc, orgs[1])
    with pytest.raises(ValidationError):
        services.change_membership(other, role=Membership.Role.MEMBER, organisation=orgs[0])


def test_membership_of_another_plans_organisation_is_refused(mechanism, foreign_org):
    with pytest.raises(ValidationError) as err:
        services.add_membership(mechanism["nsc"], foreign_org)
    assert "organisation" in err.value.message_dict
    assert not Membership.objects.exists()


def test_remove_membership(mechanism, orgs):
    m = services.add_membership(mechanism["nsc"], orgs[0])
    services.remove_membership(m)
    assert not Membership.objects.exists()


def test_set_roles_applies_in_order_with_lead_demotion(plan, orgs):
    fw = make_framework(plan, actions=1)
    action = fw["actions"][0]
    services.set_roles([(action, orgs[0], "lead"), (action, orgs[1], "lead"),
                        (fw["outputs"][0], orgs[2], "informed")])
    roles = dict(Responsibility.objects.filter(action=action).values_list(
        "organisation__abbreviation", "role"))
    assert roles == {"MoWA": "support", "MoI": "lead"}
    assert Responsibility.objects.get(output=fw["outputs"][0]).role == "informed"


def test_set_roles_is_all_or_nothing(plan, orgs, foreign_org):
    fw = make_framework(plan, actions=1)
    with pytest.raises(ValidationError):
        services.set_roles([(fw["actions"][0], orgs[0], "lead"),
                            (fw["actions"][0], foreign_org, "support")])
    assert not Responsibility.objects.exists()


# --- Reads --------------------------------------------------------------------------------------

def test_bodies_read_chair_and_secretariat_from_memberships(mechanism, orgs,
                                                           django_assert_num_queries):
    nsc = mechanism["nsc"]
    services.add_membership(nsc, orgs[1], Membership.Role.SECRETARIAT)
    services.add_membership(nsc, orgs[0], Membership.Role.CHAIR)
    services.add_membership(nsc, orgs[3], Membership.Role.CO_CHAIR)
    with django_assert_num_queries(2):
        rows = queries.bodies(nsc.plan)
    first = rows[0]
    assert first.chair == orgs[0]
    assert first.secretariat == [orgs[1]]
    assert first.co_chairs == [orgs[3]]
    assert [m.role for m in first.members] == ["chair", "co_chair", "secretariat"]
    levels = queries.by_level(rows)
    assert [g["level"] for g in levels] == ["national", "provincial"]


def test_reporting_tree(mechanism):
    forest = queries.reporting_tree(queries.bodies(mechanism["nsc"].plan))
    assert [n.body.name_en for n in forest] == ["National Steering Committee"]
    twg = forest[0].children[0]
    assert twg.body == mechanism["twg"]
    assert [c.body for c in twg.children] == [mechanism["sub"], mechanism["prov"]]


def test_diagram_layout_centres_a_body_over_those_reporting_to_it(mechanism):
    layout = queries.diagram(queries.bodies(mechanism["nsc"].plan))
    x = {n["body"].pk: n for n in layout["nodes"]}
    sub, prov = x[mechanism["sub"].pk], x[mechanism["prov"].pk]
    twg, nsc = x[mechanism["twg"].pk], x[mechanism["nsc"].pk]
    assert sub["y"] == prov["y"] > twg["y"] > nsc["y"]
    assert twg["cx"] == (sub["cx"] + prov["cx"]) / 2 == nsc["cx"]
    assert sub["x"] + queries.BOX_W < prov["x"]  # boxes do not overlap
    assert len(layout["edges"]) == 3
    assert layout["width"] >= prov["x"] + queries.BOX_W
    assert "Technical Working Group on WPS reports to National Steering Committee." in \
        layout["summary"]


def test_wrap_never_splits_a_khmer_cluster():
    text = "គណៈកម្មាធិការជាតិដឹកនាំការងារស្ត្រីសន្តិភាពនិងសន្តិសុខ"
    lines = queries.wrap(text, width=80, max_lines=10)
    assert len(lines) > 1
    assert "".join(lines) == text
    for line in lines:
        assert not line.startswith("\u17d2")  # no line starts with a coeng …
        assert not queries._is_mark(line[0])  # … or a vowel sign
        assert not line.endswith("\u17d2")


def test_wrap_breaks_at_spaces_and_ends_with_an_ellipsis():
    lines = queries.wrap("National Steering Committee on Women Peace and Security for the "
                         "implementation of the National Action Plan", max_lines=3)
    assert len(lines) == 3
    assert lines[0].startswith("National")
    assert lines[-1].endswith("…")
    assert all(queries.text_width(line) <= queries.TEXT_W for line in lines)


def test_many_bodies_under_one_are_stacked_in_rows(plan):
    top = services.create_body(plan, name_en="National committee")
    groups = [services.create_body(plan, name_en=f"Province {n} working group", reports_to=top,
                                   level=Body.Level.PROVINCIAL) for n in range(9)]
    layout = queries.diagram(queries.bodies(plan))
    at = {n["body"].pk: n for n in layout["nodes"]}
    rows = sorted({at[g.pk]["y"] for g in groups})
    assert len(rows) == 3  # 4 + 4 + 1
    assert layout["width"] < 5 * (queries.BOX_W + queries.GAP_X)  # four boxes wide, not nine
    boxes = [(n["x"], n["y"]) for n in layout["nodes"]]
    assert len(set(boxes)) == len(boxes)
    for a in layout["nodes"]:  # no two boxes overlap
        for b in layout["nodes"]:
            if a is not b and a["y"] == b["y"]:
                assert abs(a["x"] - b["x"]) >= queries.BOX_W
    trunk = [e for e in layout["edges"] if e["arrow"]]
    assert len(trunk) == 1 and len(layout["edges"]) == 10
    assert at[top.pk]["cx"] == float(trunk[0]["d"].split()[0][1:])
    assert layout["height"] >= rows[-1] + queries.BOX_H
