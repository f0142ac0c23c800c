from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import requires_csrf_token

from .authz import public


@public
def home(request):
    if request.user.is_authenticated:
        return redirect("plans:home")
    return render(request, "core/home.html")


@public
def ping(request):
    """A trivial view: "ok" in plain text (load balancers; the workshop benchmark's baseline)."""
    return HttpResponse("ok", content_type="text/plain")


@requires_csrf_token
def bad_request(request, exception=None):
    return render(request, "core/error.html", {"status": 400}, status=400)


@requires_csrf_token
def permission_denied(request, exception=None):
    return render(request, "core/error.html", {"status": 403}, status=403)


@requires_csrf_token
def page_not_found(request, exception=None):
    return render(request, "core/error.html", {"status": 404}, status=404)


@requires_csrf_token
def server_error(request):
    return render(request, "core/error.html", {"status": 500}, status=500)
