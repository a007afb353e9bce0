from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VertrouwenspersonenConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "integriteit.vertrouwenspersonen"
    verbose_name = _("Vertrouwenspersonen")
