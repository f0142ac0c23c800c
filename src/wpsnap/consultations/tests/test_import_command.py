"""`wpsnap import_data`: --json shape, exit codes, summary, --create-consultation, subprocess."""

import json
import os
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from wpsnap.consultations.models import Consultation, Participant, Statement

from . import importing_fixtures as fx

areas = fx.areas
consultation = fx.consultation
KEYS = {"status", "rows", "participants_new", "statements_new", "skipped", "warnings", "errors"}


def export(tmp_path):
    rows = [{"story": "The road to the market is dark."}, {"story": "ស្ត្រីត្រូវការសុវត្ថិភាព។"}]
    return fx.kobo_workbook(tmp_path / "export.xlsx", rows, questions=["story"])


def mapping_file(tmp_path, mapping=None):
    path = tmp_path / "mapping.json"
    path.write_text(json.dumps(mapping or {"statements": ["story"]}), encoding="utf-8")
    return path


def command(*args):
    out, err = StringIO(), StringIO()
    code = 0
    try:
        call_command("import_data", *[str(a) for a in args], stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def test_json_ok_then_idempotent(plan, consultation, tmp_path):
    args = ["--plan", plan.slug, "--consultation", consultation.slug, export(tmp_path),
            "--mapping", mapping_file(tmp_path), "--json"]
    code, out, _err = command(*args)
    assert code == 0
    report = json.loads(out)
    assert KEYS <= report.keys()
    assert (report["status"], report["rows"], report["participants_new"],
            report["statements_new"]) == ("ok", 2, 2, 2)
    code, out, _err = command(*args)
    assert code == 0 and json.loads(out)["statements_new"] == 0
    assert Statement.objects.count() == 2


def test_json_rejected_exit_1(plan, consultation, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    code, out, _err = command("--plan", plan.slug, "--consultation", consultation.slug, empty,
                              "--json")
    assert code == 1
    report = json.loads(out)
    assert report["status"] == "rejected" and report["errors"][0]["code"] == "empty_file"
    assert set(report["errors"][0]) >= {"row", "column", "code", "message"}


def test_unknown_plan_and_consultation(plan, consultation, tmp_path):
    code, out, _err = command("--plan", "nope", "--consultation", "x", export(tmp_path),
                              "--json")
    assert code == 1 and json.loads(out)["errors"][0]["code"] == "unknown_plan"
    code, out, _err = command("--plan", plan.slug, "--consultation", "x", export(tmp_path),
                              "--json")
    assert code == 1 and json.loads(out)["errors"][0]["code"] == "unknown_consultation"


def test_dry_run_changes_nothing(plan, consultation, tmp_path):
    code, out, _err = command("--plan", plan.slug, "--consultation", consultation.slug,
                              export(tmp_path), "--mapping", mapping_file(tmp_path),
                              "--dry-run", "--json")
    assert code == 0 and json.loads(out)["statements_new"] == 2
    assert not Participant.objects.exists() and not Statement.objects.exists()


def test_create_consultation(plan, tmp_path):
    code, out, _err = command("--plan", plan.slug, "--consultation", "survey-2026",
                              export(tmp_path), "--mapping", mapping_file(tmp_path),
                              "--create-consultation", "--kind", "survey", "--title",
                              "Safety survey")
    assert code == 0
    created = Consultation.objects.get(plan=plan, slug="survey-2026")
    assert (created.kind, created.title_en) == ("survey", "Safety survey")
    assert created.statements.count() == 2
    assert "Imported." in out and "New Statements: 2" in out


def test_create_consultation_is_undone_when_rejected(plan, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    code, out, _err = command("--plan", plan.slug, "--consultation", "new", empty,
                              "--create-consultation", "--kind", "survey", "--title", "T")
    assert code == 1 and "Rejected" in out
    assert not Consultation.objects.filter(slug="new").exists()


def test_readable_summary_lists_rows_and_columns(plan, consultation, tmp_path):
    path = fx.write_csv(tmp_path / "dupes.csv", ["_uuid", "story", "story"], [["u", "a", "b"]])
    code, out, _err = command("--plan", plan.slug, "--consultation", consultation.slug, path)
    assert code == 1
    assert "row 1" in out and "column story" in out


def test_odk_repeat_as_second_file(plan, consultation, tmp_path):
    main = fx.write_csv(tmp_path / "s.csv", ["story", "meta-instanceID", "KEY"],
                        [["Main answer text here.", "uuid:k1", "uuid:k1"]])
    repeat = fx.write_csv(tmp_path / "s-items.csv", ["item", "PARENT_KEY", "KEY"],
                          [["Repeat answer one.", "uuid:k1", "uuid:k1/items[1]"]])
    code, out, _err = command("--plan", plan.slug, "--consultation", consultation.slug, main,
                              repeat, "--mapping",
                              mapping_file(tmp_path, {"statements": ["story", "item"]}),
                              "--json")
    assert code == 0, out
    assert set(Statement.objects.values_list("source_key", flat=True)) == {
        "k1/story", "k1/item[1]"}


def test_subprocess_run(tmp_path):
    """One real run of `.venv/bin/wpsnap`, against its own SQLite database."""
    root = Path(__file__).resolve().parents[4]
    executable = root / ".venv" / "bin" / "wpsnap"
    if not executable.exists():
        pytest.skip("wpsnap entry point not installed")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}

    def wpsnap(*args):
        return subprocess.run([str(executable), *map(str, args)], env=env, cwd=root,
                              capture_output=True, text=True, timeout=300, check=False)

    migrated = wpsnap("migrate", "--noinput")
    assert migrated.returncode == 0, migrated.stderr
    script = ("from wpsnap.plans.models import Plan; "
              "Plan.objects.create(slug='p1', title_en='P', country='KH')")
    assert wpsnap("shell", "-c", script).returncode == 0, "shell"
    result = wpsnap("import_data", "--plan", "p1", "--consultation", "c1", export(tmp_path),
                    "--mapping", mapping_file(tmp_path), "--create-consultation", "--kind",
                    "survey", "--title", "Survey", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["status"] == "ok" and report["statements_new"] == 2
    rejected = wpsnap("import_data", "--plan", "p1", "--consultation", "c1",
                      tmp_path / "missing.csv", "--json")
    assert rejected.returncode == 1 and json.loads(rejected.stdout)["status"] == "rejected"
