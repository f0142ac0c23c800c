"""Fixtures for Consult tests: the reference Areas, a Consultation and a dozen Participants with
Statements in Khmer and English (consent active)."""

import pytest

from wpsnap.consultations.models import (
    Consent,
    Consultation,
    Participant,
    Statement,
)
from wpsnap.core.text import detect_language

KHMER_SENTENCES = [
    "ស្ត្រីត្រូវការសុវត្ថិភាពនៅផ្សារ",
    "យុវជនចង់ចូលរួមក្នុងការសម្រេចចិត្ត",
    "គ្រាប់មីននៅតែជាបញ្ហានៅភូមិយើង",
    "ការជួញដូរមនុស្សកើតមាននៅព្រំដែន",
]
ENGLISH_SENTENCES = [
    "Women need safe transport to the market.",
    "Landmines still block access to farmland.",
    "Online scams target young people looking for work.",
    "Floods hit women-headed households hardest.",
]

# (sex, age band, stakeholder group, area code)
PEOPLE = [
    ("female", "18_24", "youth", "12"),
    ("female", "25_34", "women", "12"),
    ("female", "35_44", "women", "02"),
    ("male", "45_59", "government", "12"),
    ("female", "under_18", "youth", "02"),
    ("male", "25_34", "civil_society", "17"),
    ("female", "60_plus", "community_leader", "02"),
    ("female", "18_24", "women", "12"),
    ("male", "35_44", "security_sector", "17"),
    ("female", "25_34", "marginalised", "12"),
    ("other", "unknown", "women", ""),
    ("female", "45_59", "women", "12"),
]


@pytest.fixture
def areas(db):
    from wpsnap.frameworks.models import Area
    from wpsnap.frameworks.services import load_reference

    load_reference()
    return {a.code: a for a in Area.objects.filter(country="KH")}


@pytest.fixture
def consultation(plan, areas):
    return Consultation.objects.create(
        plan=plan, slug="fgd-battambang", kind=Consultation.Kind.FOCUS_GROUP,
        title_en="Focus group in Battambang", title_km="ក្រុមពិភាក្សានៅបាត់ដំបង",
        area=areas.get("02"), language=Consultation.Language.KHMER, facilitator="MoWA team")


@pytest.fixture
def survey(plan):
    return Consultation.objects.create(plan=plan, slug="survey-2026",
                                       kind=Consultation.Kind.SURVEY, title_en="Youth survey")


def add_statement(participant, consultation, text, question="q_safety"):
    return Statement.objects.create(plan=participant.plan, consultation=consultation,
                                    participant=participant, question=question, text=text,
                                    language=detect_language(text) or "other")


@pytest.fixture
def participants(plan, consultation, survey, areas):
    """Twelve Participants (P-0001…P-0012), each with one Khmer and one English Statement in
    `consultation`; the first three also answered `survey`."""
    people = []
    for i, (sex, age, group, area) in enumerate(PEOPLE):
        p = Participant.objects.create(plan=plan, code=f"P-{i + 1:04d}", sex=sex, age_band=age,
                                       stakeholder_group=group, area=areas.get(area))
        p.consultations.add(consultation)
        Consent.objects.create(participant=p, given=True)
        add_statement(p, consultation, KHMER_SENTENCES[i % 4], question="q_km")
        add_statement(p, consultation, ENGLISH_SENTENCES[i % 4], question="q_en")
        if i < 3:
            p.consultations.add(survey)
        people.append(p)
    return people
