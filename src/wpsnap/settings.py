"""wpsnap settings. Everything that differs between machines comes from the environment (WPSNAP_*).

- WPSNAP_SECRET_KEY            secret key; else $WPSNAP_VAR_DIR/secret_key (`make run` makes it)
- DATABASE_URL                 any URL dj-database-url understands; default SQLite in var/
- WPSNAP_VAR_DIR               where the SQLite file, secret key and collected static files live
- WPSNAP_DEBUG                 1 to show tracebacks (never in production)
- WPSNAP_ALLOWED_HOSTS         comma-separated host names (default: localhost, 127.0.0.1)
- WPSNAP_HTTPS                 1 behind HTTPS: secure cookies, HSTS, redirect to https
- WPSNAP_EMAIL_URL             smtp://user:pass@host:587; unset: e-mails are printed on the console
- WPSNAP_DEFAULT_FROM_EMAIL    sender of e-mails
"""

import os
from pathlib import Path
from urllib.parse import urlparse

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
_repo = PACKAGE_DIR.parent.parent
_default_var = _repo / "var" if (_repo / "pyproject.toml").exists() else Path.cwd() / "var"
VAR_DIR = Path(os.environ.get("WPSNAP_VAR_DIR", _default_var))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    key = os.environ.get("WPSNAP_SECRET_KEY", "").strip()
    if key:
        return key
    path = VAR_DIR / "secret_key"
    if path.exists():
        key = path.read_text(encoding="utf-8").strip()
        if key:
            return key
    raise ImproperlyConfigured(
        f"No secret key: set WPSNAP_SECRET_KEY or create {path} "
        "(`make run` generates one the first time)."
    )


SECRET_KEY = _secret_key()
DEBUG = env_bool("WPSNAP_DEBUG")
HTTPS = env_bool("WPSNAP_HTTPS")

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("WPSNAP_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("WPSNAP_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "auditlog",
    "django_tasks_db",
    "wpsnap.core",
    "wpsnap.accounts",
    "wpsnap.frameworks",
    "wpsnap.plans",
    "wpsnap.consultations",
    "wpsnap.analysis",
    "wpsnap.validation",
    "wpsnap.planning",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "wpsnap.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "wpsnap.urls"
WSGI_APPLICATION = "wpsnap.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wpsnap.core.context_processors.shell",
            ],
            "builtins": ["wpsnap.core.templatetags.bilingual"],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
SQLITE_OPTIONS = {
    # Writers take the lock when their transaction starts, so two gunicorn workers never
    # deadlock upgrading a read lock; WAL lets readers go on while one writes.
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
        "PRAGMA busy_timeout=20000;"
    ),
}

if os.environ.get("DATABASE_URL"):
    _db = dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60,
                                conn_health_checks=True)
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    _db = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(VAR_DIR / "wpsnap.sqlite3")}
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # Keep each process's connection for a minute instead of reconnecting (and re-running
    # the PRAGMAs above) on every request: ~1.4 ms of a vote's ~5.6 ms CPU in the workshop
    # benchmark. Safe here: gunicorn's sync workers are single-threaded processes that connect
    # lazily after the fork (no --preload, nothing queries at import), so no connection is
    # shared between processes; every request and every db_worker task runs in autocommit
    # between transactions (Django closes a connection left in a broken state or an open
    # transaction at the end of the request, and db_worker calls close_old_connections around
    # each task), so a kept connection holds no read snapshot that would hide other processes'
    # writes or stop WAL checkpoints. 0 was only Django's default, never a measured choice.
    _db["CONN_MAX_AGE"] = 60
    _db["OPTIONS"] = {**SQLITE_OPTIONS, **_db.get("OPTIONS", {})}
_db.setdefault("ATOMIC_REQUESTS", False)
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and security ------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "plans:home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600

# Login throttling: 5 failures per username and address lock for 30 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 12 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if HTTPS:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content Security Policy: everything is served from this host; no inline scripts or styles.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# --- Background tasks (imports, retraining): Django's tasks framework, stored in the database.
# `make run` starts one worker (`wpsnap db_worker`) beside the web server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Uploads --------------------------------------------------------------------------------
MEDIA_ROOT = VAR_DIR / "media"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
WPSNAP_IMPORT_MAX_BYTES = int(os.environ.get("WPSNAP_IMPORT_MAX_BYTES", 200 * 1024 * 1024))

# --- Audit trail ----------------------------------------------------------------------------
AUDITLOG_DISABLE_REMOTE_ADDR = True  # an address can identify a participant; keep none
AUDITLOG_INCLUDE_ALL_MODELS = False

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("km", _("Khmer"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Phnom_Penh"

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(VAR_DIR / "media")}},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- E-mail ---------------------------------------------------------------------------------
# WPSNAP_EMAIL_URL = smtp://user:password@host:587 (STARTTLS) or smtps://…:465 (TLS).
if os.environ.get("WPSNAP_EMAIL_URL"):
    _email = urlparse(os.environ["WPSNAP_EMAIL_URL"])
    MAILERS = {"default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": _email.hostname or "localhost",
            "port": _email.port or (465 if _email.scheme == "smtps" else 587),
            "username": _email.username or "",
            "password": _email.password or "",
            "use_tls": _email.scheme == "smtp",
            "use_ssl": _email.scheme == "smtps",
        },
    }}
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("WPSNAP_DEFAULT_FROM_EMAIL", "wpsnap <noreply@localhost>")

# --- Logging: no request bodies, no query strings, no personal data -------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("WPSNAP_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
    },
}
