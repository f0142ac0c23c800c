"""Reads about Plans. Every query that returns plan data is scoped to what the user may see."""

from django.db.models import Count

from .models import Member, Plan, Role


def membership(user, plan_slug: str) -> Member | None:
    """The user's Member row in the Plan with this slug, or None (also for unknown slugs)."""
    if not user.is_authenticated:
        return None
    return (
        Member.objects.select_related("plan", "organisation")
        .filter(user=user, plan__slug=plan_slug)
        .first()
    )


def plans_for(user):
    """The Plans the user is a Member of, with the user's role on each."""
    if not user.is_authenticated:
        return Plan.objects.none()
    return (
        Plan.objects.filter(members__user=user)
        .annotate(member_count=Count("members", distinct=True))
        .order_by("slug")
    )


def memberships_for(user):
    return Member.objects.filter(user=user).select_related("plan").order_by("plan__slug")


def can_create_plans(user) -> bool:
    """Staff, and users who coordinate at least one Plan, may start a new Plan."""
    if not user.is_authenticated:
        return False
    return user.is_staff or Member.objects.filter(user=user, role=Role.COORDINATOR).exists()


def members_of(plan):
    return plan.members.select_related("user", "organisation").order_by("role", "user__username")


def role_counts(plan) -> list[tuple[str, int]]:
    counts = dict(plan.members.values_list("role").annotate(n=Count("id")))
    return [(Role(r).label, counts.get(r, 0)) for r in Role.values]
