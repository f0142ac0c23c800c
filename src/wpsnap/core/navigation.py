"""Sub-navigation: which part of a stage the current page belongs to, by its route name."""


def section_of(url_name: str | None, prefixes) -> str:
    """The part of the first (route-name prefix, part) pair whose prefix starts `url_name`."""
    for prefix, part in prefixes:
        if (url_name or "").startswith(prefix):
            return part
    return ""


def current_section(context, namespace: str, prefixes) -> str:
    """The part of the page being drawn, or "" outside `namespace`."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is None or match.namespace != namespace:
        return ""
    return section_of(match.url_name, prefixes)
