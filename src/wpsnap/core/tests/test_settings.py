"""The deployment settings: secret key, production check, SQLite pragmas."""

import os
import subprocess
import sys

import pytest
from django.db import connection

REPO_SRC = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run_wpsnap(*args, env_extra=None, tmp_path):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("WPSNAP_", "DJANGO_")) and k != "DATABASE_URL"}
    env.update({"WPSNAP_VAR_DIR": str(tmp_path), **(env_extra or {})})
    return subprocess.run([sys.executable, "-m", "wpsnap.manage", *args], env=env,
                          capture_output=True, text=True, timeout=120)


def test_no_secret_key_means_a_clear_error(tmp_path):
    result = run_wpsnap("check", tmp_path=tmp_path)
    assert result.returncode != 0
    assert "WPSNAP_SECRET_KEY" in result.stderr


def test_secret_key_is_read_from_var_dir(tmp_path):
    (tmp_path / "secret_key").write_text("k" * 60)
    result = run_wpsnap("check", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    result = run_wpsnap(
        "check", "--deploy", "--fail-level", "WARNING",
        env_extra={"WPSNAP_SECRET_KEY": "x" * 20 + "-Production-Key-" + "y" * 30,
                   "WPSNAP_HTTPS": "1", "WPSNAP_ALLOWED_HOSTS": "wpsnap.example.gov.kh",
                   "WPSNAP_EMAIL_URL": "smtp://wpsnap:secret@mail.example.gov.kh:587"},
        tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_with_immediate_transactions():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    from django.conf import settings

    assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1


def test_the_default_sqlite_file_uses_wal(tmp_path):
    """The embedded default: a SQLite file under var/ in WAL mode, so readers never block the
    writer (several gunicorn workers share the file)."""
    import sqlite3

    result = run_wpsnap("migrate", "--noinput", env_extra={"WPSNAP_SECRET_KEY": "k" * 50},
                        tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    db_file = tmp_path / "wpsnap.sqlite3"
    assert db_file.exists()
    with sqlite3.connect(db_file) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
