"""Coding-assistant benchmark: train and suggest on 50,000 generated Statements.

    .venv/bin/python bench/suggest_bench.py [--statements 50000] [--latency 1000] [--evaluate]

Generates (deterministically) N Statements, half Khmer and half English, built from the demo
sentences (`consultations/demo/sentences.py`) with their slots filled, about 30 % of them
saying two things; 19 Codes: the 16 Security issues the sentences speak of, plus three broad
Codes applied the way people code (participation for the general remarks; protection and
relief-recovery on half of the Statements of some issues, at random, so they cannot be learnt
perfectly); 5 % of the true Codes are left out, as coders forget some. The Statements and their
Codings go into a fresh SQLite database, then each step runs in its own process so that its
peak memory (VmHWM, reset at the start of the step) is its own:

- prepare: migrate, insert, and load the training data the way the assistant does
  (`queries.suggest.training_data`: Codings, rejected suggestions, search_text);
- ours: `suggester.fit` on the loaded rows (features, one logistic regression per Code);
- bare: a plain scikit-learn Pipeline(the same TF-IDF features, OneVsRestClassifier(the same
  LogisticRegression)) on the same texts and labels: the like-for-like baseline of the ratio
  (ours and bare alternate, twice by default; the fastest run of each counts);
- bare_default: Pipeline(TfidfVectorizer(), OneVsRestClassifier(LogisticRegression())) with
  scikit-learn's defaults (words only; its default token pattern cannot split Khmer), for scale;
- latency: `services.suggest.suggest(plan, statement)` end to end (database queries included)
  for 1,000 new, uncoded Statements with the trained model, after one first call that loads
  the model file;
- evaluate (with --evaluate): `train_now` as the Retrain button runs it (the model, 5-fold
  cross-validation for the figures and calibration, saving the file).

Writes bench/results/suggest.json. Goals: ours ≤ 1.3 × bare; suggestion p95 ≤ 50 ms.
The machine may be shared (the load average before and after is recorded).
"""

import argparse
import json
import os
import pickle
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
sys.path.insert(0, str(ROOT / "src"))

GOAL_RATIO = 1.3
GOAL_P95_MS = 50
SEED = 2026
PROTECTION = {"gbv-domestic-sexual", "human-trafficking", "tech-facilitated-gbv",
              "online-scam-compounds"}
RELIEF = {"disasters-climate", "displacement-conflict", "landmines-erw",
          "climate-security-nexus"}
BROAD = [("participation", "Participation", "ការចូលរួម"),
         ("protection", "Protection", "ការការពារ"),
         ("relief-recovery", "Relief and recovery", "ការសង្គ្រោះ និងស្តារឡើងវិញ")]


# --- data ---------------------------------------------------------------------------------------

def generate(n: int, seed: int = SEED) -> tuple[list[tuple[str, str]], list[set[str]],
                                                 list[str]]:
    """[(text, language)], [codes], every Code key — the same every time."""
    from wpsnap.consultations.demo.sentences import (
        GENERAL,
        GROUPS,
        OPENINGS,
        PLACES,
        SENTENCES,
        WHEN,
        render,
    )

    rng = random.Random(seed)
    places = [p for ps in PLACES.values() for p in ps]
    issues = sorted({k for k, _en, _km in SENTENCES if k != GENERAL})
    keys = issues + [k for k, _en, _km in BROAD]
    texts, labels = [], []
    for _ in range(n):
        parts = [rng.randrange(len(SENTENCES))]
        if rng.random() < 0.3:
            parts.append(rng.randrange(len(SENTENCES)))
        khmer = rng.random() < 0.5
        out, codes = [], set()
        for index in parts:
            en, km = render(index, place=rng.choice(places), group=rng.choice(GROUPS),
                            when=rng.choice(WHEN),
                            opening=rng.choice(OPENINGS) if rng.random() < 0.4 else None)
            out.append(km if khmer else en)
            issue = SENTENCES[index][0]
            if issue == GENERAL:
                codes.add("participation")
                continue
            codes.add(issue)
            if issue in PROTECTION and rng.random() < 0.5:
                codes.add("protection")
            if issue in RELIEF and rng.random() < 0.5:
                codes.add("relief-recovery")
        codes = {c for c in codes if rng.random() >= 0.05} or codes
        texts.append((" ".join(out), "km" if khmer else "en"))
        labels.append(codes)
    return texts, labels, keys


