"""Django settings for Synovia, read from the environment through ``synovia.config``.

Production-shaped by default: DEBUG is off unless ``DEBUG=1``. Variables (docs/deployment.md):
DEBUG, SYNOVIA_HTTPS (production behind HTTPS: redirect, HSTS, secure cookies, SECRET_KEY and
ALLOWED_HOSTS required), SYNOVIA_BEHIND_PROXY, SECRET_KEY (else a random key generated once
into var/secret_key), ALLOWED_HOSTS (comma separated), DATABASE_URL (default: SQLite under var/),
DATABASE_CONNECT_TIMEOUT, EMAIL_BACKEND (default: files under var/mail), DEFAULT_FROM_EMAIL,
SYNOVIA_SESSION_IDLE_MINUTES, SYNOVIA_LOGIN_FAILURE_LIMIT, SYNOVIA_LOCKOUT_MINUTES,
SYNOVIA_VAR_DIR, SYNOVIA_FUTURE_DATE_MARGIN_DAYS, SYNOVIA_SITE_URL, SYNOVIA_REPORT_CACHE, LOG_LEVEL.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import django_stubs_ext
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from synovia import config

# Generic admin, form and queryset classes (ModelAdmin[Patient]) at run time, as the types say.
django_stubs_ext.monkeypatch()

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent
VAR_DIR = Path(config.env_str("SYNOVIA_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = config.env_bool("DEBUG", default=False)
# Production: served over HTTPS by a real server. Off for the local demo on http://127.0.0.1.
HTTPS = config.env_bool("SYNOVIA_HTTPS", default=False)
SECRET_KEY = config.secret_key(None if HTTPS else VAR_DIR / "secret_key")
ALLOWED_HOSTS = config.env_list("ALLOWED_HOSTS", [] if HTTPS else ["127.0.0.1", "localhost", "[::1]"])
if HTTPS and not ALLOWED_HOSTS:
    raise config.ConfigError("ALLOWED_HOSTS must be set in production (SYNOVIA_HTTPS=1)")

INSTALLED_APPS = [
    # Synovia's own templates (login, password pages) come before the admin's.
    "synovia.web",
    "synovia.accounts",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "simple_history",
    "ninja",
    "axes",
    "csp",
    "synovia.clinic",
    "synovia.access",
    "synovia.trials",
    "synovia.community",
    "synovia.api",
    "synovia.learn",
    "synovia.research",
    "synovia.selfcheck",
    "synovia.interop",
    "synovia.myrecord",
]

MIDDLEWARE = [
    # Outermost, so that even an error page made by an inner middleware (the session saved
    # while the database is down) carries no-store and the security headers.
    "synovia.web.security.no_store",
    "synovia.api.errors.ErrorBodyMiddleware",  # the API's one error body, whoever refused
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "synovia.web.middleware.RejectNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "synovia.web.sessions.renew_sessions",  # the idle timeout's renewal, at most once a minute
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "synovia.access.door.ChannelMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "synovia.urls"
WSGI_APPLICATION = "synovia.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "synovia.web.context.synovia",
            ],
        },
    },
]

# Django's form templates, the most used written in Python (synovia/web/renderer.py: the
# same markup; a form of 53 fields spent more in its field templates than in the rest).
FORM_RENDERER = "synovia.web.renderer.Renderer"

DATABASES = {
    "default": dj_database_url.parse(
        config.database_url(str(BASE_DIR)), conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # An unreachable server answers the 503 page within seconds instead of hanging the worker.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", config.env_int("DATABASE_CONNECT_TIMEOUT", 3, low=1, high=60)
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# django-axes first: it refuses a locked-out username before any password is checked.
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
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS: list[Path] = []  # each app keeps its own locale/ folder
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise serves it (after collectstatic) and the finders
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Mail is written to files under var/mail, never to the console (which is the server log).
EMAIL_BACKEND = config.env_str("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = config.env_str("DEFAULT_FROM_EMAIL", "synovia@localhost")
# The address e-mails link to (a chart link, never a patient's name): SYNOVIA_SITE_URL.
SYNOVIA_SITE_URL = config.env_str("SYNOVIA_SITE_URL", "http://127.0.0.1:8000")

# Error pages: branded, translated, and a 503 (never a traceback) while the database is down.
DATABASE_RETRY_AFTER_SECONDS = 30
CSRF_FAILURE_VIEW = "synovia.web.errors.csrf_failure"

# Security headers. Every response but a static file (every page, API answer, export and error
# page) carries Cache-Control: no-store (synovia.web.security.no_store).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
# Behind one reverse proxy that sets X-Forwarded-Proto and X-Forwarded-For (docs/deployment.md).
BEHIND_PROXY = config.env_bool("SYNOVIA_BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
    }
}

# Idle timeout: a session ends after this many minutes without a request (a request renews
# it; the renewal is written at most once a minute, synovia/web/sessions.py, instead of an
# UPDATE and a commit per page view). Applies to every account; staff are the ones it matters for.
SESSION_IDLE_MINUTES = config.env_int("SYNOVIA_SESSION_IDLE_MINUTES", 30, low=1, high=24 * 60)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = False

# Login throttling (django-axes) on the site and the admin login: after this many failures
# for one username, or from one client address, that username or address is refused for the
# cool-off time, even with the right password.
AXES_FAILURE_LIMIT = config.env_int("SYNOVIA_LOGIN_FAILURE_LIMIT", 5, low=1, high=100)
AXES_COOLOFF_TIME = timedelta(minutes=config.env_int("SYNOVIA_LOCKOUT_MINUTES", 15, low=1, high=24 * 60))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "synovia.web.errors.login_locked_out"
AXES_CLIENT_IP_CALLABLE = "synovia.web.security.client_address"
AXES_VERBOSE = False

# Logs never carry patient identifiers: only ids of rows and request paths without PHI.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # django-axes names the username in its log lines; its records stay in the database.
    "loggers": {"axes": {"level": "ERROR"}},
}

SIMPLE_HISTORY_HISTORY_ID_USE_UUID = False

# Clinical dates may lie at most this many days after today (time zones; synovia.core.bounds).
SYNOVIA_FUTURE_DATE_MARGIN_DAYS = config.env_int("SYNOVIA_FUTURE_DATE_MARGIN_DAYS", 1, low=0, high=31)

# API: requests per minute per token (synovia.api.auth; 429 with Retry-After beyond it).
SYNOVIA_API_RATE = config.env_int("SYNOVIA_API_RATE", 600, low=1, high=1_000_000)
# Outcomes-report data sets kept per process, keyed by the registry's change log (0: none kept;
# the whole research cohort of 100,000 patients is about 50 MB).
SYNOVIA_REPORT_CACHE = config.env_int("SYNOVIA_REPORT_CACHE", 2, low=0, high=16)
