"""Settings for the test suite: a throw-away secret key, fast hashing, plain static storage."""

import os
import secrets
import tempfile

os.environ.setdefault("WPSNAP_SECRET_KEY", secrets.token_urlsafe(50))

from wpsnap.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; never in prod
STORAGES = {**STORAGES, "staticfiles": {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
AXES_ENABLED = True
STATIC_ROOT = tempfile.mkdtemp(prefix="wpsnap-static-")
WHITENOISE_USE_FINDERS = True
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# load_demo in tests does not train the coding assistant (seconds each time, many times
# over); the demo Analyse tests turn it on.
WPSNAP_DEMO_TRAIN_ASSISTANT = False
# SQLite tests use a database file, not memory: the live server of the browser tests answers
# concurrent requests (htmx loads two fragments at once) in threads, and an in-memory database
# would be one connection shared by those threads; thread-level concurrency tests need it too.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"wpsnap-test-{os.getpid()}.sqlite3")}
