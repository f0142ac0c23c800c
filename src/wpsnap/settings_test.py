"""Settings for the test suite: a throw-away secret key, fast hashing, plain static storage."""

import os
import secrets

os.environ.setdefault("WPSNAP_SECRET_KEY", secrets.token_urlsafe(50))

from wpsnap.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; never in prod
STORAGES = {**STORAGES, "staticfiles": {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
AXES_ENABLED = True
