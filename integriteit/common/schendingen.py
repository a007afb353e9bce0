"""The nine types of integrity violation of the central government (BZK, 2024; the report,
"Definities"), shared by reports, investigations, risks and the confidential advisers' log.
The codes match the risk block of the ``ark-2023`` questionnaire (``ris_<code>``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Schending(models.TextChoices):
    FINANCIEEL = "financieel", _("Financiële schendingen (in de zakelijke sfeer)")
    BELANGEN = "belangen", _("Misbruik positie en belangenverstrengeling")
    INFORMATIE = (
        "informatie",
        _("Lekken, misbruik, achterhouden van of ongeoorloofd omgaan met informatie"),
    )
    COMMUNICATIE = "communicatie", _("Ongepaste communicatie")
    BEVOEGDHEDEN = "bevoegdheden", _("Misbruik bevoegdheden")
    GEWELD = "geweld", _("Misbruik geweldsbevoegdheid")
    OMGANGSVORMEN = "omgangsvormen", _("Ongewenste omgangsvormen")
    BEDRIJFSMIDDELEN = "bedrijfsmiddelen", _("Misbruik bedrijfsmiddelen en overtreding")
    PRIVE = "prive", _("Ongepaste gedragingen in de privésfeer")
