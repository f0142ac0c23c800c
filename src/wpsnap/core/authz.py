"""The one place where access to views is decided.

Every view of the project is wrapped by exactly one of `public`, `login_only` or `plan_view`.
The wrapper records an `Access` on the view (`view.wpsnap_access`) which the authorization-matrix
test reads: a view without one fails that test, so no view can ship without a rule.

Plan-scoped views take the Plan from the URL keyword `plan_slug`:
- anonymous visitors are sent to the login page;
- a signed-in user who is not a Member of that Plan gets 404 (the Plan's existence is not leaked);
- a Member whose role is not allowed gets 403.
The wrapped view receives `request.plan` and `request.member`.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.views.decorators.http import require_http_methods

PUBLIC, LOGIN, PLAN = "public", "login", "plan"


@dataclass(frozen=True)
class Access:
    kind: str
    roles: frozenset[str] = field(default_factory=frozenset)
    methods: tuple[str, ...] = ("GET",)
    check: Callable | None = None  # login_only: a further rule on the user (False → 403)

    def allows(self, role: str | None) -> bool:
        if self.kind == PUBLIC:
            return True
        if self.kind == LOGIN:
            return role is not None
        return role in self.roles


def _finish(view: Callable, wrapper: Callable, access: Access) -> Callable:
    methods = list(access.methods)
    if "GET" in methods and "HEAD" not in methods:
        methods.append("HEAD")
    wrapped = require_http_methods(methods)(wrapper)
    wrapped = wraps(view)(wrapped)
    wrapped.wpsnap_access = access
    return wrapped


def public(view=None, *, methods: Iterable[str] = ("GET",)):
    """Anyone, signed in or not."""

    def deco(view):
        return _finish(view, view, Access(PUBLIC, methods=tuple(methods)))

    return deco(view) if view is not None else deco


def login_only(view=None, *, methods: Iterable[str] = ("GET",), check: Callable | None = None):
    """Any signed-in user (for whom `check(user)` holds, if given: else 403); not tied to a Plan."""

    def deco(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if check is not None and not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return _finish(view, wrapper, Access(LOGIN, methods=tuple(methods), check=check))

    return deco(view) if view is not None else deco


def plan_view(*roles: str, methods: Iterable[str] = ("GET",)):
    """Members of the Plan named by `plan_slug` whose role is one of `roles` (all roles if none)."""
    from wpsnap.plans.models import Role

    allowed = frozenset(roles) if roles else frozenset(Role.values)
    unknown = allowed - set(Role.values)
    if unknown:
        raise ValueError(f"unknown roles: {sorted(unknown)}")

    def deco(view):
        @wraps(view)
        def wrapper(request, plan_slug, *args, **kwargs):
            from wpsnap.plans.queries import membership

            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            member = membership(request.user, plan_slug)
            if member is None:
                raise Http404
            if member.role not in allowed:
                raise PermissionDenied
            request.plan = member.plan
            request.member = member
            return view(request, *args, **kwargs)

        return _finish(view, wrapper, Access(PLAN, allowed, tuple(methods)))

    return deco
