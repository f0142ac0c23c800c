"""Fixtures for the public front's tests: an open Workshop (follow mode) with two Findings and
a question on its agenda, the first Finding open for voting, and a helper that joins a client."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from wpsnap.analysis.models import Finding
from wpsnap.consultations.models import Consultation
from wpsnap.validation.models import AgendaItem, Workshop


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the (local-memory) cache: start every test at zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def findings(plan):
    return [
        Finding.objects.create(
            plan=plan, number=1, key="F-01",
            title_en="Landmines block farmland", title_km="គ្រាប់មីនរារាំងដីស្រែ",
            text_en="Women in border provinces fear unexploded ordnance on farmland.",
            text_km="ស្ត្រីនៅខេត្តព្រំដែនខ្លាចគ្រាប់មិនទាន់ផ្ទុះនៅលើដីស្រែ។"),
        Finding.objects.create(
            plan=plan, number=2, key="F-02", title_en="Online scams target youth",
            text_en="Young people looking for work meet online scams."),
    ]


@pytest.fixture
def workshop(plan, findings):
    consultation = Consultation.objects.create(
        plan=plan, slug="validation-1", title_en="Validation workshop",
        kind=Consultation.Kind.VALIDATION_WORKSHOP)
    ws = Workshop.objects.create(plan=plan, consultation=consultation,
                                 title_en="National validation workshop",
                                 title_km="សិក្ខាសាលាផ្ទៀងផ្ទាត់ជាតិ",
                                 join_code="KQ7M3XPA", state=Workshop.State.OPEN)
    first = AgendaItem.objects.create(workshop=ws, finding=findings[0], order=1,
                                      state=AgendaItem.State.OPEN)
    AgendaItem.objects.create(workshop=ws, finding=findings[1], order=2)
    AgendaItem.objects.create(
        workshop=ws, order=3, question_en="Which coordination option do you prefer?",
        question_km="តើអ្នកចូលចិត្តជម្រើសសម្របសម្រួលមួយណា?",
        choices=[{"key": "a", "label_en": "A national committee", "label_km": "គណៈកម្មាធិការជាតិ"},
                 {"key": "b", "label_en": "A working group", "label_km": "ក្រុមការងារ"}])
    ws.current_item = first
    ws.save(update_fields=["current_item", "updated_at"])
    return ws


def items(workshop):
    return list(workshop.items.order_by("order"))


def url(name, workshop, *args):
    return reverse(f"attend:{name}", args=[workshop.join_code, *args])


def join_client(client, workshop, language="en", **profile):
    """Join `workshop` with the Django test client (the device cookie stays on the client)."""
    response = client.post(url("workshop", workshop), {"language": language, **profile})
    assert response.status_code == 302, response.content[:500]
    return response


def close(item):
    """Close voting on an item (V3's close_item when present, else a plain update)."""
    try:
        from wpsnap.validation.services.running import close_item
    except ImportError:  # pragma: no cover - before the facilitator part exists
        close_item = None
    if close_item is not None:
        close_item(item, by=None)
    else:  # pragma: no cover
        AgendaItem.objects.filter(pk=item.pk).update(state=AgendaItem.State.CLOSED)
    item.refresh_from_db()
