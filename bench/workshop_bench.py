"""Workshop load benchmark (issue 5, §7): simulated Attendees' phones against the production
server configuration on loopback.

1. A fresh database (SQLite in a temporary folder; `--database-url postgres://…/postgres` makes
   a new PostgreSQL database on that server and drops it at the end), migrated, the reference
   library loaded, a Plan with 10 Findings, and for each run a new open Workshop with the 10
   Findings on its agenda, all open for voting (browse freely).
2. gunicorn with 2 sync workers (`make run`'s server; bench/workshop_settings.py only raises the
   public front's per-address rate limits: every simulated phone comes from 127.0.0.1).
3. locust, headless, in its own process (bench/locust_workshop.py):
   - baseline: users hitting the trivial view core:ping back to back, then users voting back to
     back: the ratio of their throughputs (vote requests/s ÷ ping requests/s);
   - 300, then 1,000 and 3,000 Attendees: each joins (device cookie), polls `now` every 2 s with
     its ETag, and votes on the 10 Findings, one every 4 s (one in five double submits with the
     same idempotency key, one in five changes a vote later).
4. After each run: every vote acknowledged by the server is checked against the database.
   lost = an acknowledged vote missing or overwritten by an older one; duplicated = more than one
   row for an Attendee and an item. Both must be 0.

Figures: p50/p95/p99 latency of vote and poll, votes per second, lost and duplicated votes,
the ratio; written to bench/results/workshop.json (`--quick`: one 30-s run of 300 Attendees,
written to bench/results/workshop-quick.json unless --output is given).
"""

import argparse
import csv
import json
import os
import platform
import resource
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlparse

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
BIN = Path(sys.executable).parent
LOCUSTFILE = HERE / "locust_workshop.py"
WORKERS = 2
FINDINGS = 10
RAMP = {300: 30, 1000: 50, 3000: 100}  # Attendees joining per second
GOALS = {"vote_p95_ms": 100, "poll_p95_ms": 100, "lost": 0, "duplicated": 0, "ratio": 0.5}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fresh_postgres(url: str) -> tuple[str, str]:
    """Create a new database on the server of `url`; returns (its URL, its name)."""
    import psycopg

    name = f"wpsnap_workshop_bench_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlparse(url)._replace(path=f"/{name}").geturl(), name


def drop_postgres(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def server_env(var_dir: str, database_url: str) -> dict:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("DJANGO_", "WPSNAP_", "DATABASE_URL"))}
    env.update({
        "WPSNAP_VAR_DIR": var_dir,
        "WPSNAP_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_SETTINGS_MODULE": "workshop_settings",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(HERE), env.get("PYTHONPATH", "")])),
        "WPSNAP_LOG_LEVEL": "WARNING",
    })
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def prepare(env: dict):
    """Migrate, collect static files, load the reference library, make the Plan and Findings."""
    os.environ.update(env)
    sys.path.insert(0, str(HERE))
    import django

    django.setup()
    from django.core.management import call_command

    from wpsnap.analysis.models import Finding
    from wpsnap.consultations.models import Consultation
    from wpsnap.frameworks.services import load_reference
    from wpsnap.plans.models import Plan

    quiet = open(os.devnull, "w")  # noqa: SIM115
    call_command("migrate", verbosity=0, stdout=quiet)
    call_command("collectstatic", interactive=False, verbosity=0, stdout=quiet)
    load_reference()
    plan = Plan.objects.create(slug="bench", title_en="Workshop benchmark", country="KH")
    consultation = Consultation.objects.create(
        plan=plan, slug="validation", title_en="National validation workshop",
        title_km="សិក្ខាសាលាផ្ទៀងផ្ទាត់ថ្នាក់ជាតិ", kind=Consultation.Kind.VALIDATION_WORKSHOP)
    findings = [Finding.objects.create(
        plan=plan, number=n, key=f"F-{n:02d}", title_en=f"Finding {n}",
        title_km=f"លទ្ធផលរកឃើញ {n}",
        text_en="Women in border provinces fear unexploded ordnance on farmland.",
        text_km="ស្ត្រីនៅខេត្តជាប់ព្រំដែនភ័យខ្លាចគ្រាប់មិនទាន់ផ្ទុះនៅលើដីស្រែចម្ការ។")
        for n in range(1, FINDINGS + 1)]
    return plan, consultation, findings


