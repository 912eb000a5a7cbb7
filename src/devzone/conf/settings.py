"""Settings for devzone, read from the environment.

Everything an operator changes is an environment variable (see docs/configuration.md):
``DATABASE_URL``, ``SECRET_KEY``, ``ALLOWED_HOSTS``, ``DEVZONE_LANGUAGE``, ``DEBUG``,
``DEVZONE_DATA_DIR``. Without them devzone runs on an embedded SQLite database in ``./var``.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from devzone.core.paths import data_dir

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = data_dir()


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: str) -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


DEBUG = _env_bool("DEBUG", False)
_INSECURE_KEY = "devzone-insecure-development-key-change-me-in-production-0123456789"
SECRET_KEY = os.environ.get("SECRET_KEY") or _INSECURE_KEY
ALLOWED_HOSTS = _env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = _env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # ninja serves the API docs (swagger-ui) from its own static files, not from a CDN.
    "ninja",
    "devzone.core",
    "devzone.accounts",
    "devzone.regions",
    "devzone.enterprises",
    "devzone.projects",
    "devzone.dataio",
    "devzone.targets",
    "devzone.chains",
    "devzone.leads",
    "devzone.indicators",
    "devzone.texts",
    "devzone.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "devzone.core.middleware.RequestIdMiddleware",
]

ROOT_URLCONF = "devzone.conf.urls"
WSGI_APPLICATION = "devzone.conf.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

_DEFAULT_DB = f"sqlite:///{DATA_DIR / 'devzone.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL") or _DEFAULT_DB)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = os.environ.get("DEVZONE_LANGUAGE", "zh-hans")
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
# The site's own stylesheet and scripts (src/devzone/static) are not in an app's static dir.
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
# Serve static files straight from the package (no collectstatic step for an offline install).
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# WhiteNoise warns about a missing STATIC_ROOT even when it serves from the finders.
with contextlib.suppress(OSError):
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# Safety: sessions expire, cookies are protected, browsers are told to be strict.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 8 * 3600))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SESSION_COOKIE_SECURE = _env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGIN_THROTTLE_ATTEMPTS = int(os.environ.get("LOGIN_THROTTLE_ATTEMPTS", 5))
LOGIN_THROTTLE_WINDOW = int(os.environ.get("LOGIN_THROTTLE_WINDOW", 15 * 60))
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Failed logins are counted across the server's worker processes (a per-process count
    # would let each worker take its own five guesses): files in the data directory.
    "throttle": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache" / "throttle"),
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# A project is "stalled" when it is under construction and no report shows progress for
# this many months (DESIGN.md: "no report or no progress for N months").
DEVZONE_STALLED_MONTHS = int(os.environ.get("DEVZONE_STALLED_MONTHS", 3))
# Pin "today" for status, overdue and time progress (see devzone.core.clock); empty = real today.
# `devzone demo` leaves its day in the data directory, so that every command and server on the
# demo database shows it as of that day (delete the file, or set the variable, to change it).
DEMO_AS_OF_FILE = DATA_DIR / "demo-as-of"
DEVZONE_AS_OF = os.environ.get("DEVZONE_AS_OF") or (
    DEMO_AS_OF_FILE.read_text(encoding="utf-8").strip() if DEMO_AS_OF_FILE.is_file() else None
)
# The largest project document accepted for upload, in bytes.
DEVZONE_DOCUMENT_MAX_BYTES = int(os.environ.get("DEVZONE_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024))
# A TrueType CJK font to embed in PDF briefings; empty = look for Debian's fonts-wqy-microhei.
DEVZONE_CJK_FONT = os.environ.get("DEVZONE_CJK_FONT", "")
