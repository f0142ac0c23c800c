"""Fixtures for the concurrency tests: a database that many threads can write at once, a
Workshop with open agenda items, and a helper that starts callables together in threads.

SQLite: pytest-django's test database is a shared-cache in-memory database, where a second
writer gets "database table is locked" at once instead of waiting (the busy timeout does not
apply to shared-cache locks). That is not how wpsnap runs (a file in WAL mode with IMMEDIATE
transactions and a busy timeout), so `concurrent_db` copies the migrated empty test database
into a file for the duration of the test and points the default connection at it; the
in-memory database is kept alive (and put back) untouched. PostgreSQL needs nothing.
"""

import hashlib
import secrets
import sqlite3
import threading

import pytest
from django.db import connection, connections


@pytest.fixture(name="concurrent_db")
def concurrent_db_fixture(transactional_db, tmp_path):
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield connection.vendor
        return
    connection.ensure_connection()
    memory = connection.connection
    path = tmp_path / "concurrency.sqlite3"
    target = sqlite3.connect(path)
    memory.backup(target)
    target.close()
    settings_dict = connection.settings_dict  # the same dict every thread's connection reads
    name = settings_dict["NAME"]
    connection.connection = None  # `memory` keeps the in-memory database alive meanwhile
    settings_dict["NAME"] = str(path)
    try:
        yield "sqlite-file"
    finally:
        connection.close()
        settings_dict["NAME"] = name
        connection.connection = memory


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
