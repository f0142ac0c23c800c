"""The demo Validate of the demo Plan `cambodia-demo`: the national validation workshop in
Phnom Penh (a Consultation of kind validation workshop) with

- a CLOSED morning session: ten demo Findings (the ones already presented first), 60 Attendees
  with the profile they chose to declare (mostly women, several provinces), their votes on every
  Finding (one contested and rejected), comments and amendments in Khmer and English (moderated:
  one comment hidden), priority points, one Amendment accepted into a Revision, and the
  Findings' statuses following the rule outcome (validated / amended / rejected);
- an OPEN afternoon session (join code printed by `load_demo`): five more Findings and the
  question "Which coordination mechanism option do you prefer?", 10 priority points, phones
  following the facilitator.

    from wpsnap.validation.demo import load
    counts = load(plan, stdout=self.stdout)

Runs after the demo Analyse (it puts its Findings to the room) and needs the demo users.
Idempotent: a second run creates nothing. Written with the audit log off, like the Analyse demo
(synthetic rows written by no one).
"""

import time

from .content import OPEN_CODE


def load(plan, *, stdout=None) -> dict:
    """Load the demo Validate into `plan`; returns counts and prints a one-line summary."""
    from auditlog.context import disable_auditlog
    from django.db import transaction

    from .loader import load as _load

    started = time.monotonic()
    with disable_auditlog(), transaction.atomic():
        counts = _load(plan)
    counts["seconds"] = round(time.monotonic() - started, 1)
    if stdout is not None:
        statuses = ", ".join(f"{n} {status}" for status, n in
                             sorted(counts["closed_statuses"].items()))
        stdout.write(
            f"Demo Validate: {counts['workshops']} workshops ({counts['workshops_new']} new), "
            f"{counts['attendees']} attendees, {counts['votes']} votes, {counts['comments']} "
            f"comments, {counts['amendments']} amendments (findings {statuses}); open "
            f"workshop {counts['open_join_code']}.\n")
    return counts


__all__ = ["OPEN_CODE", "load"]
