"""The Plan sub-navigation marks the part a page belongs to."""

from django.urls import get_resolver

from wpsnap.planning.templatetags.planning_nav import section_of


def test_each_route_belongs_to_a_part():
    assert section_of("budget_line_edit") == "framework"  # an Action's budget lines
    assert section_of("budget_settings") == "budget"
    assert section_of("indicator_adopt") == "indicators"
    assert section_of("matrix_cell") == "matrix" and section_of("organisation_plan") == "matrix"
    assert section_of("body_edit") == "coordination"
    assert section_of("action_trace") == "framework" and section_of("gaps") == "gaps"
    planning = get_resolver().namespace_dict["planning"][1]
    names = {name for name in planning.reverse_dict if isinstance(name, str)}
    assert names and all(section_of(name) for name in names)
