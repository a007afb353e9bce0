from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BeleidConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "integriteit.beleid"
    verbose_name = _("Integriteitsbeleid")