def new_workshop(plan, consultation, findings, label: str):
    from django.utils import timezone

    from wpsnap.validation.models import AgendaItem, Workshop
    from wpsnap.validation.services.setup import add_findings, create_workshop, open_workshop

    workshop = create_workshop(plan, consultation=consultation, title_en=f"Benchmark {label}",
                               by=None, navigation=Workshop.Navigation.FREE)
    add_findings(workshop, findings)
    workshop = open_workshop(workshop)
    AgendaItem.objects.filter(workshop=workshop).update(state=AgendaItem.State.OPEN,
                                                        opened_at=timezone.now())
    items = list(workshop.items.order_by("order").values_list("id", flat=True))
    Workshop.objects.filter(pk=workshop.pk).update(current_item_id=items[0])
    return workshop, items


def start_server(env: dict, port: int, var_dir: str, app: str) -> subprocess.Popen:
    log = open(Path(var_dir) / "gunicorn.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), app, "--bind", f"127.0.0.1:{port}",
         "--workers", str(WORKERS), "--access-logfile", str(Path(var_dir) / "access.log"),
         "--access-logformat", '%(t)s "%(m)s %(U)s" %(s)s %(b)s %(L)ss'],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped; see {var_dir}/gunicorn.log")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/ping/", timeout=2) as r:  # noqa: S310
                if r.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn did not answer within 60 s")


def read_stats(prefix: str) -> dict:
    """locust's <prefix>_stats.csv → {request name: figures}."""
    def number(value):
        try:
            return float(value)
        except (TypeError, ValueError):
            return None

    stats = {}
    with open(f"{prefix}_stats.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            stats[row["Name"]] = {
                "requests": int(row["Request Count"]), "failures": int(row["Failure Count"]),
                "p50_ms": number(row["50%"]), "p95_ms": number(row["95%"]),
                "p99_ms": number(row["99%"]), "max_ms": number(row["Max Response Time"]),
                "requests_per_second": round(number(row["Requests/s"]) or 0, 1),
            }
    failures = {}
    path = Path(f"{prefix}_failures.csv")
    if path.exists():
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                failures[f"{row['Name']}: {row['Error']}"] = int(row["Occurrences"])
    return {"requests": stats, "failures": failures}


def server_cpu(server: subprocess.Popen) -> float:
    """CPU seconds used so far by gunicorn's workers (and its master)."""
    import psutil

    try:
        master = psutil.Process(server.pid)
        procs = [master, *master.children(recursive=True)]
    except psutil.Error:
        return 0.0
    total = 0.0
    for proc in procs:
        try:
            times = proc.cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


def run_locust(host: str, out_dir: Path, name: str, *, users: int, rate: float, seconds: int,
               mode: str, server: subprocess.Popen, code: str = "", items=(),
               reset_stats: bool = False) -> dict:
    prefix = out_dir / name
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("DJANGO_", "WPSNAP_", "DATABASE_URL"))}
    env.update({"WPSNAP_BENCH_MODE": mode, "WPSNAP_BENCH_CODE": code,
                "WPSNAP_BENCH_ITEMS": ",".join(map(str, items)),
                "WPSNAP_BENCH_ACKS": f"{prefix}_acks.jsonl"})
    cmd = [str(BIN / "locust"), "-f", str(LOCUSTFILE), "--headless", "-u", str(users),
           "-r", str(rate), "-t", f"{seconds}s", "--host", host, "--csv", str(prefix),
           "--stop-timeout", "10", "--only-summary", "--loglevel", "WARNING"]
    if reset_stats:
        cmd.append("--reset-stats")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_before = server_cpu(server)
    load = os.getloadavg()[0]
    started = time.monotonic()
    with open(f"{prefix}_locust.log", "w") as log:
        subprocess.run(cmd, env=env, stdout=log, stderr=subprocess.STDOUT,
                       timeout=seconds + 180, check=False)
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_seconds = server_cpu(server) - server_before
    result = read_stats(str(prefix))
    result.update({
        "users": users, "spawn_rate": rate, "seconds": seconds, "wall_seconds": round(wall, 1),
        "load_average_before": round(load, 2),
        "locust_cpu_seconds": round((after.ru_utime - before.ru_utime)
                                    + (after.ru_stime - before.ru_stime), 1),
        "server_cpu_seconds": round(server_seconds, 1),
    })
    print(f"  {name}: " + ", ".join(
        f"{k} {v['requests']} req p95 {v['p95_ms']} ms {v['requests_per_second']}/s"
        for k, v in result["requests"].items() if k != "Aggregated"), flush=True)
    return result


