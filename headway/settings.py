"""One settings module, configured from the environment.

Every setting that differs between a laptop and a production install is read from an
environment variable through the strict helpers below: a malformed value stops start-up with
a message naming the variable, instead of silently falling back to a default.
"""

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from headway.kit.methods import discover as discover_method_apps

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("HEADWAY_VAR_DIR") or BASE_DIR / "var")


def env_str(name: str, default: str) -> str:
    return os.environ.get(name) or default


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if not raw:
        return default
    return [part.strip() for part in raw.split(",") if part.strip()]


DEBUG = env_bool("HEADWAY_DEBUG", False)
TESTING = env_bool("HEADWAY_TESTING", False)

_secret = os.environ.get("SECRET_KEY")
if not _secret:
    # A self-hosted install must not share a key with every other install: keep one per data
    # folder, created on first start.
    key_file = VAR_DIR / "secret_key"
    if key_file.exists():
        _secret = key_file.read_text().strip()
    else:
        from django.core.management.utils import get_random_secret_key

        VAR_DIR.mkdir(parents=True, exist_ok=True)
        _secret = get_random_secret_key()
        key_file.write_text(_secret)
        key_file.chmod(0o600)
SECRET_KEY = _secret

# --- The public address, HTTPS and the reverse proxy (docs/operations.md) ----------------------
# HEADWAY_BASE_URL is the address people open (links in e-mails, the calendar feed). Its host is
# allowed and its origin trusted for form POSTs; when it is https://, cookies travel over HTTPS
# only, and — once the app can tell an HTTPS request from a plain one (SECURE_PROXY_SSL_HEADER,
# set by a TLS-terminating proxy) — plain-HTTP requests are redirected to HTTPS.
HEADWAY_BASE_URL = env_str("HEADWAY_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
_base_url = urlsplit(HEADWAY_BASE_URL)
if _base_url.scheme not in {"http", "https"} or not _base_url.hostname:
    raise ImproperlyConfigured(
        "HEADWAY_BASE_URL must be the address people open, e.g. https://crm.example.com, "
        f"not {HEADWAY_BASE_URL!r}."
    )
HTTPS = _base_url.scheme == "https"
_base_host = f"[{_base_url.hostname}]" if ":" in _base_url.hostname else _base_url.hostname


def env_proxy_ssl_header(name: str) -> tuple[str, str] | None:
    """``X-Forwarded-Proto`` or ``X-Forwarded-Proto: https`` → Django's
    ``("HTTP_X_FORWARDED_PROTO", "https")``: the header the proxy sets on HTTPS requests."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    header, _, value = raw.partition(":")
    header, value = header.strip(), value.strip() or "https"
    if not header or not all(c.isalnum() or c == "-" for c in header):
        raise ImproperlyConfigured(
            f"{name} must name the header your proxy sets on HTTPS requests, e.g. "
            f"X-Forwarded-Proto or 'X-Forwarded-Proto: https', not {raw!r}."
        )
    return "HTTP_" + header.upper().replace("-", "_"), value


ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", list(dict.fromkeys(["localhost", "127.0.0.1", "[::1]", _base_host]))
)
CSRF_TRUSTED_ORIGINS = list(
    dict.fromkeys(
        [*env_list("CSRF_TRUSTED_ORIGINS", []), f"{_base_url.scheme}://{_base_url.netloc}"]
    )
)
SECURE_PROXY_SSL_HEADER = env_proxy_ssl_header("SECURE_PROXY_SSL_HEADER")
# Behind a proxy that passes the original Host as X-Forwarded-Host instead of Host.
USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS and SECURE_PROXY_SSL_HEADER is not None)
# Health checks (a load balancer's, `headway serve`'s) may come over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# HSTS is opt-in: browsers remember it for SECURE_HSTS_SECONDS, whatever the server says later.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", env_bool("HEADWAY_SECURE_COOKIES", HTTPS))
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", SESSION_COOKIE_SECURE)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "allauth",
    "allauth.account",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "csp",
    # django-ninja's bundled Swagger UI (templates + static files): the API docs page loads
    # nothing from a CDN and has no inline script, so it works under our CSP.
    "ninja",
    "headway",
    "headway.workspaces",
    "headway.crm",
    "headway.agenda",
    "headway.transfer",
    # Every folder of headway/methods/ with an apps.py (its MethodApp declaration).
    *discover_method_apps(),
    "headway.api",
    "headway.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages and API answers compressed (static files are WhiteNoise's, pre-compressed, above).
    # BREACH: Django masks the CSRF token anew on every response and pads each gzip stream
    # with random bytes, so a compressed page does not leak its secrets by its length.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "headway.workspaces.middleware.WorkspaceMiddleware",
    "headway.workspaces.middleware.UserTimezoneMiddleware",
    "headway.web.errors.DomainErrorMiddleware",
]

ROOT_URLCONF = "headway.urls"
WSGI_APPLICATION = "headway.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Searched before the apps' folders, so web/templates/allauth/… overrides allauth's own
        # templates (allauth comes before headway.web in INSTALLED_APPS).
        "DIRS": [BASE_DIR / "headway" / "web" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "headway.workspaces.context_processors.workspace",
                "headway.web.context_processors.navigation",
            ],
        },
    }
]

# Every form field through one template (headway/web/templates/web/components/field.html).
FORM_RENDERER = "headway.web.forms.FormRenderer"

_default_db = f"sqlite:///{VAR_DIR / 'headway.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or _default_db, conn_max_age=env_int("DB_CONN_MAX_AGE", 60)
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the worker write while the web server reads; IMMEDIATE avoids
        # "database is locked" on upgrade from a read to a write transaction.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "workspaces.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Argon2 is deliberately slow; tests create hundreds of users.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "account_login"

# django-allauth: sign in with e-mail, no open sign-up (people join a workspace by invitation).
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "headway.workspaces.adapter.AccountAdapter"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Headway] "
# Login throttling: after 5 failed attempts for one account (or 20 from one address) in
# 5 minutes, sign-in is refused with a message until the window passes.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "20/5m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
}
# Wrong API tokens: after this many from one client address in a minute, that address gets 429
# (with Retry-After) for a minute, whatever token it sends (headway.api.throttle); 0: no limit.
HEADWAY_API_TOKEN_FAILURES_PER_MINUTE = env_int("HEADWAY_API_TOKEN_FAILURES_PER_MINUTE", 20)
# The client address those per-address limits count (both the sign-in's and the API's). Behind
# a reverse proxy every request comes from the proxy's address: name the header your proxy sets
# to the client's (e.g. X-Real-IP), or say how many proxies of yours append to X-Forwarded-For
# (the client's address is then that many entries from the end). Neither: the connection's
# address. A header is trusted only if your proxy always sets it (overwriting the client's).
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = os.environ.get("HEADWAY_CLIENT_IP_HEADER") or None
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("HEADWAY_TRUSTED_PROXY_COUNT", 0)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if TESTING or DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"
if TESTING:
    # Uploaded files from tests never land in a real data folder.
    import tempfile

    MEDIA_ROOT = Path(tempfile.gettempdir()) / "headway-test-media"
# Uploads are bounded: larger request bodies are refused before they reach a view.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)  # STARTTLS, usually port 587
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)  # TLS from the start, usually port 465
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set EMAIL_USE_TLS (port 587) or EMAIL_USE_SSL (465), not both.")
# Seconds before a mail server that does not answer fails the send (instead of hanging the
# worker that sends the digests).
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Headway <headway@localhost>")

TASKS = {
    "default": {
        "BACKEND": env_str(
            "HEADWAY_TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend",
        )
    }
}

# --- The cache all processes share ---------------------------------------------------------
# It holds the sign-in and API-token throttling counters, so it must be one for every web
# worker (`headway serve` runs several): the database's own table by default (created by
# `migrate`, headway.apps), Redis when CACHE_URL or REDIS_URL points to one (needs the redis
# package: pip install 'headway[redis]'). locmem:// is per process: a single-process dev server
# only. Tests always use the database cache: its rows roll back with each test.
DATABASE_CACHE = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "headway_cache",
    # Culling (a third of the rows when full) would drop throttling counters: keep room.
    "OPTIONS": {"MAX_ENTRIES": 100_000, "CULL_FREQUENCY": 10},
}


def cache_from_env(environ: Mapping[str, str]) -> dict[str, Any]:
    """The default cache from CACHE_URL, else REDIS_URL, else the database cache."""
    name = "CACHE_URL" if environ.get("CACHE_URL") else "REDIS_URL"
    url = (environ.get(name) or "").strip()
    if not url:
        return DATABASE_CACHE
    scheme = url.partition("://")[0].lower()
    if scheme in {"redis", "rediss", "unix"}:
        try:
            import redis  # noqa: F401 - Django's RedisCache needs the client package
        except ImportError:
            raise ImproperlyConfigured(
                f"{name} points to Redis, but the redis package is not installed: "
                f"pip install 'headway[redis]' (or redis), or unset {name} for the database "
                "cache."
            ) from None
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "headway",
        }
    if scheme in {"db", "database"}:
        return DATABASE_CACHE
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    raise ImproperlyConfigured(
        f"{name} must be redis://…, rediss://…, unix://… (Redis), db:// (the database) or "
        f"locmem:// (one process only), not {url!r}."
    )


CACHES = {"default": DATABASE_CACHE if TESTING else cache_from_env(os.environ)}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "headway": {"handlers": ["console"], "level": "INFO"},
    },
}

# Headway's own knobs.
# Who may create further workspaces on the web (the first one comes from `headway setup`, and
# the command line can always add one): "admins" — an admin of any workspace; "anyone" — every
# signed-in person; "nobody" — only `headway setup --add-workspace`.
HEADWAY_WORKSPACE_CREATORS = env_str("HEADWAY_WORKSPACE_CREATORS", "admins")
if HEADWAY_WORKSPACE_CREATORS not in {"admins", "anyone", "nobody"}:
    raise ImproperlyConfigured(
        "HEADWAY_WORKSPACE_CREATORS must be admins, anyone or nobody, not "
        f"{HEADWAY_WORKSPACE_CREATORS!r}."
    )
HEADWAY_PAGE_SIZE = 25
HEADWAY_DEFAULT_CADENCE_DAYS = 30
# Functions the `headway worker` calls every N seconds: (dotted path, seconds).
HEADWAY_PERIODIC_TASKS = [
    ("headway.agenda.tasks.enqueue_due_digests", 60),
    # The stored agenda follows every write; this re-derives it and repairs (and logs) drift.
    ("headway.agenda.sync.repair", 3600),
    ("headway.crm.search.refresh_planner_statistics", 6 * 3600),
]
# The main menu's core entries: (label, URL name). Each method app's entry follows, from its
# declaration (headway.kit.methods.MethodApp.nav).
HEADWAY_NAV = [
    ("Agenda", "agenda:home"),
    ("Accounts", "crm:account_list"),
    ("Contacts", "crm:contact_list"),
    ("Deals", "crm:deal_list"),
    ("Interactions", "crm:interaction_list"),
    ("Actions", "crm:action_list"),
]
