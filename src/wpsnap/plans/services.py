"""Writes about Plans, Members and Organisations. Views call these; rules live here."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from .models import Member, Organisation, Plan, Role
from .queries import can_create_plans

User = get_user_model()


@transaction.atomic
def create_plan(*, slug: str, title_en: str, country: str = "KH", title_km: str = "",
                period_start=None, period_end=None, coordinator=None, is_demo=False,
                by=None) -> Plan:
    """Create a Plan; `coordinator` (a user) becomes its first coordinator."""
    if by is not None and not can_create_plans(by):
        raise PermissionDenied(_("You may not start a new Plan."))
    if Plan.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": _("A Plan with this short name already exists.")})
    plan = Plan(slug=slug, title_en=title_en, title_km=title_km, country=country.upper(),
                period_start=period_start, period_end=period_end, is_demo=is_demo)
    plan.full_clean()
    plan.save()
    if coordinator is not None:
        Member.objects.create(plan=plan, user=coordinator, role=Role.COORDINATOR)
    _seed_codebook(plan, by=by or coordinator)
    return plan


def _seed_codebook(plan: Plan, *, by=None) -> None:
    """A new Plan's Codebook starts from the reference library, when that is loaded."""
    from wpsnap.analysis.services.codebook import seed_codebook

    try:
        seed_codebook(plan, by=by)
    except ValidationError:  # the library is not (or only partly) loaded: start empty
        pass


@dataclass
class InviteResult:
    member: Member
    new_user: bool


def _coordinator_count(plan) -> int:
    return plan.members.filter(role=Role.COORDINATOR).count()


@transaction.atomic
def invite_member(plan: Plan, *, email: str, role: str, username: str = "",
                  organisation: Organisation | None = None, request=None) -> InviteResult:
    """Give a person a role in the Plan.

    An existing account (matched by e-mail) is added at once. Otherwise an account without a
    usable password is created and a one-time link to choose a password is e-mailed.
    """
    email = email.strip()
    user = User.objects.filter(email__iexact=email).order_by("pk").first()
    new_user = user is None
    if new_user:
        username = (username or email.split("@")[0]).strip()
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError({"username": _("That username is taken; choose another.")})
        user = User(username=username, email=email)
        user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
    if Member.objects.filter(plan=plan, user=user).exists():
        raise ValidationError({"email": _("This person is already a member of the Plan.")})
    member = Member(plan=plan, user=user, role=role, organisation=organisation)
    member.full_clean()
    try:
        member.save()
    except IntegrityError as exc:  # a double submit racing the check above
        raise ValidationError({"email": _("This person is already a member of the Plan.")}) \
            from exc
    _send_invitation(member, new_user, request)
    return InviteResult(member, new_user)


def _send_invitation(member: Member, new_user: bool, request) -> None:
    user = member.user
    if not user.email:
        return
    context = {"member": member, "plan": member.plan, "user": user, "new_user": new_user}
    if request is not None:
        context["base_url"] = request.build_absolute_uri("/").rstrip("/")
    else:
        context["base_url"] = ""
    if new_user:
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        token = default_token_generator.make_token(user)
        context["link"] = context["base_url"] + reverse(
            "accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    else:
        context["link"] = context["base_url"] + reverse("plans:detail", args=[member.plan.slug])
    subject = _("You have been given a role in a wpsnap plan")
    body = render_to_string("plans/email/invitation.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, None, [user.email]))


@transaction.atomic
def change_member(member: Member, *, role: str, organisation=None) -> Member:
    if member.role == Role.COORDINATOR and role != Role.COORDINATOR \
            and _coordinator_count(member.plan) <= 1:
        raise ValidationError({"role": _("A Plan needs at least one coordinator.")})
    member.role = role
    member.organisation = organisation
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def remove_member(member: Member) -> None:
    if member.role == Role.COORDINATOR and _coordinator_count(member.plan) <= 1:
        raise ValidationError(_("A Plan needs at least one coordinator."))
    member.delete()
