"""Import benchmark: how fast and how lean is the importer on large Kobo exports?

    .venv/bin/python bench/import_bench.py [--sizes 10000,100000]

For each size N it generates (deterministically, into a temp dir) a KoboToolbox-format XLSX of N
submissions × 44 columns (5 free-text answers in Khmer or English, selects, a select_multiple
"both", metadata) with a repeat sheet of about 2.3 rows per submission, then measures, each in
its own subprocess so that peak RSS is the step's own:

- the import alone (`import_file` into a fresh SQLite database that a previous subprocess
  migrated and loaded with the reference library), then, in the same process, the same file
  imported again (every submission found, "0 new": the idempotency lookups at scale),
- merely reading the same file with python-calamine (iterate every row of every sheet),
- merely reading it with openpyxl (read-only, iterate every row of every sheet).

Writes bench/results/import.json and prints it. Goals: import ≤ 3 × the calamine read (wall
time; the CPU-time ratio is recorded too, as it moves less when the machine is shared), peak RSS
≤ 600 MB, time linear in rows (per-row time at the largest size ≤ 1.3 × at the smallest).

The generated answers repeat (sentences drawn from a fixed set with a few substitutions), and
the importer works out a text's language and search words once per distinct text: on exports
whose every answer is different, segmenting the Khmer ones (khmercut) costs more per row.
"""

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
sys.path.insert(0, str(ROOT / "src"))

GOAL_RATIO = 3.0
GOAL_RSS_MB = 600
GOAL_LINEAR = 1.3
SEED = 2026
TITLE = "Community safety survey (benchmark)"
REPEAT = "household_member"
TEXTS = ("q_concern", "q_helps", "q_change", "q_services", "q_other")


# --- the file -----------------------------------------------------------------------------------

def _columns():
    from wpsnap.consultations.demo.kobo import CHOICES

    concerns = [name for name, _en, _km in CHOICES["concerns"]]
    main = (["start", "end", "today", "consent", "province", "district", "sex", "age",
             "disability", "stakeholder_group", "marital_status", "education", "hh_size",
             "income_source", "concerns"] + [f"concerns/{c}" for c in concerns]
            + ["feel_safe", "feel_safe_night", "reported_incident", "know_hotline", *TEXTS])
    repeat = ["hh_sex", "hh_age", "hh_relation", "hh_migrated", "hh_in_school"]
    return main, repeat, concerns


