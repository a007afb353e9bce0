"""Settings shared by every environment. Only ``production.py`` tightens them."""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.utils.translation import gettext_lazy as _

from integriteit.settings.env import env_bool, env_int, env_list, env_str

# Lets runtime code subscript generic Django classes (ModelChoiceField[Organisatie]).
django_stubs_ext.monkeypatch()

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PACKAGE_DIR.parent
VAR_DIR = Path(env_str("INTEGRITEIT_VAR_DIR", str(BASE_DIR / "var")))


def _secret_key() -> str:
    """``SECRET_KEY`` from the environment, else one generated once into ``var/``."""
    key = env_str("SECRET_KEY")
    if key:
        return key
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "integriteit.common",
    "integriteit.organisaties",
    "integriteit.accounts",
    "integriteit.normenkader",
    "integriteit.medewerkersonderzoek",
    "integriteit.taken",
    "integriteit.kluis",
    "integriteit.meldingen",
    "integriteit.onderzoeken",
    "integriteit.vertrouwenspersonen",
    "integriteit.risicos",
    "integriteit.beleid",
    "integriteit.rapportages",
    "integriteit.api",
    "rest_framework",
    "drf_spectacular",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "integriteit.meldingen.sessie_middleware.GesplitsteSessieMiddleware",
    "integriteit.common.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "integriteit.accounts.middleware.SessionLifetimeMiddleware",
    "integriteit.kluis.sessie.KluisCookieMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "integriteit.urls"
# Django's database sessions, except that a database outage is a 503, not a 400 (ADR 0022).
SESSION_ENGINE = "integriteit.common.sessies"
WSGI_APPLICATION = "integriteit.wsgi.application"

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
                "integriteit.common.context_processors.navigation",
            ],
        },
    },
]

# Databases: the embedded SQLite under var/ unless DATABASE_URL names another database.
DATABASE_URL = env_str("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "integriteit.sqlite3"),
            # IMMEDIATE transactions take the write lock at BEGIN, so two writers can
            # never both read the same audit-chain head (see ADR 0004).
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.Gebruiker"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Account protection (ADR 0003).
LOCKOUT_THRESHOLD = env_int("LOCKOUT_THRESHOLD", 5)
LOCKOUT_MINUTES = env_int("LOCKOUT_MINUTES", 30)
SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_SECONDS", 10 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_IDLE_SECONDS
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "integriteit")
# django-otp's own back-off would reject a *correct* code typed within seconds of a wrong one,
# which our lockout would then count as a failure; the lockout alone limits guessing.
OTP_TOTP_THROTTLE_FACTOR = 0

# Internationalisation: Dutch source strings, English catalogue (ADR 0002).
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    PACKAGE_DIR / "static",
    ("vendor/rhc-css", BASE_DIR / "node_modules/@rijkshuisstijl-community/components-css/dist"),
    ("vendor/rhc-tokens", BASE_DIR / "node_modules/@rijkshuisstijl-community/design-tokens/dist"),
    ("vendor/htmx", BASE_DIR / "node_modules/htmx.org/dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"

# A strict Content-Security-Policy: nothing inline, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Background jobs (ADR 0009): "thread" runs them in this process (the embedded default),
# "celery" hands them to Celery workers over Redis (production), "direct" runs them at once.
TAKEN_UITVOERING = env_str("TAKEN_UITVOERING", "thread")
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", env_str("REDIS_URL", "redis://127.0.0.1:6379/0"))
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]

# The vault (ADR 0010): Argon2id cost of wrapping private keys and of receipt codes.
# libsodium's "moderate" (3 passes, 256 MiB) unless set; raise it, never lower it in production.
KLUIS_ARGON2_OPS = env_int("KLUIS_ARGON2_OPS", 3)
KLUIS_ARGON2_MEM = env_int("KLUIS_ARGON2_MEM", 256 * 1024 * 1024)

# The REST API (ADR 0017): Bearer tokens only (no session authentication), JSON only (no
# browsable API: it would need inline scripts), Dutch errors in one shape, and rate limits
# per token user. Throttle counters live in Django's cache: in production that must be a
# cache shared by every process (Redis), or each process counts on its own.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["integriteit.api.authentication.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["integriteit.api.permissions.HeeftCapability"],
    "DEFAULT_THROTTLE_CLASSES": ["integriteit.api.throttling.TokenGebruikerThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "api_lezen": env_str("API_RATE_LEZEN", "600/min"),
        "api_schrijven": env_str("API_RATE_SCHRIJVEN", "60/min"),
    },
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "integriteit.api.exceptions.api_exception_handler",
    "UNAUTHENTICATED_USER": None,
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Integriteit — REST-API",
    "DESCRIPTION": (
        "Lezen van beoordelingen, heatmap, enquête-uitkomsten (onderdrukt) en statistiek van "
        "meldingen; schrijven van oordelen en importeren van enquête-antwoorden. "
        "Authenticatie: Authorization: Bearer <token> (maak een token op /api/tokens/)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "integriteit@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # No request line of the anonymous report paths (/melden/) in any log (issue 5): the
    # filter sits on the console handler and on the two request loggers themselves (the
    # latter also feed Django's own handlers and the admin mails).
    "filters": {"melden_anoniem": {"()": "integriteit.meldingen.logging.AnoniemePadenFilter"}},
    # "tekst" for a person at a terminal; "json" (production's default) for a log shipper:
    # one line per event, without personal data (integriteit/common/logging.py, ADR 0019).
    "formatters": {
        "tekst": {"format": "%(message)s"},
        "json": {"()": "integriteit.common.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["melden_anoniem"],
            "formatter": env_str("LOG_FORMAT", "tekst"),
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint reports every rendering step at INFO; only its warnings are of use.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "django.server": {
            "handlers": ["console"],
            "level": "INFO",
            "propagate": False,
            "filters": ["melden_anoniem"],
        },
        "django.request": {"filters": ["melden_anoniem"]},
        "integriteit.verzoek": {"level": "INFO"},
    },
}
