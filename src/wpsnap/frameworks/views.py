from django.shortcuts import render

from wpsnap.core.authz import public


@public
def index(request):
    return render(request, "base.html")


@public
def learn(request):
    return render(request, "base.html")
