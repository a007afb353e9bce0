"""Test settings: defaults for the suite; the database comes from DATABASE_URL as usual."""

from integriteit.settings.base import *  # noqa: F403
from integriteit.settings.base import MIDDLEWARE, STORAGES

# Tests render templates without running collectstatic first.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Static files are not collected for tests; staticfiles' finders serve what a page needs.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]
# Jobs run at once in the calling thread; tests of the other modes switch it themselves.
TAKEN_UITVOERING = "direct"
# Argon2id at libsodium's minimum: the tests check the logic, not the cost.
KLUIS_ARGON2_OPS = 1
KLUIS_ARGON2_MEM = 8192
