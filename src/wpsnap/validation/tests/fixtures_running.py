"""Fixtures for the running tests: an open Workshop of the `plan` fixture with two Findings and a
question on its agenda (all pending), and Attendees."""

import hashlib
import secrets

import pytest


@pytest.fixture(name="run_workshop")
def run_workshop_fixture(plan):
    from wpsnap.analysis.models import Finding
    from wpsnap.consultations.models import Consultation
    from wpsnap.validation.models import AgendaItem, Workshop

    consultation = Consultation.objects.create(
        plan=plan, slug="validation-run", title_en="Validation workshop",
        kind=Consultation.Kind.VALIDATION_WORKSHOP)
    workshop = Workshop.objects.create(
        plan=plan, consultation=consultation, title_en="National validation workshop",
        title_km="សិក្ខាសាលាផ្ទៀងផ្ទាត់ជាតិ", join_code="RUNK2345", state=Workshop.State.OPEN)
    texts = [("Women in border provinces fear unexploded ordnance on farmland.",
              "ស្ត្រីនៅខេត្តជាប់ព្រំដែនខ្លាចគ្រាប់មិនទាន់ផ្ទុះនៅលើដីស្រែ។"),
             ("Young women are targeted by online scams.",
              "ស្ត្រីវ័យក្មេងត្រូវបានគេបោកប្រាស់តាមអនឡាញ។")]
    for number, (en, km) in enumerate(texts, start=1):
        finding = Finding.objects.create(plan=plan, number=number, key=f"F-{number:02d}",
                                         title_en=en, title_km=km,
                                         text_en=f"Evidence summary {number}.",
                                         text_km=f"សេចក្ដីសង្ខេប {number}។")
        AgendaItem.objects.create(workshop=workshop, finding=finding, order=number)
    AgendaItem.objects.create(
        workshop=workshop, order=3, question_en="Which coordination option do you prefer?",
        question_km="តើអ្នកចូលចិត្តជម្រើសសម្របសម្រួលមួយណា?",
        choices=[{"key": "a", "label_en": "One national committee", "label_km": "គណៈកម្មាធិការជាតិ"},
                 {"key": "b", "label_en": "Provincial groups", "label_km": "ក្រុមខេត្ត"}])
    return workshop


def new_token_hash() -> str:
    return hashlib.sha256(secrets.token_urlsafe(32).encode()).hexdigest()


@pytest.fixture(name="make_attendees")
def make_attendees_fixture():
    from django.utils import timezone

    from wpsnap.validation.models import Attendee

    def make(workshop, count, *, seen=True, **extra):
        return Attendee.objects.bulk_create(
            [Attendee(workshop=workshop, token_hash=new_token_hash(),
                      last_seen_at=timezone.now() if seen else None, **extra)
             for _ in range(count)])

    return make
