"""Walk every URL of the project as every kind of visitor and check who gets in.

URLs are discovered from the URLconf, not listed by hand: a new view is covered as soon as it
is routed. Each view declares its rule through `wpsnap.core.authz` (public / login_only /
plan_view); a view without a rule fails `test_every_view_declares_its_access`. The values for
URL keywords come from URL_VALUES below: a new keyword fails the test until it is added there.
"""

import re

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver

from wpsnap.core.authz import LOGIN, PLAN, PUBLIC
from wpsnap.plans.models import Role

IDENTITIES = ["anonymous", "outsider", *Role.values]
OK = {200, 302}


def iter_routes(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from iter_routes(entry, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


ROUTES = sorted(iter_routes(), key=lambda item: item[0])


def url_values(fixtures) -> dict:
    """Concrete values for each URL keyword, pointing at objects of the first Plan."""
    plan, members, organisation, ref = (fixtures["plan"], fixtures["members"],
                                        fixtures["organisation"], fixtures["reference"])
    from wpsnap.plans.models import Member

    return {
        "plan_slug": plan.slug,
        "member_id": Member.objects.get(plan=plan, user=members[Role.VIEWER]).pk,
        "organisation_id": organisation.pk,
        "uidb64": "MQ",
        "token": "set-password-token",
        **ref,
    }


def concrete(route: str, values: dict) -> str:
    def sub(match):
        name = match.group(1)
        if name not in values:
            pytest.fail(f"URL keyword <{name}> in {route!r} has no value in the matrix test: "
                        "add it to url_values()")
        return str(values[name])

    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", sub, route)


def test_every_view_declares_its_access():
    missing = [route for route, p in ROUTES if not hasattr(p.callback, "wpsnap_access")]
    assert not missing, f"views without an access rule (use wpsnap.core.authz): {missing}"


def test_the_matrix_covers_the_plan_views():
    plan_routes = [r for r, p in ROUTES if p.callback.wpsnap_access.kind == PLAN]
    assert len(plan_routes) >= 10
    assert any("audit" in r for r in plan_routes)


@pytest.fixture
def reference_values(plan):
    """Values for the URL keywords of each app: every `wpsnap.<app>.testing.url_values(plan)`
    (e.g. frameworks loads the reference library and returns a resolution's key)."""
    from importlib import import_module
    from importlib.util import find_spec

    from django.conf import settings

    values = {}
    for app in settings.INSTALLED_APPS:
        if app.startswith("wpsnap.") and find_spec(f"{app}.testing"):
            values.update(import_module(f"{app}.testing").url_values(plan))
    return values


def expected(access, who, members) -> str:
    """What `who` should get: "ok", "login" (redirect to log in), "403" or "404"."""
    if access.kind == PUBLIC:
        return "ok"
    if who == "anonymous":
        return "login"
    if access.kind == LOGIN:
        return "ok" if access.check is None or access.check(members[who]) else "403"
    if who == "outsider":
        return "404"
    return "ok" if access.allows(who) else "403"


def outcome(response) -> str:
    status = response.status_code
    if status == 302 and "/accounts/login/" in response.get("Location", ""):
        return "login"
    if status in OK:
        return "ok"
    return str(status)


@pytest.mark.parametrize("route,pattern", ROUTES, ids=[r for r, _ in ROUTES])
def test_access(route, pattern, client, plan, members, organisation, reference_values):
    """Every identity against one URL; each request runs in a savepoint that is rolled back,
    so a POST by one identity (e.g. removing a member) does not change what the next sees."""
    access = pattern.callback.wpsnap_access
    url = concrete(route, url_values({"plan": plan, "members": members,
                                      "organisation": organisation,
                                      "reference": reference_values}))
    method = "get" if "GET" in access.methods else "post"
    failures = []
    for who in IDENTITIES:
        client.logout()
        if who != "anonymous":
            client.force_login(members[who])
        with transaction.atomic():
            response = getattr(client, method)(url)
            got, want = outcome(response), expected(access, who, members)
            if access.kind == PUBLIC and got == "login":
                got = "ok"  # e.g. logging out lands on the login page
            if got != want:
                failures.append(f"{who}: {method.upper()} {url} → {response.status_code} "
                                f"({got}), expected {want}")
            elif method == "post" and want == "ok" and client.get(url).status_code != 405:
                failures.append(f"{who}: GET {url} should be refused (405): the view is POST-only")
            transaction.set_rollback(True)
    assert not failures, "\n".join(failures)
