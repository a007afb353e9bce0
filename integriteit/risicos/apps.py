from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RisicosConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "integriteit.risicos"
    verbose_name = _("Risicoanalyse")
