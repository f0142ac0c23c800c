from auditlog.models import LogEntry
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from wpsnap.core.authz import login_only, plan_view
from wpsnap.core.forms import apply_errors

from . import queries, services
from .forms import InviteForm, MemberForm, OrganisationForm, PlanCreateForm, PlanEditForm
from .models import ROLE_HELP, Role, Stage

COORDINATOR = Role.COORDINATOR



@login_only
def home(request):
    return render(request, "plans/home.html", {
        "memberships": queries.memberships_for(request.user),
        "can_create": queries.can_create_plans(request.user),
    })


@login_only(methods=("GET", "POST"), check=queries.can_create_plans)
def create(request):
    form = PlanCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.create_plan(coordinator=request.user, by=request.user,
                                        **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The Plan was created. You are its coordinator."))
            return redirect("plans:detail", plan.slug)
    return render(request, "plans/plan_form.html", {"form": form, "creating": True})


@plan_view()
def detail(request):
    plan = request.plan
    stages = list(Stage)
    current = stages.index(plan.stage)
    return render(request, "plans/detail.html", {
        "plan": plan,
        "stages": [(s, i < current, i == current) for i, s in enumerate(stages)],
        "role_counts": queries.role_counts(plan),
        "organisation_count": plan.organisations.count(),
        "role_help": ROLE_HELP.get(request.member.role),
    })


@plan_view(COORDINATOR, methods=("GET", "POST"))
def edit(request):
    form = PlanEditForm(request.POST or None, instance=request.plan)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The Plan was saved."))
        return redirect("plans:detail", request.plan.slug)
    return render(request, "plans/plan_form.html", {"form": form, "creating": False})


@plan_view(COORDINATOR)
def members(request):
    return render(request, "plans/members.html", {
        "members": queries.members_of(request.plan),
        "role_help": [(Role(r).label, h) for r, h in ROLE_HELP.items()],
    })


@plan_view(COORDINATOR, methods=("GET", "POST"))
def invite(request):
    form = InviteForm(request.POST or None, plan=request.plan)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.invite_member(request.plan, request=request, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if result.new_user:
                messages.success(request, _(
                    "An account was created and an e-mail with a link to choose a password "
                    "was sent."))
            else:
                messages.success(request, _("The person was added to the Plan and told by e-mail."))
            return redirect("plans:members", request.plan.slug)
    return render(request, "plans/invite.html", {"form": form})


@plan_view(COORDINATOR, methods=("GET", "POST"))
def member_edit(request, member_id):
    member = get_object_or_404(request.plan.members.select_related("user"), pk=member_id)
    form = MemberForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_member(member, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The role was saved."))
            return redirect("plans:members", request.plan.slug)
    return render(request, "plans/member_form.html", {"form": form, "member": member})


@plan_view(COORDINATOR, methods=("POST",))
def member_remove(request, member_id):
    member = get_object_or_404(request.plan.members, pk=member_id)
    try:
        services.remove_member(member)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The member was removed from the Plan."))
    return redirect("plans:members", request.plan.slug)


@plan_view()
def organisations(request):
    orgs = request.plan.organisations.select_related("area").order_by("type", "name_en")
    return render(request, "plans/organisations.html", {
        "organisations": orgs,
        "can_edit": request.member.role == COORDINATOR,
    })


@plan_view(COORDINATOR, methods=("GET", "POST"))
def organisation_create(request):
    return _organisation_form(request, None)


@plan_view(COORDINATOR, methods=("GET", "POST"))
def organisation_edit(request, organisation_id):
    org = get_object_or_404(request.plan.organisations, pk=organisation_id)
    return _organisation_form(request, org)


def _organisation_form(request, org):
    form = OrganisationForm(request.POST or None, instance=org, plan=request.plan)
    if request.method == "POST" and form.is_valid():
        org = form.save(commit=False)
        org.plan = request.plan
        org.save()
        messages.success(request, _("The Organisation was saved."))
        return redirect("plans:organisations", request.plan.slug)
    return render(request, "plans/organisation_form.html", {"form": form, "organisation": org})


@plan_view(COORDINATOR)
def audit(request):
    entries = (
        LogEntry.objects.filter(additional_data__plan_id=request.plan.pk)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    for entry in page.object_list:
        model = entry.content_type.model_class()
        entry.model_label = model._meta.verbose_name if model else entry.content_type.model
        entry.change_rows = _change_rows(entry)
    return render(request, "plans/audit.html", {"page": page})


def _change_rows(entry) -> list[tuple[str, str, str]]:
    """(field, before, after) for an audit entry; many-to-many changes read as added/removed."""
    rows = []
    for name, change in (entry.changes_dict or {}).items():
        if isinstance(change, dict):  # auditlog's m2m format: {"type": "m2m", "objects": [...]}
            verb = change.get("operation", "")
            objects = ", ".join(str(o) for o in change.get("objects", []))
            rows.append((name, verb, objects))
        elif isinstance(change, (list, tuple)) and len(change) == 2:
            rows.append((name, change[0] or "—", change[1] or "—"))
    return rows
