"""`make bench`: the cost of the projector's and control panel's live fragment, a full answer
(200, rendered) against a conditional one (304, ETag matched: no rendering, no body).

A Workshop of 10 Findings, 100 Attendees who voted on the one on screen, 20 comments; the Django
test client, signed in as a facilitator (so each request also pays the session, the user and the
membership queries). 1,000 requests of each kind per scope; p50/p95/mean in ms, body size.
Writes bench/results/live.json. Run against SQLite by default; set DATABASE_URL to measure
another database.
"""

import hashlib
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from run import setup_django  # bench/run.py: the same settings for every benchmark

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
REQUESTS = int(os.environ.get("LIVE_BENCH_REQUESTS", "1000"))


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(p * len(ordered)) - 1))]


def summary(samples: list[float]) -> dict:
    return {"p50_ms": round(statistics.median(samples), 3),
            "p95_ms": round(percentile(samples, 0.95), 3),
            "mean_ms": round(statistics.fmean(samples), 3)}


def make_workshop():
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from wpsnap.analysis.models import Finding
    from wpsnap.consultations.models import Consultation
    from wpsnap.plans.models import Member, Plan, Role
    from wpsnap.validation.models import AgendaItem, Attendee, Comment, Vote, Workshop
    from wpsnap.validation.services import running

    plan = Plan.objects.create(slug="live-bench", title_en="Live bench", country="KH")
    user = get_user_model().objects.create_user("bench-facilitator", password="x" * 20)
    Member.objects.create(plan=plan, user=user, role=Role.FACILITATOR)
    consultation = Consultation.objects.create(plan=plan, slug="bench-validation",
                                               title_en="Validation",
                                               kind=Consultation.Kind.VALIDATION_WORKSHOP)
    workshop = Workshop.objects.create(plan=plan, consultation=consultation,
                                       title_en="Bench workshop", title_km="សិក្ខាសាលា",
                                       join_code="BENCH234", state=Workshop.State.OPEN,
                                       results_hidden=False)
    for n in range(1, 11):
        finding = Finding.objects.create(
            plan=plan, number=n, key=f"F-{n:02d}", title_en=f"Finding {n} about landmines",
            title_km=f"ការរកឃើញ {n}", text_en="Women in border provinces fear UXO. " * 4,
            text_km="ស្ត្រីនៅខេត្តជាប់ព្រំដែនខ្លាចគ្រាប់មិនទាន់ផ្ទុះ។ " * 4)
        AgendaItem.objects.create(workshop=workshop, finding=finding, order=n)
    item = running.next_item(workshop, by=user)
    # Seen "in an hour": they stay connected however long the run takes (a real room's phones
    # poll every 2 s and keep last_seen_at fresh).
    now = timezone.now() + timedelta(hours=1)
    attendees = Attendee.objects.bulk_create(
        [Attendee(workshop=workshop, token_hash=hashlib.sha256(str(i).encode()).hexdigest(),
                  last_seen_at=now) for i in range(100)])
    choices = list(Vote.Choice.values)
    Vote.objects.bulk_create([Vote(attendee=a, item=item, choice=choices[i % 4])
                              for i, a in enumerate(attendees)])
    Comment.objects.bulk_create([Comment(attendee=a, item=item, text=f"Comment {i}",
                                         state=Comment.State.APPROVED)
                                 for i, a in enumerate(attendees[:20])])
    return workshop, user


def measure(client, url: str, etag: str | None) -> tuple[list[float], int, int]:
    headers = {"If-None-Match": etag} if etag else {}
    for _ in range(20):
        client.get(url, headers=headers)  # warm up
    samples, size, status = [], 0, 0
    for _ in range(REQUESTS):
        start = time.perf_counter()
        response = client.get(url, headers=headers)
        samples.append((time.perf_counter() - start) * 1000)
        status, size = response.status_code, len(response.content)
    return samples, status, size


def main() -> int:
    var_dir = tempfile.mkdtemp(prefix="wpsnap-live-bench-")
    setup_django(var_dir)
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    setup_test_environment()
    quiet = open(os.devnull, "w")  # noqa: SIM115
    call_command("migrate", verbosity=0, stdout=quiet)
    workshop, user = make_workshop()
    client = Client()
    client.force_login(user)
    load_before = os.getloadavg()
    results = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "platform": platform.platform(), "load_average_before": load_before},
        "database": connection.vendor,
        "requests_each": REQUESTS,
        "setup": "10 Findings, 100 Attendees connected who voted on the one on screen, "
                 "20 approved comments; Django test client signed in as a facilitator",
        "scopes": {},
    }
    base = reverse("validate:live", args=[workshop.plan.slug, workshop.pk])
    for scope, url in (("projector", base), ("panel", base + "?for=panel")):
        first = client.get(url)
        assert first.status_code == 200, first.status_code
        etag = first["ETag"]
        full, full_status, full_size = measure(client, url, None)
        cond, cond_status, cond_size = measure(client, url, etag)
        assert (full_status, cond_status) == (200, 304), (full_status, cond_status)
        results["scopes"][scope] = {
            "full_200": {**summary(full), "bytes": full_size},
            "not_modified_304": {**summary(cond), "bytes": cond_size},
            "p50_ratio_304_to_200": round(statistics.median(cond) / statistics.median(full), 3),
        }
    results["machine"]["load_average_after"] = os.getloadavg()
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "live.json"
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results["scopes"], indent=2))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
