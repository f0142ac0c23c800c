"""`make bench`: the Plan stage's pages as the Plan grows (issue #6, "The pages stay fast as the
plan grows").

A fresh database with the reference library and the demo Plan "cambodia-demo", whose draft NAP
has 5 Outcomes, 13 Outputs, 42 Actions, 27 Indicators and 9 coordination Bodies. Each page of
/plans/cambodia-demo/plan/ is rendered server-side by the Django test client signed in as
demo-coordinator: median and p95 over ~30 requests after warm-up, the number of SQL queries of
one request and the size of the answer. `wpsnap gaps --json` and `wpsnap trace --action --json`
are timed too. Then the Plan is grown ×10 through the planning services (each demo Outcome
cloned 9 times with its Outputs, Actions, lead/support and other Responsibilities, budget lines,
Findings, Areas, alignments and Indicators with their Targets) and everything is measured again.

A page stops sampling after 6 s (at least 10 samples), so the slowest grown pages have 10–15
samples and their p95 is close to their maximum. Writes bench/results/plan.json (`--quick`:
8 requests a page, bench/results/plan-quick.json). Run against SQLite by default; set
DATABASE_URL to measure another database.
"""

import argparse
import io
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

from run import setup_django  # bench/run.py: the same settings for every benchmark

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
PLAN = "cambodia-demo"
COPIES = 9  # each demo Outcome cloned 9 times: the Plan ×10
PAGE_BUDGET_S = 6.0  # stop sampling a page after this long (at least MIN_SAMPLES samples)
MIN_SAMPLES = 10
WARM_UP = 2


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(p * len(ordered)) - 1))]


def body_of(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


# --- The pages ----------------------------------------------------------------------------------

def pages(plan) -> dict:
    """Page name → URL, reversed from the planning namespace."""
    from django.urls import reverse

    from wpsnap.analysis.models import Finding
    from wpsnap.planning.models import Action

    action = first_action(plan)
    finding = (Finding.objects.filter(plan=plan, status=Finding.Status.VALIDATED,
                                      actions__isnull=False).order_by("number").first()
               or Finding.objects.filter(plan=plan, status=Finding.Status.VALIDATED)
               .order_by("number").first())
    assert isinstance(action, Action) and finding is not None, (action, finding)

    def url(name, *args):
        return reverse(f"planning:{name}", args=[plan.slug, *args])

    return {
        "framework": url("framework"),
        "indicators": url("indicator_list"),
        "coordination": url("coordination"),
        "matrix": url("matrix"),
        "gaps": url("gaps"),
        "alignment": url("alignment"),
        "budget": url("budget"),
        "action_detail": url("action_detail", action.key),
        "action_trace": url("action_trace", action.key),
        "finding_trace": url("finding_trace", finding.key),
        "export_framework_xlsx": url("export_framework_xlsx"),
        "export_matrix_xlsx": url("export_matrix_xlsx"),
    }


def first_action(plan):
    from wpsnap.planning.models import Action

    return (Action.objects.filter(plan=plan)
            .order_by("output__outcome__order", "output__order", "order", "number").first())


def measure_page(client, url: str, requests: int, budget: float) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARM_UP):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        body_of(response)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        size = len(body_of(response))
    queries = len(captured)  # now: the next request empties the connection's query log
    samples = []
    started = time.perf_counter()
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url)
        body_of(response)
        samples.append((time.perf_counter() - start) * 1000)
        if len(samples) >= MIN_SAMPLES and time.perf_counter() - started > budget:
            break
    return {"url": url, "median_ms": round(statistics.median(samples), 1),
            "p95_ms": round(percentile(samples, 0.95), 1), "samples": len(samples),
            "queries": queries, "kb": round(size / 1024, 1)}


def measure_command(name: str, repeats: int, **options) -> dict:
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    out = io.StringIO()
    call_command(name, stdout=out, **options)  # warm up
    with CaptureQueriesContext(connection) as captured:
        out = io.StringIO()
        call_command(name, stdout=out, **options)
    queries = len(captured)
    json.loads(out.getvalue())  # it printed JSON
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        call_command(name, stdout=io.StringIO(), **options)
        samples.append((time.perf_counter() - start) * 1000)
    return {"median_ms": round(statistics.median(samples), 1),
            "p95_ms": round(percentile(samples, 0.95), 1), "samples": len(samples),
            "queries": queries, "kb": round(len(out.getvalue().encode()) / 1024, 1)}


