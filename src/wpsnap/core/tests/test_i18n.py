"""The Khmer catalogue is complete: nothing untranslated or fuzzy, and no string in the code
or templates is missing from it."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]
PO = PACKAGE / "locale" / "km" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def gettext_tool(name):
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} not found: install gettext (apt-get install gettext)")
    return path


def test_catalogue_has_no_untranslated_or_fuzzy_messages():
    result = subprocess.run([gettext_tool("msgfmt"), "--check", "--statistics", "-o",
                             os.devnull, str(PO)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


def test_compiled_catalogue_is_up_to_date(tmp_path):
    fresh = tmp_path / "django.mo"
    subprocess.run([gettext_tool("msgfmt"), "-o", str(fresh), str(PO)], check=True)
    assert MO.read_bytes() == fresh.read_bytes(), "run `make messages` and commit the .mo"


def test_every_marked_string_is_in_the_catalogue(tmp_path):
    gettext_tool("xgettext")
    copy = tmp_path / "wpsnap"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "static"))
    env = {**os.environ, "WPSNAP_SECRET_KEY": "i18n-check", "WPSNAP_VAR_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "-m", "wpsnap.manage", "makemessages", "--locale", "km",
         "--no-obsolete", "--no-location", "--extension", "html,txt,py",
         "--ignore", "tests/*", "--ignore", "*/tests/*"],
        cwd=copy, env=env, check=True, capture_output=True, text=True)
    regenerated = copy / "locale" / "km" / "LC_MESSAGES" / "django.po"
    result = subprocess.run([gettext_tool("msgcmp"), str(PO), str(regenerated)],
                            capture_output=True, text=True)
    assert result.returncode == 0, ("strings missing from the Khmer catalogue (run `make "
                                    "messages` and translate them):\n" + result.stderr[-3000:])


def test_pages_in_khmer_use_the_catalogue(client, db):
    client.cookies["django_language"] = "km"
    page = client.get("/accounts/login/").content.decode()
    assert '<html lang="km">' in page
    assert ">Log in<" not in page  # translated
