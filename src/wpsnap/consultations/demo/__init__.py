"""The demo Consult of the demo Plan `cambodia-demo`: synthetic Consultations, Participants,
Consent and Statements in Khmer and English, part of them imported through the real importer
from the files in `data/` (re-created by `python -m wpsnap.consultations.demo.make_files`).

    from wpsnap.consultations.demo import load
    counts = load(plan, stdout=self.stdout)

Idempotent: a second run creates nothing. The reference library (provinces) must be loaded.
"""


def load(plan, *, stdout=None) -> dict:
    """Load the demo Consult into `plan`; returns counts and prints a one-line summary."""
    from django.db import transaction

    from .loader import load as _load

    with transaction.atomic():
        return _load(plan, stdout=stdout)


__all__ = ["load"]
