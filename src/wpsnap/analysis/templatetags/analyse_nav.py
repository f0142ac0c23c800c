"""{% load analyse_nav %}{% analyse_section as section %}: which part of Analyse the current page
belongs to (by its route name), so the sub-navigation marks it on every page of the part."""

from django import template

from wpsnap.core import navigation

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
    return navigation.section_of(url_name, PREFIXES)


@register.simple_tag(takes_context=True)
def analyse_section(context) -> str:
    return navigation.current_section(context, "analyse", PREFIXES)
