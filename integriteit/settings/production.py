"""Production: the same settings, tightened. Every value still comes from the environment."""

from integriteit.settings.base import *  # noqa: F403
from integriteit.settings.env import env_bool, env_int, env_str

DEBUG = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
TAKEN_UITVOERING = env_str("TAKEN_UITVOERING", "celery")