def measure_all(client, plan, requests: int, repeats: int, budget: float) -> dict:
    figures = {name: measure_page(client, url, requests, budget)
               for name, url in pages(plan).items()}
    action = first_action(plan)
    figures["cmd_gaps_json"] = measure_command("gaps", repeats, plan=plan.slug, json=True)
    figures["cmd_trace_action_json"] = measure_command("trace", repeats, plan=plan.slug,
                                                       action=action.key, json=True)
    return figures


def plan_size(plan) -> dict:
    from wpsnap.planning.models import (
        Action,
        Body,
        BudgetLine,
        Indicator,
        Outcome,
        Output,
        Responsibility,
        Target,
    )

    return {
        "outcomes": Outcome.objects.filter(plan=plan).count(),
        "outputs": Output.objects.filter(plan=plan).count(),
        "actions": Action.objects.filter(plan=plan).count(),
        "indicators": Indicator.objects.filter(plan=plan).count(),
        "targets": Target.objects.filter(indicator__plan=plan).count(),
        "budget_lines": BudgetLine.objects.filter(action__plan=plan).count(),
        "responsibilities": Responsibility.objects.filter(plan=plan).count(),
        "action_finding_links": Action.findings.through.objects.filter(
            action__plan=plan).count(),
        "bodies": Body.objects.filter(plan=plan).count(),
    }


# --- Growing the Plan ---------------------------------------------------------------------------

def _copy_indicator(plan, source, by, *, outcome=None, output=None, suffix: str) -> None:
    from wpsnap.planning.services import indicators

    fields = {name: getattr(source, name) for name in indicators.FIELDS if name != "order"}
    fields["title_en"] = f"{source.title_en} {suffix}".strip()
    targets = {t.year: {"value": t.value, "text_en": t.text_en, "text_km": t.text_km}
               for t in source.targets.all()}
    indicators.create_indicator(plan, outcome=outcome, output=output, by=by, targets=targets,
                                alignments=list(source.alignments.all()), **fields)


def _copy_other_roles(source, target, by) -> None:
    from wpsnap.planning.services import responsibilities

    Role = responsibilities.Role
    for r in source.responsibilities.exclude(role__in=[Role.LEAD, Role.SUPPORT]):
        responsibilities.set_role(target, r.organisation, r.role, by=by)


def grow(plan, by, copies: int) -> None:
    """Clone each of the demo's Outcomes `copies` times, through the planning services."""
    from django.db import transaction

    from wpsnap.planning.models import Outcome
    from wpsnap.planning.services import framework, responsibilities

    Role = responsibilities.Role
    sources = list(Outcome.objects.filter(plan=plan).order_by("order", "number"))
    with transaction.atomic():
        for n in range(1, copies + 1):
            suffix = f"(copy {n})"
            for src_outcome in sources:
                outcome = framework.create_outcome(
                    plan, by=by, pillars=list(src_outcome.pillars.all()),
                    title_en=f"{src_outcome.title_en} {suffix}".strip(),
                    title_km=src_outcome.title_km, description_en=src_outcome.description_en,
                    description_km=src_outcome.description_km)
                for ind in src_outcome.indicators.all():
                    _copy_indicator(plan, ind, by, outcome=outcome, suffix=suffix)
                for src_output in src_outcome.outputs.order_by("order", "number"):
                    output = framework.create_output(
                        outcome, by=by, alignments=list(src_output.alignments.all()),
                        title_en=f"{src_output.title_en} {suffix}".strip(),
                        title_km=src_output.title_km,
                        description_en=src_output.description_en,
                        description_km=src_output.description_km)
                    lead = responsibilities.lead_of(src_output)
                    support = [r.organisation for r in src_output.responsibilities.filter(
                        role=Role.SUPPORT)]
                    if lead is not None or support:
                        responsibilities.set_lead_and_support(output, lead, support, by=by)
                    _copy_other_roles(src_output, output, by)
                    for src in src_output.actions.order_by("order", "number"):
                        action = framework.create_action(
                            output, by=by, lead=responsibilities.lead_of(src),
                            supporting=[r.organisation for r in src.responsibilities.filter(
                                role=Role.SUPPORT)],
                            findings=list(src.findings.all()), areas=list(src.areas.all()),
                            alignments=list(src.alignments.all()), national=src.national,
                            title_en=f"{src.title_en} {suffix}".strip(), title_km=src.title_km,
                            description_en=src.description_en,
                            description_km=src.description_km,
                            start_year=src.start_year, start_quarter=src.start_quarter,
                            end_year=src.end_year, end_quarter=src.end_quarter)
                        _copy_other_roles(src, action, by)
                        for line in src.budget_lines.all():
                            framework.add_budget_line(
                                action, by=by, amount=line.amount, currency=line.currency,
                                source_en=line.source_en, source_km=line.source_km,
                                secured=line.secured, year=line.year)
                    for ind in src_output.indicators.all():
                        _copy_indicator(plan, ind, by, output=output, suffix=suffix)


