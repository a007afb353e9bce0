from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MedewerkersonderzoekConfig(AppConfig):
    name = "integriteit.medewerkersonderzoek"
    label = "medewerkersonderzoek"
    verbose_name = _("Medewerkersonderzoek")