def submissions(n: int):
    """N synthetic submissions, the same every time."""
    import datetime as dt

    from wpsnap.consultations.demo.kobo import (
        PROVINCE_CHOICES,
        Submission,
        kpi_uid,
        odk_time,
        random_uuid,
    )
    from wpsnap.consultations.demo.sentences import GROUPS, PLACES, SENTENCES, WHEN, render

    _main, _repeat, concerns = _columns()
    rng = random.Random(SEED)
    version = kpi_uid(rng, "v")
    codes = list(PROVINCE_CHOICES)
    day0 = dt.datetime(2026, 1, 5, 8, 0, 0)
    next_id = 90000001
    for i in range(n):
        code = codes[i % 4]
        start = day0 + dt.timedelta(seconds=i * 37 + rng.randint(0, 30),
                                    milliseconds=rng.randint(0, 999))
        end = start + dt.timedelta(minutes=rng.randint(10, 40), milliseconds=rng.randint(0, 999))
        lang = "km" if rng.random() < 0.5 else "en"
        answers = {
            "start": odk_time(start), "end": odk_time(end), "today": start.date().isoformat(),
            "consent": "yes" if rng.random() < 0.98 else "no",
            "province": PROVINCE_CHOICES[code][0], "district": rng.choice(PLACES[code])[0],
            "sex": rng.choices(["female", "male", "other"], weights=[62, 36, 2])[0],
            "age": str(rng.randint(15, 80)),
            "disability": rng.choices(["no", "yes", "unknown"], weights=[88, 8, 4])[0],
            "stakeholder_group": rng.choice(["women", "youth", "marginalised",
                                             "community_leader", "civil_society",
                                             "subnational"]),
            "marital_status": rng.choice(["married", "single", "widowed", "divorced"]),
            "education": rng.choice(["none", "primary", "secondary", "university"]),
            "hh_size": str(rng.randint(1, 9)),
            "income_source": rng.choice(["farming", "trade", "wage", "remittances", "fishing"]),
            "feel_safe": rng.choice(["yes", "somewhat", "no"]),
            "feel_safe_night": rng.choice(["yes", "somewhat", "no"]),
            "reported_incident": rng.choice(["yes", "no", "no", "no"]),
            "know_hotline": rng.choice(["yes", "no"]),
        }
        chosen = sorted(rng.sample(concerns, rng.randint(1, 4)), key=concerns.index)
        answers["concerns"] = " ".join(chosen)
        answers.update({f"concerns/{c}": "1" if c in chosen else "0" for c in concerns})
        if answers["consent"] == "yes":
            for question in TEXTS:
                if rng.random() < 0.1:
                    continue  # a blank answer
                en, km = render(rng.randrange(len(SENTENCES)), place=rng.choice(PLACES[code]),
                                group=rng.choice(GROUPS), when=rng.choice(WHEN))
                answers[question] = km if lang == "km" else en
        the_uuid = random_uuid(rng)
        sub = Submission(answers=answers, id=next_id, uuid=the_uuid,
                         submission_time=(end - dt.timedelta(hours=7, minutes=-3)).strftime(
                             "%Y-%m-%dT%H:%M:%S"), version=version,
                         validation="validation_status_approved" if rng.random() < 0.3 else None,
                         submitted_by=f"enum_{code}_{rng.randint(1, 12)}",
                         tags="quote" if rng.random() < 0.02 else None)
        for _member in range(rng.choice((1, 2, 2, 2, 3, 3, 3))):
            age = rng.randint(0, 85)
            sub.repeat.append({
                "hh_sex": rng.choice(["female", "male"]), "hh_age": str(age),
                "hh_relation": rng.choice(["head", "spouse", "child", "parent", "other"]),
                "hh_migrated": "yes" if 18 <= age <= 50 and rng.random() < 0.25 else "no",
                "hh_in_school": "yes" if 6 <= age <= 18 and rng.random() < 0.8 else "no"})
        next_id += rng.choice((1, 1, 1, 2, 3))
        yield sub


def mapping() -> dict:
    return {"participant": {"sex": "sex", "age_band": "age", "area": "province",
                            "stakeholder_group": "stakeholder_group",
                            "disability": "disability"},
            "consent": {"column": "consent", "yes": "yes"},
            "statements": list(TEXTS)}


def make_file(path: Path, n: int) -> dict:
    from wpsnap.consultations.demo.kobo import write_export

    main, repeat, _concerns = _columns()
    start = time.perf_counter()
    counts = write_export(path, title=TITLE, columns=main, repeat_name=REPEAT,
                          repeat_columns=repeat, submissions=lambda: submissions(n))
    import zipfile

    with zipfile.ZipFile(path) as archive:
        uncompressed = sum(i.file_size for i in archive.infolist())
    return {"submissions": n, "repeat_rows": counts[REPEAT], "columns": len(main) + 11,
            "bytes": path.stat().st_size, "uncompressed_bytes": uncompressed,
            "generate_s": round(time.perf_counter() - start, 2)}


# --- measurements (each in its own process) -----------------------------------------------------

