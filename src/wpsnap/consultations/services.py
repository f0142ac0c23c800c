"""Writes about Consultations, Participants, Consent and Statements."""

import re

from .models import Participant

CODE_RE = re.compile(r"^P-(\d+)$")


def participant_code(number: int) -> str:
    return f"P-{number:04d}"


def next_participant_numbers(plan, count: int = 1) -> list[int]:
    """The next `count` free Participant numbers of the Plan (P-0001 style codes), continuing
    after the highest code in use. Call inside the transaction that creates the Participants."""
    highest = 0
    for code in Participant.objects.filter(plan=plan, code__startswith="P-").values_list(
            "code", flat=True).iterator():
        match = CODE_RE.match(code)
        if match:
            highest = max(highest, int(match.group(1)))
    return list(range(highest + 1, highest + 1 + count))


def next_participant_code(plan) -> str:
    return participant_code(next_participant_numbers(plan, 1)[0])
