"""The demo Analyse of the demo Plan `cambodia-demo`: the seeded Codebook, the two demo analysts'
codings of the demo Statements (most coded, some left for the queue, a few spans), a pilot
double-coding sample with a realistic, imperfect agreement, ~20 Findings in Khmer and English
with Evidence, and the coding assistant trained on the codings.

    from wpsnap.analysis.demo import load
    counts = load(plan, stdout=self.stdout)

Runs after the demo Consult (it codes its Statements) and needs the demo users. Idempotent: a
second run creates nothing. The audit trail is not flooded: the demo rows are written with the
audit log off (they are synthetic and written by no one).
"""

import logging
import time

logger = logging.getLogger(__name__)


def _train(plan, stdout) -> dict:
    """Train the coding assistant once: only when the Plan has no Suggester yet (so a second
    run trains nothing). A failure never breaks the demo: it is logged and printed as a
    warning; the coordinator can retrain from the Analyse pages."""
    try:
        from wpsnap.analysis.models import Suggester
        from wpsnap.analysis.services.suggest import train_now
    except ImportError:  # the assistant is not installed
        return {"suggester": "absent"}
    existing = Suggester.objects.filter(plan=plan).order_by("-created_at", "-id").first()
    if existing is not None:
        return {"suggester": existing.status}
    if stdout is not None:
        stdout.write("Training the coding assistant on the demo codings (a few seconds)...\n")
    started = time.monotonic()
    try:
        suggester = train_now(plan)
    except Exception as exc:  # noqa: BLE001 - the demo must load even if training fails
        logger.warning("demo: the coding assistant could not be trained (%s)",
                       type(exc).__name__)
        if stdout is not None:
            stdout.write(f"Warning: the coding assistant was not trained ({type(exc).__name__}); "
                         "train it from the Analyse pages.\n")
        return {"suggester": "failed"}
    status = suggester.status
    if status != Suggester.Status.READY and stdout is not None:
        stdout.write(f"Warning: the coding assistant was not trained: {suggester.error}\n")
    return {"suggester": status, "suggester_seconds": round(time.monotonic() - started, 1),
            "macro_f1": (suggester.metrics or {}).get("macro_f1")}


def load(plan, *, stdout=None, train: bool | None = None) -> dict:
    """Load the demo Analyse into `plan`; returns counts and prints a one-line summary.

    `train`: train the coding assistant at the end (default: the setting
    WPSNAP_DEMO_TRAIN_ASSISTANT, True unless the test settings turn it off)."""
    from auditlog.context import disable_auditlog
    from django.conf import settings
    from django.db import transaction

    from .loader import load as _load

    started = time.monotonic()
    with disable_auditlog(), transaction.atomic():
        counts = _load(plan)
    counts["seconds"] = round(time.monotonic() - started, 1)
    if train is None:
        train = getattr(settings, "WPSNAP_DEMO_TRAIN_ASSISTANT", True)
    if train:
        counts.update(_train(plan, stdout))
    if stdout is not None:
        stdout.write(
            f"Demo Analyse: {counts['codes']} codes, {counts['coded_statements']} of "
            f"{counts['statements']} demo statements coded ({counts['codings']} codings, "
            f"{counts['codings_new']} new), a double-coding sample of "
            f"{counts['sample_statements']} statements, {counts['findings']} findings "
            f"({counts['findings_new']} new); coding assistant: "
            f"{counts.get('suggester', 'not trained')}.\n")
    return counts


__all__ = ["load"]