def check_votes(workshop, acks_path: Path) -> dict:
    """Every acknowledged vote against the database."""
    from django.db.models import Count

    from wpsnap.validation.models import Attendee, Vote

    sent = defaultdict(list)  # (device hash, item) → [(choice, status)] in the order sent
    devices = set()
    if acks_path.exists():
        for line in acks_path.read_text(encoding="utf-8").splitlines():
            log = json.loads(line)
            devices.add(log["device"])
            for item, choice, status in log["votes"]:
                sent[(log["device"], item)].append((choice, status))
    stored = {(h, i): c for h, i, c in Vote.objects.filter(item__workshop=workshop)
              .values_list("attendee__token_hash", "item_id", "choice")}
    duplicated = sum(n - 1 for n in Vote.objects.filter(item__workshop=workshop)
                     .values("attendee_id", "item_id").annotate(n=Count("id"))
                     .values_list("n", flat=True) if n > 1)
    lost, acknowledged_pairs, stored_unacknowledged = 0, 0, 0
    statuses = defaultdict(int)
    for pair, entries in sent.items():
        for _choice, status in entries:
            statuses[status] += 1
        acked = [n for n, (_c, status) in enumerate(entries) if status == "ack"]
        if not acked:
            stored_unacknowledged += pair in stored
            continue
        acknowledged_pairs += 1
        last = acked[-1]
        # The last acknowledged choice, or a later one whose answer never came.
        allowed = {entries[last][0]} | {c for c, s in entries[last + 1:] if s == "unknown"}
        if stored.get(pair) not in allowed:
            lost += 1
    unexplained = sum(1 for pair in stored if pair not in sent)
    return {
        "attendees_joined": Attendee.objects.filter(workshop=workshop).count(),
        "attendees_reporting": len(devices),
        "vote_requests": sum(statuses.values()),
        "vote_requests_by_answer": dict(statuses),
        "acknowledged_votes": statuses["ack"],
        "acknowledged_attendee_items": acknowledged_pairs,
        "database_votes": len(stored),
        "lost": lost,
        "duplicated": duplicated,
        "stored_without_acknowledgement": stored_unacknowledged,
        "stored_never_sent": unexplained,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="one 30-s run of 300 Attendees")
    parser.add_argument("--sizes", default="300,1000,3000")
    parser.add_argument("--baseline-only", action="store_true",
                        help="only the ratio of vote to trivial-view throughput (to iterate on "
                             "the vote path); writes workshop-baseline.json")
    parser.add_argument("--database-url", default="",
                        help="a PostgreSQL server URL: a new database is made there and dropped")
    parser.add_argument("--output", default="")
    parser.add_argument("--app", default="wpsnap.wsgi:application",
                        help="the WSGI application gunicorn serves (to measure a variant)")
    args = parser.parse_args()

    sizes = [300] if args.quick else [int(s) for s in args.sizes.split(",")]
    if args.baseline_only:
        sizes = []
    seconds = {300: 30} if args.quick else {300: 60, 1000: 45, 3000: 45}
    baseline_seconds = 8 if args.quick else 15
    output = Path(args.output) if args.output else RESULTS / (
        "workshop-baseline.json" if args.baseline_only
        else "workshop-quick.json" if args.quick else "workshop.json")

    var_dir = tempfile.mkdtemp(prefix="wpsnap-workshop-bench-")
    out_dir = Path(var_dir) / "locust"
    out_dir.mkdir()
    database_url, pg_name = "", ""
    if args.database_url:
        database_url, pg_name = fresh_postgres(args.database_url)
    env = server_env(var_dir, database_url)
    print(f"Preparing a fresh database in {var_dir} …", flush=True)
    plan, consultation, findings = prepare(env)
    from django.db import connection

    port = free_port()
    host = f"http://127.0.0.1:{port}"
    server = start_server(env, port, var_dir, args.app)
    results = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "platform": platform.platform(),
                    "load_average_at_start": [round(x, 2) for x in os.getloadavg()]},
        "database": connection.vendor,
        "server": f"gunicorn {args.app}, {WORKERS} sync workers, wpsnap.settings "
                  "(rate limits raised)",
        "load_tool": "locust (headless, FastHttpUser, one process) on the same machine",
        "goals_at_300": GOALS,
        "runs": {},
    }
    try:
        print("Baseline: the trivial view, then votes back to back …", flush=True)
        users = 16
        ping = run_locust(host, out_dir, "baseline_ping", users=users, rate=users,
                          seconds=baseline_seconds, mode="ping", server=server, reset_stats=True)
        workshop, items = new_workshop(plan, consultation, findings, "saturation")
        vote = run_locust(host, out_dir, "baseline_vote", users=users, rate=users,
                          seconds=baseline_seconds, mode="saturate", code=workshop.join_code,
                          items=items, server=server, reset_stats=True)
        vote["votes"] = check_votes(workshop, out_dir / "baseline_vote_acks.jsonl")
        # gunicorn's CPU per request (the vote run's few joins counted in with the votes)
        for run in (ping, vote):
            count = run["requests"].get("Aggregated", {}).get("requests") or 0
            if count:
                run["server_cpu_ms_per_request"] = round(
                    1000 * run["server_cpu_seconds"] / count, 2)
        ping_rps = ping["requests"]["ping"]["requests_per_second"]
        vote_rps = vote["requests"]["vote"]["requests_per_second"]
        results["baseline"] = {"trivial_view": ping, "votes_back_to_back": vote,
                               "ping_per_second": ping_rps, "votes_per_second": vote_rps,
                               "ratio": round(vote_rps / ping_rps, 2) if ping_rps else None}
        print(f"  ratio {results['baseline']['ratio']}", flush=True)

        for size in sizes:
            # Attendees join at `rate` per second (join page, join, landing page); the latency
            # figures are reset once all have joined (locust --reset-stats), so they describe
            # `duration` seconds with every Attendee polling and voting. The vote check covers
            # every vote, those sent while others were still joining too.
            rate = RAMP.get(size, 100)
            duration = seconds.get(size, 45)
            total = duration + -(-size // rate)
            print(f"{size} Attendees: {size // rate} s joining, then {duration} s …", flush=True)
            workshop, items = new_workshop(plan, consultation, findings, str(size))
            run = run_locust(host, out_dir, f"attendees_{size}", users=size, rate=rate,
                             seconds=total, mode="workshop", code=workshop.join_code,
                             items=items, server=server, reset_stats=True)
            run["measured_seconds_after_joining"] = duration
            run["votes"] = check_votes(workshop, out_dir / f"attendees_{size}_acks.jsonl")
            vote_stats = run["requests"].get("vote", {})
            run["votes_per_second"] = vote_stats.get("requests_per_second")
            results["runs"][str(size)] = run
            print(f"  votes: {json.dumps(run['votes'])}", flush=True)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        connection.close()
        if pg_name:
            drop_postgres(args.database_url, pg_name)

    first = results["runs"].get("300")
    if first:
        req = first["requests"]
        results["summary_at_300"] = {
            "vote_p95_ms": req["vote"]["p95_ms"], "poll_p95_ms": req["poll"]["p95_ms"],
            "lost": first["votes"]["lost"], "duplicated": first["votes"]["duplicated"],
            "ratio": results["baseline"]["ratio"],
        }
        s = results["summary_at_300"]
        results["goals_met_at_300"] = bool(
            s["vote_p95_ms"] is not None and s["vote_p95_ms"] <= GOALS["vote_p95_ms"]
            and s["poll_p95_ms"] is not None and s["poll_p95_ms"] <= GOALS["poll_p95_ms"]
            and s["lost"] == 0 and s["duplicated"] == 0
            and (s["ratio"] or 0) >= GOALS["ratio"])
    results["p95_growth"] = {
        size: {"vote_p95_ms": run["requests"].get("vote", {}).get("p95_ms"),
               "poll_p95_ms": run["requests"].get("poll", {}).get("p95_ms"),
               "lost": run["votes"]["lost"], "duplicated": run["votes"]["duplicated"]}
        for size, run in results["runs"].items()}
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    RESULTS.mkdir(exist_ok=True)
    output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({"summary_at_300": results.get("summary_at_300"),
                      "p95_growth": results["p95_growth"]}, indent=2))
    print(f"Wrote {output} (locust logs in {out_dir})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
