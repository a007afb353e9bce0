"""The current value of a goal's indicator, taken from the other modules when a page is shown.

One function per source, each reading the other app read-only through its selectors or models:

- survey item: the share "(volledig) eens" of an item in the newest wave that covers the
  organisation (its own wave, else a government-wide wave in which it is a node), from
  ``medewerkersonderzoek.resultaten.golf_resultaten``; a node below the minimum group size is
  suppressed there and shows here as "onvoldoende respons", never as a number;
- survey scale: the mean of a multi-item scale, the same way;
- registry: the number of reports (optionally of one violation type) received, or of
  investigations opened, in the 12 months up to the reference date, in the organisation and
  its units — metadata only, nothing is decrypted;
- norm rating: the current level of a norm of ``ark-2024`` in the organisation's newest
  assessment that rated it.

Nothing here is stored: the value is computed for the reference date each time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext as _

from integriteit.beleid.constants import (
    NIVEAU_RANG,
    NORMENKADER_CODE,
    TELPERIODE_DAGEN,
    Bron,
    Richting,
)
from integriteit.beleid.models import Doel
from integriteit.medewerkersonderzoek.constants import GolfStatus
from integriteit.medewerkersonderzoek.models import Golf, Vragenlijst
from integriteit.medewerkersonderzoek.questionnaire import SHIPPED_DIR, questionnaire_load_path
from integriteit.medewerkersonderzoek.resultaten import GolfResultaten, golf_resultaten
from integriteit.medewerkersonderzoek.spec import Questionnaire
from integriteit.meldingen.constants import Meldingsoort
from integriteit.meldingen.models import Melding
from integriteit.normenkader.constants import Status as BeoordelingStatus
from integriteit.normenkader.models import Norm, Oordeel
from integriteit.onderzoeken.models import Onderzoek
from integriteit.organisaties.models import Organisatie

OK = "ok"
ONVOLDOENDE_RESPONS = "onvoldoende_respons"
GEEN_GEGEVENS = "geen_gegevens"
#: How many waves back to look for one that covers the organisation.
MAX_GOLVEN = 5


@dataclass(frozen=True)
class Waarde:
    """A current value: ``getal`` is None when there is none (no data, or suppressed)."""

    getal: float | None
    tekst: str
    herkomst: str = ""
    status: str = OK

    @property
    def beschikbaar(self) -> bool:
        return self.getal is not None


@dataclass
class Meetcontext:
    """What one page computes once: the wave results per organisation."""

    peildatum: date
    golven: dict[int, tuple[Golf, GolfResultaten] | None] = field(default_factory=dict)


def _getal(waarde: float, decimalen: int) -> str:
    return f"{waarde:.{decimalen}f}".replace(".", ",")


def _dag(waarde: date) -> str:
    return f"{waarde.day}-{waarde.month}-{waarde.year}"


def golf_voor(organisatie: Organisatie, context: Meetcontext) -> tuple[Golf, GolfResultaten] | None:
    """The newest open or closed wave started on or before the reference date whose unit tree
    holds ``organisatie``: its own wave, or a wave of an organisation above it (Rijk)."""
    if organisatie.pk in context.golven:
        return context.golven[organisatie.pk]
    gevonden: tuple[Golf, GolfResultaten] | None = None
    kandidaten = (
        Golf.objects.filter(
            organisatie_id__in=organisatie.ancestor_ids,
            status__in=[GolfStatus.OPEN, GolfStatus.GESLOTEN],
            start__lte=context.peildatum,
        )
        .select_related("vragenlijst", "organisatie")
        .order_by("-start", "-pk")[:MAX_GOLVEN]
    )
    for golf in kandidaten:
        resultaten = golf_resultaten(golf=golf)
        if organisatie.code in resultaten.knopen:
            gevonden = (golf, resultaten)
            break
    context.golven[organisatie.pk] = gevonden
    return gevonden


def _enquete(
    organisatie: Organisatie,
    context: Meetcontext,
    lezen: Callable[[dict[str, Any]], float | None],
) -> tuple[float | None, str, str]:
    """(value, provenance, status) of one statistic of the organisation's node."""
    gevonden = golf_voor(organisatie, context)
    if gevonden is None:
        return None, "", GEEN_GEGEVENS
    golf, resultaten = gevonden
    herkomst = _("%(titel)s (start %(start)s)") % {"titel": golf.titel, "start": _dag(golf.start)}
    resultaat = resultaten.resultaat(organisatie.code)
    if resultaat is None:
        return None, herkomst, ONVOLDOENDE_RESPONS
    return lezen(resultaat), herkomst, OK