# --- steps (each in its own process) ------------------------------------------------------------

def _reset_peak() -> None:
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
    except OSError:
        pass


def _status_mb(field: str) -> float:
    try:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return 0.0


def _setup_django(var_dir: str) -> None:
    os.environ["WPSNAP_VAR_DIR"] = var_dir
    os.environ.setdefault("WPSNAP_SECRET_KEY", "bench-only-secret-key-not-for-production")
    os.environ["DJANGO_SETTINGS_MODULE"] = "wpsnap.settings"
    os.environ.pop("DATABASE_URL", None)  # always a fresh SQLite file
    import django

    django.setup()


def child_prepare(var_dir: str, data_path: str, n: str) -> dict:
    _setup_django(var_dir)
    from django.core.management import call_command

    from wpsnap.analysis.models import Code, Coding
    from wpsnap.analysis.queries.suggest import training_data
    from wpsnap.consultations.models import Consultation, Statement
    from wpsnap.core.text import search_text
    from wpsnap.plans.models import Plan

    call_command("migrate", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    start = time.perf_counter()
    texts, labels, keys = generate(int(n))
    generated = time.perf_counter() - start
    plan = Plan.objects.create(slug="bench", title_en="Benchmark", country="KH")
    consultation = Consultation.objects.create(plan=plan, slug="bench", kind="survey",
                                               title_en="Benchmark consultations")
    broad = {k: (en, km) for k, en, km in BROAD}
    codes = {}
    for order, key in enumerate(keys):
        en, km = broad.get(key, (key.replace("-", " ").capitalize(), ""))
        codes[key] = Code.objects.create(plan=plan, key=key, label_en=en, label_km=km,
                                         order=order)
    start = time.perf_counter()
    searchable = [search_text(text) for text, _language in texts]
    segmented = time.perf_counter() - start
    batch = 5000
    for i in range(0, len(texts), batch):
        rows = [Statement(plan=plan, consultation=consultation, text=text, language=language,
                          search_text=searchable[i + j])
                for j, (text, language) in enumerate(texts[i:i + batch])]
        Statement.objects.bulk_create(rows)
        Coding.objects.bulk_create(
            Coding(plan=plan, statement=s, code=codes[key], start=0, end=len(s.text))
            for s, codeset in zip(rows, labels[i:i + batch], strict=True)
            for key in sorted(codeset))
    _reset_peak()
    start = time.perf_counter()
    data = training_data(plan)
    loaded = time.perf_counter() - start
    with open(data_path, "wb") as handle:
        pickle.dump({"texts": data.texts, "y": data.y, "mask": data.mask,
                     "code_ids": data.code_ids, "keys": data.keys}, handle)
    return {"statements": len(data.texts), "codings": data.codings, "codes": len(data.keys),
            "khmer_share": round(sum(1 for _t, lang in texts if lang == "km") / len(texts), 3),
            "labels_per_statement": round(float(data.y.sum()) / len(data.texts), 3),
            "generate_s": generated, "search_text_s": segmented,
            "load_training_data_s": loaded, "load_peak_rss_mb": _status_mb("VmHWM")}


def _load(data_path: str) -> dict:
    with open(data_path, "rb") as handle:
        return pickle.load(handle)  # noqa: S301 - written by this benchmark a moment ago


def child_ours(data_path: str, model_path: str) -> dict:
    import joblib

    from wpsnap.analysis import suggester as ml

    data = _load(data_path)
    baseline = _status_mb("VmRSS")
    _reset_peak()
    start = time.perf_counter()
    model = ml.fit(data["texts"], data["y"], data["mask"], data["code_ids"])
    seconds = time.perf_counter() - start
    peak = _status_mb("VmHWM")
    start = time.perf_counter()
    joblib.dump(model, model_path)
    return {"seconds": seconds, "peak_rss_mb": peak, "baseline_rss_mb": baseline,
            "codes_learnt": len(model.code_ids), "features": int(model.weights.shape[0]),
            "save_s": time.perf_counter() - start,
            "model_file_mb": round(os.path.getsize(model_path) / 2**20, 1)}


def child_bare(data_path: str, variant: str) -> dict:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import Pipeline

    from wpsnap.analysis import suggester as ml

    data = _load(data_path)
    if variant == "same":
        pipeline = Pipeline([("tfidf", ml.make_vectorizer(len(data["texts"]))),
                             ("clf", OneVsRestClassifier(ml.make_classifier()))])
    else:
        pipeline = Pipeline([("tfidf", TfidfVectorizer()),
                             ("clf", OneVsRestClassifier(LogisticRegression()))])
    baseline = _status_mb("VmRSS")
    _reset_peak()
    start = time.perf_counter()
    pipeline.fit(data["texts"], data["y"])
    return {"seconds": time.perf_counter() - start, "peak_rss_mb": _status_mb("VmHWM"),
            "baseline_rss_mb": baseline}


def child_latency(var_dir: str, model_path: str, count: str) -> dict:
    _setup_django(var_dir)
    import shutil

    from django.conf import settings
    from django.utils import timezone

    from wpsnap.analysis.models import Suggester
    from wpsnap.analysis.services.suggest import suggest
    from wpsnap.consultations.models import Consultation, Statement
    from wpsnap.core.text import search_text
    from wpsnap.plans.models import Plan

    plan = Plan.objects.get(slug="bench")
    # New, uncoded Statements: what an analyst asks suggestions for.
    texts, _labels, _keys = generate(int(count), seed=SEED + 1)
    consultation = Consultation.objects.get(plan=plan, slug="bench")
    chosen = [s.pk for s in Statement.objects.bulk_create(
        Statement(plan=plan, consultation=consultation, text=text, language=language,
                  search_text=search_text(text)) for text, language in texts)]
    name = "suggesters/bench-model.joblib"
    target = Path(settings.MEDIA_ROOT) / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(model_path, target)
    Suggester.objects.create(plan=plan, status=Suggester.Status.READY, progress=100,
                             artifact=name, finished_at=timezone.now())
    statements = {s.pk: s for s in Statement.objects.filter(pk__in=chosen)}
    first = time.perf_counter()
    suggest(plan, statements[chosen[0]])  # loads the model file and builds the cold start
    first_ms = (time.perf_counter() - first) * 1000
    samples, shown = [], 0
    for pk in chosen:
        start = time.perf_counter()
        found = suggest(plan, statements[pk])
        samples.append((time.perf_counter() - start) * 1000)
        shown += len(found)
    samples.sort()
    return {"statements": len(samples), "first_call_ms": first_ms,
            "p50_ms": statistics.median(samples),
            "p95_ms": samples[max(int(len(samples) * 0.95) - 1, 0)], "max_ms": samples[-1],
            "suggestions_per_statement": round(shown / len(samples), 2)}


def child_evaluate(var_dir: str) -> dict:
    _setup_django(var_dir)
    from wpsnap.analysis.services.suggest import train_now
    from wpsnap.plans.models import Plan

    plan = Plan.objects.get(slug="bench")
    baseline = _status_mb("VmRSS")
    _reset_peak()
    start = time.perf_counter()
    suggester = train_now(plan)
    metrics = suggester.metrics
    return {"train_now_s": time.perf_counter() - start, "peak_rss_mb": _status_mb("VmHWM"),
            "baseline_rss_mb": baseline, "status": suggester.status,
            "macro_f1": metrics.get("macro_f1"), "micro_f1": metrics.get("micro_f1")}


CHILDREN = {"prepare": child_prepare, "ours": child_ours, "bare": child_bare,
            "latency": child_latency, "evaluate": child_evaluate}


def run_child(kind: str, *args: str) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", kind, *args],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"{kind} failed:\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _rounded(d: dict) -> dict:
    return {k: round(v, 3) if isinstance(v, float) else v for k, v in d.items()}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=50000)
    parser.add_argument("--latency", type=int, default=1000,
                        help="Statements to time suggestions on (default 1000)")
    parser.add_argument("--rounds", type=int, default=2,
                        help="training runs of ours and of the bare pipeline, alternated; "
                             "the fastest of each is compared (default 2)")
    parser.add_argument("--evaluate", action="store_true",
                        help="also time train_now (model + 5-fold cross-validation)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, *rest = args.child
        print(json.dumps(CHILDREN[kind](*rest)))
        return 0
    results = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                           "platform": platform.platform(),
                           "load_average_before": [round(x, 2) for x in os.getloadavg()]},
               "database": "sqlite", "statements": args.statements}
    with tempfile.TemporaryDirectory(prefix="wpsnap-suggest-bench-") as work:
        var_dir = str(Path(work) / "var")
        data_path = str(Path(work) / "training.pickle")
        model_path = str(Path(work) / "model.joblib")
        print(f"{args.statements} statements: generating and loading …", file=sys.stderr,
              flush=True)
        results["data"] = _rounded(run_child("prepare", var_dir, data_path,
                                             str(args.statements)))
        ours_runs, bare_runs = [], []
        for round_ in range(args.rounds):  # alternate, so a busy moment hits both alike
            print(f"round {round_ + 1}: training (ours) …", file=sys.stderr, flush=True)
            ours_runs.append(_rounded(run_child("ours", data_path, model_path)))
            print(f"round {round_ + 1}: training (bare pipeline, same features and model) …",
                  file=sys.stderr, flush=True)
            bare_runs.append(_rounded(run_child("bare", data_path, "same")))
        ours = min(ours_runs, key=lambda r: r["seconds"])
        bare = min(bare_runs, key=lambda r: r["seconds"])
        ours["all_seconds"] = [r["seconds"] for r in ours_runs]
        bare["all_seconds"] = [r["seconds"] for r in bare_runs]
        print("training (bare pipeline, scikit-learn defaults) …", file=sys.stderr, flush=True)
        default = _rounded(run_child("bare", data_path, "default"))
        print("suggestion latency …", file=sys.stderr, flush=True)
        latency = _rounded(run_child("latency", var_dir, model_path, str(args.latency)))
        results["train"] = {"ours": ours, "bare_same_features": bare,
                            "bare_sklearn_defaults": default}
        results["ratio_ours_to_bare"] = round(ours["seconds"] / bare["seconds"], 3)
        results["ratio_ours_to_bare_peak_rss"] = round(
            ours["peak_rss_mb"] / bare["peak_rss_mb"], 3)
        results["ratio_ours_to_bare_sklearn_defaults"] = round(
            ours["seconds"] / default["seconds"], 3)
        results["suggest_latency"] = latency
        if args.evaluate:
            print("train_now with cross-validation …", file=sys.stderr, flush=True)
            results["train_now_with_evaluation"] = _rounded(run_child("evaluate", var_dir))
    results["machine"]["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    results["goals"] = {
        "ratio_ours_to_bare_max": GOAL_RATIO,
        "ratio_met": results["ratio_ours_to_bare"] <= GOAL_RATIO,
        "suggest_p95_ms_max": GOAL_P95_MS,
        "latency_met": results["suggest_latency"]["p95_ms"] <= GOAL_P95_MS,
    }
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "suggest.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
