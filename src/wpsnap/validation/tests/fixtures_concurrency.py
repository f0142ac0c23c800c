"""Fixtures for the concurrency tests: a database that many threads can write at once, a
Workshop with open agenda items, and a helper that starts callables together in threads.

Many threads need a database that runs as wpsnap does: on SQLite the test settings put the test
database in a file (WAL mode, IMMEDIATE transactions, a busy timeout; see settings_test), so
each thread's connection waits for the writer before it; PostgreSQL needs nothing.
"""

import hashlib
import secrets
import threading

import pytest
from django.db import connection, connections


@pytest.fixture(name="concurrent_db")
def concurrent_db_fixture(transactional_db):
    assert connection.vendor != "sqlite" or not connection.is_in_memory_db(), (
        "threads would share one in-memory SQLite connection")
    return connection.vendor


def new_token_hash() -> str:
    return hashlib.sha256(secrets.token_urlsafe(32).encode()).hexdigest()


@pytest.fixture(name="open_workshop")
def open_workshop_fixture(concurrent_db):
    """An open Workshop with three Findings on its agenda, all three open for voting."""
    from wpsnap.analysis.models import Finding
    from wpsnap.consultations.models import Consultation
    from wpsnap.plans.models import Plan
    from wpsnap.validation.models import AgendaItem, Workshop

    plan = Plan.objects.create(slug="race-plan", title_en="Race plan", country="KH")
    consultation = Consultation.objects.create(
        plan=plan, slug="race-workshop", title_en="Validation workshop",
        kind=Consultation.Kind.VALIDATION_WORKSHOP)
    workshop = Workshop.objects.create(plan=plan, consultation=consultation,
                                       title_en="Race workshop", join_code="RACE2345",
                                       state=Workshop.State.OPEN)
    for number in (1, 2, 3):
        finding = Finding.objects.create(plan=plan, number=number, key=f"F-{number:02d}",
                                         title_en=f"Finding {number}",
                                         text_en="Women in border provinces fear landmines.")
        AgendaItem.objects.create(workshop=workshop, finding=finding, order=number,
                                  state=AgendaItem.State.OPEN)
    workshop.current_item = workshop.items.first()
    workshop.save(update_fields=["current_item", "updated_at"])
    return workshop


def make_attendees(workshop, count: int) -> list:
    from wpsnap.validation.models import Attendee

    return Attendee.objects.bulk_create(
        [Attendee(workshop=workshop, token_hash=new_token_hash()) for _ in range(count)])


def run_together(jobs, *, timeout: float = 120) -> list:
    """Run every callable in its own thread, released at the same moment by a barrier; each
    thread has its own database connection and closes it at the end. Returns each job's
    result, or the exception it raised."""
    results: list = [None] * len(jobs)
    barrier = threading.Barrier(len(jobs))

    def work(index, job):
        try:
            barrier.wait(timeout=timeout)
            results[index] = job()
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(i, job), daemon=True)
               for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
        assert not thread.is_alive(), "a voter thread hung"
    return results