def _zonder(status: str, herkomst: str) -> Waarde:
    if status == ONVOLDOENDE_RESPONS:
        return Waarde(None, _("onvoldoende respons"), herkomst, status)
    if status == OK:  # the wave has no such statistic (another questionnaire)
        return Waarde(None, _("niet gevraagd in deze golf"), herkomst, GEEN_GEGEVENS)
    return Waarde(None, _("geen enquête"), herkomst, GEEN_GEGEVENS)


def enquete_item(*, organisatie: Organisatie, code: str, context: Meetcontext) -> Waarde:
    """Percentage "(volledig) eens" on item ``code`` in the newest wave."""

    def lezen(resultaat: dict[str, Any]) -> float | None:
        waarde = resultaat.get("items", {}).get(code, {}).get("agree_pct")
        return float(waarde) if waarde is not None else None

    getal, herkomst, status = _enquete(organisatie, context, lezen)
    if getal is None:
        return _zonder(status, herkomst)
    return Waarde(getal, f"{_getal(getal, 0)} %", herkomst)


def enquete_schaal(*, organisatie: Organisatie, code: str, context: Meetcontext) -> Waarde:
    """Mean of scale ``code`` (on the answer scale, e.g. 1–5) in the newest wave."""

    def lezen(resultaat: dict[str, Any]) -> float | None:
        waarde = resultaat.get("scales", {}).get(code, {}).get("mean")
        return float(waarde) if waarde is not None else None

    getal, herkomst, status = _enquete(organisatie, context, lezen)
    if getal is None:
        return _zonder(status, herkomst)
    return Waarde(getal, _getal(getal, 2), herkomst)


def _periode(peildatum: date) -> tuple[date, str]:
    van = peildatum - timedelta(days=TELPERIODE_DAGEN)
    tekst = _("%(van)s t/m %(tot)s") % {
        "van": _dag(van + timedelta(days=1)),
        "tot": _dag(peildatum),
    }
    return van, tekst


def meldingen(*, organisatie: Organisatie, soort: str, context: Meetcontext) -> Waarde:
    """Reports received in the 12 months up to the reference date (metadata only)."""
    van, periode = _periode(context.peildatum)
    rijen = Melding.objects.filter(
        organisatie__pad__startswith=organisatie.pad,
        ontvangen_op__gt=van,
        ontvangen_op__lte=context.peildatum,
    )
    if soort:
        rijen = rijen.filter(soort=soort)
    aantal = rijen.count()
    herkomst = _("Meldingenregister, %(periode)s") % {"periode": periode}
    return Waarde(float(aantal), str(aantal), herkomst)


def onderzoeken(*, organisatie: Organisatie, context: Meetcontext) -> Waarde:
    """Investigations opened in the 12 months up to the reference date."""
    van, periode = _periode(context.peildatum)
    aantal = Onderzoek.objects.filter(
        organisatie__pad__startswith=organisatie.pad,
        geopend_op__gt=van,
        geopend_op__lte=context.peildatum,
    ).count()
    herkomst = _("Onderzoeksregister, %(periode)s") % {"periode": periode}
    return Waarde(float(aantal), str(aantal), herkomst)


