"""App api: the REST API (issue 8)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "integriteit.api"
    verbose_name = _("REST-API")

    def ready(self) -> None:
        from integriteit.api import schema  # noqa: F401 - registers the schema extension
