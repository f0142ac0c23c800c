"""Object-level rules of the Plan stage, on top of the view's role rule (core.authz).

Coordinators edit the whole results framework and coordination mechanism. A focal point edits
only the Actions their Organisation leads (and those Actions' budget lines), and the Indicators
their Organisation is responsible for. Everyone else in the Plan reads.
"""

from wpsnap.plans.models import Role

from .models import Responsibility

EDIT_ROLES = (Role.COORDINATOR, Role.FOCAL_POINT)


def can_edit_framework(member) -> bool:
    """Create, move or delete Outcomes, Outputs, Actions and Indicators; edit Goal, Bodies."""
    return member is not None and member.role == Role.COORDINATOR


def can_edit_action(member, action) -> bool:
    if member is None:
        return False
    if member.role == Role.COORDINATOR:
        return True
    if member.role == Role.FOCAL_POINT and member.organisation_id:
        return Responsibility.objects.filter(action=action, role=Responsibility.Role.LEAD,
                                             organisation_id=member.organisation_id).exists()
    return False


def can_edit_indicator(member, indicator) -> bool:
    if member is None:
        return False
    if member.role == Role.COORDINATOR:
        return True
    return (member.role == Role.FOCAL_POINT and member.organisation_id is not None
            and indicator.responsible_id == member.organisation_id)