def norm(*, organisatie: Organisatie, code: str, context: Meetcontext) -> Waarde:
    """The level of norm ``code`` in the newest assessment of the organisation that rated it
    (newest cycle first; within a cycle a final version before a draft)."""
    oordeel = (
        Oordeel.objects.filter(
            beoordeling__organisatie=organisatie,
            beoordeling__cyclus__normenkader__code=NORMENKADER_CODE,
            beoordeling__cyclus__jaar__lte=context.peildatum.year,
            norm__code=code,
            niveau__isnull=False,
        )
        .annotate(
            definitief=Case(
                When(beoordeling__status=BeoordelingStatus.DEFINITIEF, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .select_related("niveau", "beoordeling__cyclus")
        .order_by("-beoordeling__cyclus__jaar", "-definitief", "-beoordeling__versie")
        .first()
    )
    if oordeel is None or oordeel.niveau is None:
        return Waarde(None, _("niet beoordeeld"), "", GEEN_GEGEVENS)
    beoordeling = oordeel.beoordeling
    herkomst = _("%(cyclus)s, %(soort)s (%(status)s)") % {
        "cyclus": beoordeling.cyclus.titel,
        "soort": beoordeling.get_soort_display(),
        "status": beoordeling.get_status_display(),
    }
    rang = NIVEAU_RANG.get(oordeel.niveau.code, oordeel.niveau.rang)
    return Waarde(float(rang), oordeel.niveau.label, herkomst)


def huidige_waarde(doel: Doel, context: Meetcontext, organisatie: Organisatie) -> Waarde:
    """The current value of ``doel``'s indicator for ``organisatie``."""
    if doel.bron == Bron.ENQUETE_ITEM:
        return enquete_item(organisatie=organisatie, code=doel.bron_code, context=context)
    if doel.bron == Bron.ENQUETE_SCHAAL:
        return enquete_schaal(organisatie=organisatie, code=doel.bron_code, context=context)
    if doel.bron == Bron.MELDINGEN:
        return meldingen(organisatie=organisatie, soort=doel.bron_code, context=context)
    if doel.bron == Bron.ONDERZOEKEN:
        return onderzoeken(organisatie=organisatie, context=context)
    return norm(organisatie=organisatie, code=doel.bron_code, context=context)


def streef_tekst(doel: Doel) -> str:
    if doel.bron == Bron.NORM:
        return doel.get_streefniveau_display()
    if doel.streefwaarde is None:
        return ""
    teken = "≥" if doel.richting == Richting.HOGER else "≤"
    decimalen = 0 if doel.streefwaarde == doel.streefwaarde.to_integral() else 2
    eenheid = " %" if doel.bron == Bron.ENQUETE_ITEM else ""
    return f"{teken} {_getal(float(doel.streefwaarde), decimalen)}{eenheid}"


def gehaald(doel: Doel, waarde: Waarde) -> bool | None:
    """Whether the current value meets the target; None when there is no value."""
    if waarde.getal is None:
        return None
    if doel.bron == Bron.NORM:
        return waarde.getal >= NIVEAU_RANG.get(doel.streefniveau, 99)
    if doel.streefwaarde is None:
        return None
    doelwaarde = Decimal(doel.streefwaarde)
    huidig = Decimal(str(round(waarde.getal, 4)))
    return huidig >= doelwaarde if doel.richting == Richting.HOGER else huidig <= doelwaarde


# --- what a goal may refer to (validation) ---------------------------------------------------


def _vragenlijsten() -> list[Questionnaire]:
    """The loaded questionnaires and the shipped ones (a goal may be set before a wave)."""
    gezien: set[tuple[str, int]] = set()
    lijsten: list[Questionnaire] = []
    for vragenlijst in Vragenlijst.objects.order_by("code", "-versie"):
        spec = vragenlijst.spec()
        gezien.add((spec.code, spec.version))
        lijsten.append(spec)
    for pad in sorted(SHIPPED_DIR.glob("*.yaml")):
        spec = questionnaire_load_path(pad)
        if (spec.code, spec.version) not in gezien:
            lijsten.append(spec)
    return lijsten


def bekende_items() -> dict[str, str]:
    """Item codes with an agree scale (so a percentage "eens" exists), with their text."""
    items: dict[str, str] = {}
    for spec in _vragenlijsten():
        for item in spec.items:
            schaal = spec.scale_of(item)
            if item.kind == "scale" and schaal is not None and schaal.agree:
                items.setdefault(item.code, item.text)
    return items


def bekende_schalen() -> dict[str, str]:
    schalen: dict[str, str] = {}
    for spec in _vragenlijsten():
        for schaal in spec.scales:
            schalen.setdefault(schaal.code, schaal.title)
    return schalen


def bekende_normen() -> dict[str, str]:
    """Norm codes of ``ark-2024`` (organisation norms), with their text."""
    return dict(
        Norm.objects.filter(normenkader__code=NORMENKADER_CODE)
        .exclude(code__startswith="BZK")
        .order_by("volgorde")
        .values_list("code", "tekst")
    ) or {str(n): "" for n in range(1, 16)}


def bron_fout(bron: str, code: str) -> str | None:
    """A Dutch message naming the field when ``code`` is not valid for ``bron``, else None."""
    code = code.strip()
    if bron == Bron.ENQUETE_ITEM and code not in bekende_items():
        return _("Onbekende vraagcode ‘%(code)s’: kies een vraag met een eens-schaal.") % {
            "code": code
        }
    if bron == Bron.ENQUETE_SCHAAL and code not in bekende_schalen():
        return _("Onbekende schaalcode ‘%(code)s’.") % {"code": code}
    if bron == Bron.NORM and code not in bekende_normen():
        return _("Onbekende normcode ‘%(code)s’ in het normenkader %(kader)s.") % {
            "code": code,
            "kader": NORMENKADER_CODE,
        }
    if bron == Bron.MELDINGEN and code and code not in Meldingsoort.values:
        return _("Onbekende soort melding ‘%(code)s’; laat leeg voor alle meldingen.") % {
            "code": code
        }
    if bron == Bron.ONDERZOEKEN and code:
        return _("Bij onderzoeken hoort geen code; laat dit veld leeg.")
    return None
