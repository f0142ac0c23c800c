"""Fixtures of the set-up tests: a validation-workshop Consultation, Findings, a Workshop."""

import pytest

from wpsnap.analysis.models import Finding
from wpsnap.consultations.models import Consultation


@pytest.fixture(name="vconsultation")
def vconsultation_fixture(plan):
    return Consultation.objects.create(plan=plan, slug="validation-2026",
                                       kind=Consultation.Kind.VALIDATION_WORKSHOP,
                                       title_en="National validation workshop",
                                       title_km="សិក្ខាសាលាផ្ទៀងផ្ទាត់ថ្នាក់ជាតិ")


@pytest.fixture(name="findings")
def findings_fixture(plan):
    """F-01…F-04 (F-03 rejected)."""
    rows = []
    for n in range(1, 5):
        rows.append(Finding.objects.create(
            plan=plan, number=n, key=f"F-{n:02d}", order=n, title_en=f"Finding {n}",
            title_km=f"លទ្ធផល {n}",
            status=Finding.Status.REJECTED if n == 3 else Finding.Status.PRESENTED))
    return rows


@pytest.fixture(name="workshop")
def workshop_fixture(plan, vconsultation, members):
    from wpsnap.validation.services.setup import create_workshop

    return create_workshop(plan, consultation=vconsultation, title_en="Validation day 1",
                           title_km="ថ្ងៃទី ១", by=members["facilitator"])
