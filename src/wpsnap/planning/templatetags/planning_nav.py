"""{% load planning_nav %}{% planning_section as section %}: which part of Plan the current page
belongs to (by its route name), so the sub-navigation marks it on every page of the part."""

from django import template

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
    for prefix, part in PREFIXES:
        if (url_name or "").startswith(prefix):
            return part
    return ""


@register.simple_tag(takes_context=True)
def planning_section(context) -> str:
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is None or match.namespace != "planning":
        return ""
    return section_of(match.url_name)