def _reset_peak() -> None:
    """Linux ≥ 4.0: writing 5 to clear_refs resets VmHWM, so the peak is the step's own."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
    except OSError:
        pass


def _status_mb(field: str) -> float:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(field + ":"):
                return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def _setup_django(var_dir: str) -> None:
    os.environ["WPSNAP_VAR_DIR"] = var_dir
    os.environ.setdefault("WPSNAP_SECRET_KEY", "bench-only-secret-key-not-for-production")
    os.environ["DJANGO_SETTINGS_MODULE"] = "wpsnap.settings"
    os.environ.pop("DATABASE_URL", None)  # always a fresh SQLite file
    import django

    django.setup()


def child_prepare(var_dir: str) -> dict:
    _setup_django(var_dir)
    from django.core.management import call_command

    from wpsnap.frameworks.services import load_reference

    call_command("migrate", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    load_reference()
    return {}


def child_import(var_dir: str, path: str) -> dict:
    _setup_django(var_dir)
    from wpsnap.consultations.importing import import_file, readers
    from wpsnap.consultations.models import Consultation
    from wpsnap.plans.models import Plan

    # A file in Kobo's layout (inline strings) can exceed the importer's zip-bomb cap on the
    # uncompressed size; then the benchmark raises the cap for itself (and says so), to measure
    # the engine anyway. The cap applies unchanged to real uploads.
    engine_cap = readers.MAX_UNCOMPRESSED
    import zipfile

    with zipfile.ZipFile(path) as archive:
        uncompressed = sum(i.file_size for i in archive.infolist())
    cap_raised = uncompressed > engine_cap
    if cap_raised:
        readers.MAX_UNCOMPRESSED = uncompressed + 1
    plan = Plan.objects.create(slug="bench", title_en="Benchmark", country="KH")
    consultation = Consultation.objects.create(plan=plan, slug="bench-survey", kind="survey",
                                               title_en="Benchmark survey", language="km_en")
    baseline = _status_mb("VmRSS")
    _reset_peak()
    start, cpu = time.perf_counter(), time.process_time()
    report = import_file(plan, consultation, path, filename=Path(path).name,
                         mapping=mapping()).to_json()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = _status_mb("VmHWM")
    # The same file again: everything is found, nothing is written ("0 new").
    again_start = time.perf_counter()
    again = import_file(plan, consultation, path, filename=Path(path).name,
                        mapping=mapping()).to_json()
    again_seconds = time.perf_counter() - again_start
    return {"seconds": seconds, "cpu_seconds": cpu, "peak_rss_mb": peak,
            "baseline_rss_mb": baseline,
            "status": report["status"], "rows": report["rows"],
            "participants_new": report["participants_new"],
            "statements_new": report["statements_new"],
            "errors": report["errors"][:3], "warnings": len(report["warnings"]),
            "engine_uncompressed_cap_mb": engine_cap // (1024 * 1024),
            "cap_raised_for_bench": cap_raised,
            "reimport": {"seconds": again_seconds, "status": again["status"],
                         "participants_new": again["participants_new"],
                         "statements_new": again["statements_new"]}}


def child_calamine(path: str) -> dict:
    from python_calamine import CalamineWorkbook

    baseline = _status_mb("VmRSS")
    _reset_peak()
    start, cpu = time.perf_counter(), time.process_time()
    book = CalamineWorkbook.from_path(path)
    rows = 0
    for name in book.sheet_names:
        for _row in book.get_sheet_by_name(name).iter_rows():
            rows += 1
    return {"seconds": time.perf_counter() - start, "cpu_seconds": time.process_time() - cpu,
            "peak_rss_mb": _status_mb("VmHWM"), "baseline_rss_mb": baseline, "rows": rows}


def child_openpyxl(path: str) -> dict:
    import openpyxl

    baseline = _status_mb("VmRSS")
    _reset_peak()
    start = time.perf_counter()
    book = openpyxl.load_workbook(path, read_only=True)
    rows = 0
    for sheet in book.worksheets:
        for _row in sheet.iter_rows(values_only=True):
            rows += 1
    book.close()
    return {"seconds": time.perf_counter() - start, "peak_rss_mb": _status_mb("VmHWM"),
            "baseline_rss_mb": baseline, "rows": rows}


CHILDREN = {"prepare": child_prepare, "import": child_import, "calamine": child_calamine,
            "openpyxl": child_openpyxl}


def run_child(kind: str, *args: str) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", kind, *args],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"{kind} failed:\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --- main ---------------------------------------------------------------------------------------

def _rounded(figures: dict) -> dict:
    return {k: round(v, 3) if isinstance(v, float) else v for k, v in figures.items()}


def measure(n: int, work: Path) -> dict:
    path = work / f"kobo_{n}.xlsx"
    file_facts = make_file(path, n)
    var_dir = tempfile.mkdtemp(prefix=f"db{n}-", dir=work)
    run_child("prepare", var_dir)
    imported = run_child("import", var_dir, str(path))
    calamine = run_child("calamine", str(path))
    openpyxl = run_child("openpyxl", str(path))
    rows = n + file_facts["repeat_rows"]
    return {
        "file": file_facts,
        "import": _rounded({k: v for k, v in imported.items() if k != "reimport"}),
        "reimport": _rounded(imported["reimport"]),
        "calamine_read": _rounded(calamine),
        "openpyxl_read": _rounded(openpyxl),
        "ratio_import_to_calamine": round(imported["seconds"] / calamine["seconds"], 2),
        "ratio_import_to_calamine_cpu": round(imported["cpu_seconds"]
                                              / calamine["cpu_seconds"], 2),
        "ratio_import_to_openpyxl": round(imported["seconds"] / openpyxl["seconds"], 2),
        "import_us_per_submission": round(imported["seconds"] / n * 1e6, 1),
        "import_us_per_row_all_sheets": round(imported["seconds"] / rows * 1e6, 1),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000",
                        help="comma-separated numbers of submissions (default 10000,100000)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, *rest = args.child
        print(json.dumps(CHILDREN[kind](*rest)))
        return 0
    sizes = sorted(int(s) for s in args.sizes.split(",") if s.strip())
    results = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                           "platform": platform.platform()},
               "database": "sqlite", "sizes": {}}
    with tempfile.TemporaryDirectory(prefix="wpsnap-import-bench-") as work:
        for n in sizes:
            print(f"{n} submissions …", file=sys.stderr, flush=True)
            results["sizes"][str(n)] = measure(n, Path(work))
    figures = results["sizes"]
    worst_ratio = max(f["ratio_import_to_calamine"] for f in figures.values())
    peak = max(f["import"]["peak_rss_mb"] for f in figures.values())
    ok = all(f["import"]["status"] == "ok" for f in figures.values())
    reimport_ok = all(f["reimport"]["status"] == "ok" and f["reimport"]["statements_new"] == 0
                      and f["reimport"]["participants_new"] == 0 for f in figures.values())
    goals = {
        "all_imports_ok": ok,
        "reimports_add_nothing": reimport_ok,
        "files_within_engine_zip_cap": not any(f["import"]["cap_raised_for_bench"]
                                               for f in figures.values()),
        "import_le_3x_calamine": {"goal": GOAL_RATIO, "worst": worst_ratio,
                                  "met": ok and worst_ratio <= GOAL_RATIO},
        "peak_rss_le_600_mb": {"goal": GOAL_RSS_MB, "worst": peak,
                               "met": ok and peak <= GOAL_RSS_MB},
    }
    if len(sizes) > 1:
        small, large = figures[str(sizes[0])], figures[str(sizes[-1])]
        growth = round(large["import_us_per_submission"] / small["import_us_per_submission"], 2)
        goals["linear_time"] = {"goal": GOAL_LINEAR, "per_row_time_ratio": growth,
                                "sizes": [sizes[0], sizes[-1]],
                                "met": ok and growth <= GOAL_LINEAR}
    results["goals"] = goals
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "import.json"
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(results, indent=2, ensure_ascii=False))
    print(f"written to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
