from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NormenkaderConfig(AppConfig):
    name = "integriteit.normenkader"
    label = "normenkader"
    verbose_name = _("Normenkader en beoordelingen")
