"""{% load analyse_nav %}{% analyse_section as section %}: which part of Analyse the current page
belongs to (by its route name), so the sub-navigation marks it on every page of the part."""

from django import template

register = template.Library()

PREFIXES = (  # route-name prefix → part; the first that matches wins
    ("codings_import", "codebook"),
    ("codebook", "codebook"),
    ("code_", "codebook"),
    ("coding_", "coding"),
    ("suggest", "suggester"),
    ("agreement", "agreement"),
    ("matrix", "matrix"),
    ("finding", "findings"),
    ("evidence", "findings"),
    ("situation", "situation"),
    ("overview", "overview"),
)


def section_of(url_name: str | None) -> str:
    for prefix, part in PREFIXES:
        if (url_name or "").startswith(prefix):
            return part
    return ""


@register.simple_tag(takes_context=True)
def analyse_section(context) -> str:
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is None or match.namespace != "analyse":
        return ""
    return section_of(match.url_name)
