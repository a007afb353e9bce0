from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnderzoekenConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "integriteit.onderzoeken"
    verbose_name = _("Onderzoeken")
