"""Production: the same settings, tightened. Every value still comes from the environment."""

import copy
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from integriteit.settings.base import *  # noqa: F403
from integriteit.settings.base import DATABASES, LOGGING, MIDDLEWARE
from integriteit.settings.env import env_bool, env_int, env_str

DEBUG = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
TAKEN_UITVOERING = env_str("TAKEN_UITVOERING", "celery")

# --- operations (issue 8, ADR 0019, docs/deploy.md) ------------------------------------------
# Several app processes share one database, one key and one cache: nothing may be per-host.
if not env_str("DATABASE_URL").startswith(("postgres://", "postgresql://")):
    raise ImproperlyConfigured("Productie vraagt PostgreSQL: zet DATABASE_URL=postgres://…")
if not env_str("SECRET_KEY"):
    raise ImproperlyConfigured(
        "Productie vraagt SECRET_KEY (of SECRET_KEY_FILE), gelijk op elke host."
    )
DATABASES = copy.deepcopy(DATABASES)
DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# The API's rate limits (throttling) must hold across processes: Redis, not local memory.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env_str("CACHE_URL", env_str("REDIS_URL", "redis://127.0.0.1:6379/1")),
        "KEY_PREFIX": "integriteit",
    }
}
# The orchestrator probes over plain HTTP inside the cluster; no redirect to HTTPS for those.
SECURE_REDIRECT_EXEMPT = [r"^gezond/$", r"^gereed/$"]
# One JSON line per event and per request, without personal data.
MIDDLEWARE = ["integriteit.common.logging.VerzoekLogMiddleware", *MIDDLEWARE]
LOGGING = copy.deepcopy(LOGGING)
_console: dict[str, Any] = LOGGING["handlers"]["console"]  # type: ignore[index]
_console["formatter"] = env_str("LOG_FORMAT", "json")
