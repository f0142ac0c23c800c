"""`make bench`: measure what the Foundation promises and write the figures to bench/results/.

- load_reference: cold load of the packaged reference library, then a reload (idempotent path)
- load_demo: the demo plan with its organisations and users
- page latency: median and p95 of server-side rendering for the main pages (Django test client)
- concurrent writers: several OS processes writing to one SQLite file at once (WAL + IMMEDIATE
  transactions + busy timeout) — throughput and the number of "database is locked" errors

Run against SQLite by default; set DATABASE_URL to measure another database.
"""

import json
import multiprocessing as mp
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
WRITERS = 4
WRITES_PER_WRITER = 250


def setup_django(var_dir: str) -> None:
    os.environ["WPSNAP_VAR_DIR"] = var_dir
    os.environ.setdefault("WPSNAP_SECRET_KEY", "bench-only-secret-key-not-for-production")
    os.environ["DJANGO_SETTINGS_MODULE"] = "wpsnap.settings"
    import django

    django.setup()


def timed(fn, *args, **kwargs) -> float:
    start = time.perf_counter()
    fn(*args, **kwargs)
    return time.perf_counter() - start


def writer(var_dir: str, index: int, queue) -> None:
    setup_django(var_dir)
    from django.db import OperationalError, transaction

    from wpsnap.plans.models import Organisation, Plan

    plan = Plan.objects.get(slug="cambodia-demo")
    errors = 0
    start = time.perf_counter()
    for i in range(WRITES_PER_WRITER):
        try:
            with transaction.atomic():
                Organisation.objects.create(plan=plan, name_en=f"Bench org {index}-{i}",
                                            type="ngo_cso")
        except OperationalError:
            errors += 1
    queue.put((time.perf_counter() - start, errors))


def main() -> int:
    var_dir = tempfile.mkdtemp(prefix="wpsnap-bench-")
    setup_django(var_dir)
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from wpsnap.plans.models import Organisation

    setup_test_environment()
    quiet = open(os.devnull, "w")  # noqa: SIM115
    call_command("migrate", verbosity=0, stdout=quiet)
    call_command("collectstatic", interactive=False, verbosity=0, stdout=quiet)
    results = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "platform": platform.platform()},
        "database": connection.vendor,
    }
    results["load_reference_cold_s"] = round(timed(call_command, "load_reference",
                                                   stdout=quiet), 3)
    results["load_reference_reload_s"] = round(timed(call_command, "load_reference",
                                                     stdout=quiet), 3)
    results["load_demo_s"] = round(timed(call_command, "load_demo", stdout=quiet), 3)

    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username="demo-coordinator"))
    pages = {
        "plans_home": "/plans/",
        "plan_detail": "/plans/cambodia-demo/",
        "organisations": "/plans/cambodia-demo/organisations/",
        "audit": "/plans/cambodia-demo/audit/",
        "library_index": "/library/",
        "learn": "/library/learn/",
    }
    latency = {}
    for name, url in pages.items():
        for _ in range(3):
            client.get(url)  # warm up
        samples = []
        for _ in range(40):
            start = time.perf_counter()
            response = client.get(url)
            samples.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        samples.sort()
        latency[name] = {"median_ms": round(statistics.median(samples), 2),
                         "p95_ms": round(samples[int(len(samples) * 0.95) - 1], 2)}
    results["page_latency"] = latency

    if connection.vendor == "sqlite":
        before = Organisation.objects.count()
        connection.close()
        queue = mp.get_context("spawn").Queue()
        procs = [mp.get_context("spawn").Process(target=writer, args=(var_dir, i, queue))
                 for i in range(WRITERS)]
        start = time.perf_counter()
        for p in procs:
            p.start()
        outcomes = [queue.get(timeout=600) for _ in procs]
        for p in procs:
            p.join()
        wall = time.perf_counter() - start
        written = Organisation.objects.count() - before
        results["concurrent_writers"] = {
            "processes": WRITERS,
            "writes_attempted": WRITERS * WRITES_PER_WRITER,
            "writes_committed": written,
            "database_locked_errors": sum(e for _, e in outcomes),
            "wall_s": round(wall, 3),
            "writes_per_s": round(written / wall, 1),
            "sqlite_options": dict(settings.DATABASES["default"]["OPTIONS"]),
        }

    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"foundation-{connection.vendor}.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))
    print(f"written to {out.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
