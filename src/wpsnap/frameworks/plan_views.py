"""A Plan's national Frameworks: every Member reads them; the coordinator adds and edits."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from wpsnap.core.authz import plan_view
from wpsnap.core.forms import apply_errors
from wpsnap.plans.models import Role

from . import queries, services
from .forms import PlanFrameworkForm, PlanItemForm
from .models import Framework

COORDINATOR = Role.COORDINATOR



def _own_framework(request, framework_id) -> Framework:
    return get_object_or_404(Framework, plan=request.plan, pk=framework_id)


@plan_view()
def framework_list(request):
    return render(request, "frameworks/plan/list.html", {
        "own": request.plan.frameworks.order_by("order", "key"),
        "national": queries.reference_frameworks().filter(kind=Framework.Kind.NATIONAL),
        "can_edit": request.member.role == COORDINATOR,
    })


@plan_view()
def framework_detail(request, framework_id):
    framework = _own_framework(request, framework_id)
    return render(request, "frameworks/plan/detail.html", {
        "framework": framework,
        "tree": queries.item_tree(framework),
        "can_edit": request.member.role == COORDINATOR,
    })


@plan_view(COORDINATOR, methods=("GET", "POST"))
def framework_create(request):
    return _framework_form(request, None)


@plan_view(COORDINATOR, methods=("GET", "POST"))
def framework_edit(request, framework_id):
    return _framework_form(request, _own_framework(request, framework_id))


def _framework_form(request, framework):
    form = PlanFrameworkForm(request.POST or None, instance=framework, plan=request.plan)
    if request.method == "POST" and form.is_valid():
        try:
            framework = services.save_plan_framework(request.plan, framework=framework,
                                                     **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The framework was saved."))
            return redirect("plan_frameworks:detail", request.plan.slug, framework.pk)
    return render(request, "frameworks/plan/framework_form.html",
                  {"form": form, "framework": framework})


@plan_view(COORDINATOR, methods=("GET", "POST"))
def item_create(request, framework_id):
    return _item_form(request, _own_framework(request, framework_id), None)


@plan_view(COORDINATOR, methods=("GET", "POST"))
def item_edit(request, framework_id, framework_item_id):
    framework = _own_framework(request, framework_id)
    item = get_object_or_404(framework.items, pk=framework_item_id)
    return _item_form(request, framework, item)


def _item_form(request, framework, item):
    form = PlanItemForm(request.POST or None, instance=item, framework=framework)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_plan_item(request.plan, framework, item=item, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The item was saved."))
            return redirect("plan_frameworks:detail", request.plan.slug, framework.pk)
    return render(request, "frameworks/plan/item_form.html",
                  {"form": form, "framework": framework, "item": item})
