"""The demo Plan stage of the demo Plan `cambodia-demo`: a draft NAP (Goal, 5 Outcomes under the
four pillars and coordination / M&E, 13 Outputs, 42 Actions, 27 Indicators with baselines and
Targets) built from the validated demo Findings, and a three-tier coordination mechanism, with a
few deliberate gaps for the gaps page (see `content`).

    from wpsnap.planning.demo import load
    counts = load(plan, stdout=self.stdout)

Runs after the demo Validate (the Actions answer its validated and amended Findings) and needs
the demo Organisations and the reference library. Idempotent: a second run creates nothing.
Written with the audit log off, like the other demos (synthetic rows written by no one).
"""

import time


def load(plan, *, stdout=None) -> dict:
    """Load the demo Plan stage into `plan`; returns counts and prints a one-line summary."""
    from auditlog.context import disable_auditlog
    from django.db import transaction

    from ..models import Action, Body, Indicator, Membership, Outcome, Output
    from .loader import load as _load

    started = time.monotonic()
    with disable_auditlog(), transaction.atomic():
        counts = _load(plan)
    counts["seconds"] = round(time.monotonic() - started, 1)
    totals = {
        "outcomes": Outcome.objects.filter(plan=plan).count(),
        "outputs": Output.objects.filter(plan=plan).count(),
        "actions": Action.objects.filter(plan=plan).count(),
        "indicators": Indicator.objects.filter(plan=plan).count(),
        "bodies": Body.objects.filter(plan=plan).count(),
        "memberships": Membership.objects.filter(body__plan=plan).count(),
    }
    counts["totals"] = totals
    if stdout is not None:
        new = "new" if counts["framework_new"] or counts["coordination_new"] else "unchanged"
        stdout.write(
            f"Demo Plan: {totals['outcomes']} outcomes, {totals['outputs']} outputs, "
            f"{totals['actions']} actions, {totals['indicators']} indicators, "
            f"{totals['bodies']} coordination bodies with {totals['memberships']} memberships "
            f"({new}).\n")
    return counts


__all__ = ["load"]
