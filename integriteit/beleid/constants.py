"""Choices and fixed periods of the policy cycle (issue 7, part 3; norms 2, 3 and 15)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

#: Default age (months) after which an instrument counts as "niet actueel".
ACTUALITEIT_MAANDEN_STANDAARD = 36
ACTUALITEIT_MAANDEN_MIN = 6
ACTUALITEIT_MAANDEN_MAX = 120
#: A risk analysis older than this (years) is out of date on the "samenhang" page.
RISICOANALYSE_JAREN = 3
#: Without an evaluation in this many years the cycle is not closed (norm 15; Defensie: 4).
EVALUATIE_JAREN = 4
#: Registry counts look back this many days (the last 12 months).
TELPERIODE_DAGEN = 365
#: The framework whose norm levels a goal may use as its indicator.
NORMENKADER_CODE = "ark-2024"


class Bron(models.TextChoices):
    """Where a goal's indicator takes its current value from."""

    ENQUETE_ITEM = "enquete_item", _("Enquête: percentage (volledig) eens op een vraag")
    ENQUETE_SCHAAL = "enquete_schaal", _("Enquête: gemiddelde van een schaal")
    MELDINGEN = "meldingen", _("Register: aantal meldingen in de laatste 12 maanden")
    ONDERZOEKEN = "onderzoeken", _("Register: aantal geopende onderzoeken in de laatste 12 maanden")
    NORM = "norm", _("Normenkader: huidig niveau van een norm (ark-2024)")


#: Sources whose target is a number (the norm source has a level as target).
NUMERIEKE_BRONNEN = frozenset(
    {Bron.ENQUETE_ITEM, Bron.ENQUETE_SCHAAL, Bron.MELDINGEN, Bron.ONDERZOEKEN}
)


class Richting(models.TextChoices):
    HOGER = "hoger", _("Hoger is beter")
    LAGER = "lager", _("Lager is beter")


class Streefniveau(models.TextChoices):
    """Target levels for a norm-rating goal: the ark-2024 scale without "onbekend"."""

    VOLDOET = "voldoet", _("Voldoet")
    KLEINE_STAP = "kleine-stap", _("In mindere mate nog een stap te zetten")
    STAP = "stap", _("Nog een stap te zetten")


#: Rank of each level on the ark-2024 scale (higher is better; "onbekend" is 0).
NIVEAU_RANG: dict[str, int] = {"voldoet": 3, "kleine-stap": 2, "stap": 1, "onbekend": 0}


class InstrumentSoort(models.TextChoices):
    GEDRAGSCODE = "gedragscode", _("Gedragscode")
    MELDREGELING = "meldregeling", _("Meldregeling")
    ONDERZOEKSPROTOCOL = "onderzoeksprotocol", _("Onderzoeksprotocol")
    VERTROUWENSPERSONEN = "vertrouwenspersonen", _("Vertrouwenspersonen")
    TRAINING_MEDEWERKERS = "training_medewerkers", _("Training medewerkers")
    TRAINING_LEIDINGGEVENDEN = "training_leidinggevenden", _("Training leidinggevenden")
    COMMUNICATIE = "communicatie", _("Communicatie")
    OVERIG = "overig", _("Overig")


#: The kinds every policy should have; a missing one is shown as missing ("overig" is free).
VERWACHTE_INSTRUMENTEN: tuple[str, ...] = tuple(
    s.value for s in InstrumentSoort if s != InstrumentSoort.OVERIG
)


class ActieStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_UITVOERING = "in_uitvoering", _("In uitvoering")
    AFGEROND = "afgerond", _("Afgerond")
    VERVALLEN = "vervallen", _("Vervallen")


OPEN_STATUSSEN = frozenset({ActieStatus.OPEN, ActieStatus.IN_UITVOERING})


class RapporteertAan(models.TextChoices):
    """To whom the integrity coordinator reports (norm 3: not via the head of HR)."""

    SG = "sg", _("SG of pSG")
    DIRECTEUR_BEDRIJFSVOERING = "dbv", _("Directeur bedrijfsvoering")
    HOOFD_PO = "hoofd_po", _("Hoofd P&O/HR")
    ANDERS = "anders", _("Anders")