# --- Main ---------------------------------------------------------------------------------------

def table(results: dict) -> str:
    small, large = results["demo"]["pages"], results["grown"]["pages"]
    head = (f"{'page':<24} {'median ms':>18} {'p95 ms':>17} {'queries':>11} {'KB':>15} "
            f"{'×median':>8}")
    lines = [head, "-" * len(head)]
    for name, a in small.items():
        b = large[name]
        lines.append(
            f"{name:<24} {a['median_ms']:>8.1f} → {b['median_ms']:>7.1f} "
            f"{a['p95_ms']:>7.1f} → {b['p95_ms']:>7.1f} "
            f"{a['queries']:>4} → {b['queries']:<4} {a['kb']:>6.1f} → {b['kb']:>6.1f} "
            f"{results['comparison'][name]['median_growth']:>7.2f}×")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer requests (a fast check)")
    args = parser.parse_args()
    requests, repeats, budget = (8, 3, 2.0) if args.quick else (30, 10, PAGE_BUDGET_S)

    total_start = time.perf_counter()
    var_dir = tempfile.mkdtemp(prefix="wpsnap-plan-bench-")
    setup_django(var_dir)
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from wpsnap.plans.models import Plan

    setup_test_environment()
    quiet = open(os.devnull, "w")  # noqa: SIM115
    call_command("migrate", verbosity=0, stdout=quiet)
    call_command("collectstatic", interactive=False, verbosity=0, stdout=quiet)
    call_command("load_reference", stdout=quiet)
    call_command("load_demo", stdout=quiet)
    phases = {"setup": round(time.perf_counter() - total_start, 1)}

    plan = Plan.objects.get(slug=PLAN)
    user = get_user_model().objects.get(username="demo-coordinator")
    client = Client()
    client.force_login(user)

    results = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "platform": platform.platform(), "load_average_before": os.getloadavg()},
        "database": connection.vendor,
        "plan": PLAN,
        "quick": args.quick,
        "requests_per_page": requests,
        "command_repeats": repeats,
        "setup": "Django test client signed in as demo-coordinator (force_login); median and "
                 f"p95 of server-side rendering after {WARM_UP} warm-up requests (a page stops "
                 f"sampling after {budget:g} s, with at least {MIN_SAMPLES} samples); queries "
                 "and size of one request. Grown: each demo Outcome cloned "
                 f"{COPIES} times through the planning services.",
        "phases_s": phases,
    }
    start = time.perf_counter()
    results["demo"] = {"size": plan_size(plan),
                       "pages": measure_all(client, plan, requests, repeats, budget)}
    phases["measure_demo"] = round(time.perf_counter() - start, 1)

    start = time.perf_counter()
    grow(plan, user, COPIES)
    phases["grow"] = grow_s = round(time.perf_counter() - start, 1)
    start = time.perf_counter()
    results["grown"] = {"size": plan_size(plan),
                        "pages": measure_all(client, plan, requests, repeats, budget)}
    phases["measure_grown"] = round(time.perf_counter() - start, 1)

    results["comparison"] = {
        name: {"median_growth": round(results["grown"]["pages"][name]["median_ms"]
                                      / a["median_ms"], 2),
               "same_queries": results["grown"]["pages"][name]["queries"] == a["queries"]}
        for name, a in results["demo"]["pages"].items()}
    results["machine"]["load_average_after"] = os.getloadavg()
    results["total_s"] = round(time.perf_counter() - total_start, 1)

    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / ("plan-quick.json" if args.quick else "plan.json")
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    small, large = results["demo"]["size"], results["grown"]["size"]
    print("size: " + ", ".join(f"{k} {small[k]} → {large[k]}" for k in small))
    print(f"grown in {grow_s:.1f} s; phases {phases}; whole run {results['total_s']} s; "
          f"database {connection.vendor}")
    print(table(results))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
