"""{% load planning_nav %}{% planning_section as section %}: which part of Plan the current page
belongs to (by its route name), so the sub-navigation marks it on every page of the part."""

from django import template

from wpsnap.core import navigation

register = template.Library()

PREFIXES = (  # route-name prefix → part; the first that matches wins
    ("indicator", "indicators"),
    ("matrix", "matrix"),
    ("organisation", "matrix"),
    ("coordination", "coordination"),
    ("body", "coordination"),
    ("membership", "coordination"),
    ("gaps", "gaps"),
    ("alignment", "alignment"),
    ("budget_line", "framework"),  # an Action's budget lines belong to the framework
    ("budget", "budget"),
    ("export", "framework"),
    ("", "framework"),  # the framework, its Outcomes, Outputs, Actions, traces
)


def section_of(url_name: str | None) -> str:
    return navigation.section_of(url_name, PREFIXES)


@register.simple_tag(takes_context=True)
def planning_section(context) -> str:
    return navigation.current_section(context, "planning", PREFIXES)
