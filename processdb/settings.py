"""Settings of the Prozessdatenbank.

One module, configured from the environment only (see .env.example). Defaults are
safe for production: DEBUG is off and a secret key must be given. `make run` sets
DEBUG=1 for the local demo.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from processdb import sso_settings

BASE_DIR = Path(__file__).resolve().parent.parent
# templates/, static/, locale/, packs/ and the KERN assets: at the top of a checkout, or in processdb/site/
# when installed from the wheel (setup.py copies them there at build time).
SITE_DIR = Path(__file__).resolve().parent / "site"
if SITE_DIR.is_dir():
    KERN_DIR = SITE_DIR / "kern"
else:
    SITE_DIR = BASE_DIR
    KERN_DIR = BASE_DIR / "node_modules" / "@kern-ux" / "native" / "dist"
# The content packs of the demo departments (processdb/demo).
PACKS_DIR = SITE_DIR / "packs"


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


DEBUG = env_bool("DEBUG", False)

# Without DJANGO_SECRET_KEY and DEBUG off the key stays empty: commands that sign nothing
# (check, makemigrations) still run, Django refuses anything that would sign with it, and the
# server refuses to start (processdb/wsgi.py).
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "insecure-development-key-only-used-with-DEBUG"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Ours, from the top down: an app imports only the apps listed below it (ARCHITECTURE.md).
    "processdb",
    "search",
    "notifications",
    "public",
    "departments",
    "onboarding",
    "lawchanges",
    "knowledge",
    "documents",
    "processes",
    "law",
    "core",
    "mptt",
    "csp",
    "axes",
    # Background tasks (notification e-mails): Django's tasks framework, its database backend.
    "django_tasks",
    "django_tasks_db",
    # Full-text and trigram lookups on PostgreSQL; inert on SQLite.
    "django.contrib.postgres",
    # django.contrib.admin with the project's admin site (titles, people by full name).
    "processdb.apps.ProcessdbAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # /healthz is answered here, without the middleware below (processdb/middleware.py).
    "processdb.middleware.HealthCheckMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # No control characters (NUL …) in query parameters and form fields reach a view.
    "processdb.middleware.InputCleaningMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, with the user and permissions cached per content version (processdb/auth.py).
    "processdb.auth.AuthenticationMiddleware",
    # Events recorded by services during a request carry its user's address.
    "processdb.audit.AuditRequestMiddleware",
    # Everything needs a login unless a view is marked @login_not_required.
    "processdb.middleware.LoginRequiredMiddleware",
    "processdb.middleware.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Sessions from the city's directory or identity provider are checked there again at an
    # interval (processdb/ldap.py, processdb/oidc.py); both do nothing while none is configured.
    "processdb.middleware.DirectoryRecheckMiddleware",
    "processdb.oidc.SessionCheckMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: counts failed logins and locks out (django-axes).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "processdb.urls"
WSGI_APPLICATION = "processdb.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "processdb.context_processors.site",
            ],
        },
    },
]

# Database: SQLite is the embedded default, DATABASE_URL selects PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# The password apart from the URL, so it may hold any character without URL-encoding (docker
# compose passes POSTGRES_PASSWORD this way). Empty means: take the one in DATABASE_URL.
if os.environ.get("DATABASE_PASSWORD"):
    DATABASES["default"]["PASSWORD"] = os.environ["DATABASE_PASSWORD"]
# A database that does not answer gives 503 pages within seconds instead of hanging workers
# until gunicorn kills them after 30 s (processdb/dbtimeouts.py). In seconds, 0 switches off:
# connecting gives up after DATABASE_CONNECT_TIMEOUT (libpq rounds 1 up to 2); a statement of a
# request is ended by PostgreSQL after DATABASE_STATEMENT_TIMEOUT and given up by the app 2 s
# later if the server is frozen. Management commands (migrate, backup, …) have no statement limit.
DATABASE_CONNECT_TIMEOUT = env_int("DATABASE_CONNECT_TIMEOUT", 3)
DATABASE_STATEMENT_TIMEOUT = env_int("DATABASE_STATEMENT_TIMEOUT", 10)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend plus those time limits (processdb/postgresql/base.py).
    DATABASES["default"]["ENGINE"] = "processdb.postgresql"
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # Several gunicorn workers share one file: WAL lets readers run beside a
            # writer, IMMEDIATE transactions avoid lock upgrades failing mid-transaction.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            # How long a write waits for another one's lock before "database is locked" (503).
            "timeout": env_int("DATABASE_BUSY_TIMEOUT", 5),
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend with the permissions in one query instead of two (every page checks one).
    "processdb.auth.PermissionBackend",
]
# Feedback („Hinweis geben“): at most this many per person and hour (notifications.services).
PROCESSDB_FEEDBACK_PER_HOUR = env_int("PROCESSDB_FEEDBACK_PER_HOUR", 10)
# The hour (local time) of the daily digest e-mails and, on Mondays, of the owners' list of due reviews.
PROCESSDB_DIGEST_HOUR = min(max(env_int("PROCESSDB_DIGEST_HOUR", 7), 0), 23)

# Notification e-mails, sent in the background by `manage.py db_worker` (notifications.delivery).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# `make run` (DEBUG, no EMAIL_HOST) prints the e-mails in the worker's output instead of sending them.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG and not os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "prozessdatenbank@localhost")
# The address of the application in links of e-mails.
PROCESSDB_SITE_URL = os.environ.get("PROCESSDB_SITE_URL", "http://127.0.0.1:8000")

# Login with the city's account: LDAP / Active Directory and OpenID Connect, each when configured
# (processdb/sso_settings.py, README "Login with the city's account"). Local passwords stay for a
# break-glass administrator: PROCESSDB_LOCAL_LOGIN = all | superusers | off.
PROCESSDB_LOCAL_LOGIN = sso_settings.local_login(os.environ)
PROCESSDB_DIRECTORY_GROUPS = sso_settings.group_map(os.environ.get("PROCESSDB_DIRECTORY_GROUPS", ""))
AUTHENTICATION_BACKENDS += sso_settings.backends(os.environ)
OIDC_RP_CLIENT_ID = ""  # no provider: the login page offers no city account
globals().update(sso_settings.oidc(os.environ))
globals().update(sso_settings.ldap(os.environ))

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# German UI. Our own strings are English msgids with German translations in locale/.
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German"))]
LOCALE_PATHS = [SITE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
# URLs typed without a scheme are taken as https (the default of Django 6; silences its warning).
FORMS_URLFIELD_ASSUME_HTTPS = True

STATIC_URL = "/static/"
# Where collectstatic puts the files whitenoise serves; set it when installed from the wheel.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [
    SITE_DIR / "static",
    # The KERN design system comes from npm (node_modules is git-ignored).
    ("kern", KERN_DIR),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# Product settings
PROCESSDB_ORGANISATION = os.environ.get(
    "PROCESSDB_ORGANISATION", "Stadt Pforzheim · Amt für öffentliche Ordnung"
)
PROCESSDB_DEPARTMENT = os.environ.get("PROCESSDB_DEPARTMENT", "Ausländerbehörde")
# Where the public pages link their accessibility statement: this installation's, or the city website's.
PROCESSDB_PUBLIC_ACCESSIBILITY_URL = os.environ.get("PROCESSDB_PUBLIC_ACCESSIBILITY_URL", "/barrierefreiheit/")
PROCESSDB_ACCESSIBILITY_CONTACT = os.environ.get("PROCESSDB_ACCESSIBILITY_CONTACT", "barrierefreiheit@example.org")
PROCESSDB_ACCESSIBILITY_ENFORCEMENT_URL = os.environ.get(
    "PROCESSDB_ACCESSIBILITY_ENFORCEMENT_URL",
    "",
)

# Shared page fragments (core.caching) live in each worker's memory; older content versions
# simply age out. About 30 KB per process page, so 2,000 entries stay under ~60 MB per worker.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": env_int("PROCESSDB_CACHE_ENTRIES", 2000)},
    }
}
PROCESSDB_FRAGMENT_CACHE = env_bool("PROCESSDB_FRAGMENT_CACHE", True)

# Four-eyes principle for articles: may the author of a revision release it themselves?
KNOWLEDGE_ALLOW_SELF_RELEASE = env_bool("KNOWLEDGE_ALLOW_SELF_RELEASE", False)

# Documents (Vorlagen, Formulare, Merkblätter): largest upload accepted.
DOCUMENTS_MAX_UPLOAD_BYTES = env_int("DOCUMENTS_MAX_UPLOAD_MB", 20) * 1024 * 1024

# ---------------------------------------------------------------------------
# Security. Safe by default when DEBUG is off; DJANGO_HTTPS=0 only for a local
# production-like run on plain HTTP (benchmarks), never on a server.
# ---------------------------------------------------------------------------
HTTPS = env_bool("DJANGO_HTTPS", not DEBUG)
if env_bool("DJANGO_BEHIND_PROXY", True):
    # The reverse proxy terminates TLS and says so in this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31_536_000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "processdb.errors.csrf_failure"
# Sessions live in the database; their row brings the content version along (processdb/sessions.py).
SESSION_ENGINE = "processdb.sessions"
# Sessions end after this much inactivity (PrivatePagesMiddleware renews them while in use).
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 60) * 60

# No inline script or style in our pages; KERN's icons are data: URIs in its CSS.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        # The logout form's answer leads to the identity provider's logout (processdb/oidc.py).
        "form-action": ["'self'", *sso_settings.form_action(os.environ)],
    }
}

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failures for the same user name
# from the same address the login is locked until the cool-off ends or an admin unlocks it
# (admin „Access attempts“ or `manage.py axes_reset_username <name>`).
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("LOGIN_LOCKOUT_MINUTES", 30) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_IPWARE_PROXY_COUNT = env_int("DJANGO_PROXY_COUNT", 0) or None
AXES_VERBOSE = False

# Audit events and login records hold names and IP addresses: `manage.py audit_prune` deletes
# what is older than this (run it daily).
AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 365)
