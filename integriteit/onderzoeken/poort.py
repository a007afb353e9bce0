"""The gate: what the protocol still requires before an investigation may leave its phase, and
where it goes next. Reads metadata only (which requirement has a registration, counts of
interviews, evidence items, measures, participants) — never decrypts anything.

A requirement is met by the newest registration for its code (``Registratie``: text present,
date present, a choice among the options, a document present) or by a count (investigators,
subjects, interviews each approved or commented on by the interviewee, evidence items,
measures). A requirement with a condition (``when``) holds only when the newest registration
of that choice has one of the given values.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from integriteit.onderzoeken.constants import Soort, VerhoorStatus, Zaakrol
from integriteit.onderzoeken.models import Onderzoek, Registratie
from integriteit.onderzoeken.protocol import spec_van_tekst
from integriteit.onderzoeken.spec import Fase, ProtocolSpec, Vereiste, Voorwaarde


@dataclass(frozen=True)
class Ontbrekend:
    """A requirement of the phase that is not met, with what exactly is missing, in Dutch."""

    vereiste: Vereiste
    melding: str


@dataclass(frozen=True)
class Stand:
    """What is registered in one case, as far as the gate needs it (no content)."""

    #: Newest registration per requirement code.
    registraties: dict[str, Registratie]
    onderzoekers: int
    onderzoekers_onafhankelijk: int
    betrokkenen: int
    verhoren: int
    verhoren_open: tuple[int, ...]  # volgnummers not yet approved or commented on
    bewijsstukken: int
    maatregelen: int

    def keuze(self, code: str) -> str:
        registratie = self.registraties.get(code)
        return registratie.keuze if registratie is not None else ""


def spec(onderzoek: Onderzoek) -> ProtocolSpec:
    return spec_van_tekst(onderzoek.protocol.yaml, f"{onderzoek.protocol.code}.yaml")


def stand(onderzoek: Onderzoek) -> Stand:
    """Five queries, whatever the size of the case."""
    nieuwste: dict[str, Registratie] = {}
    for registratie in (
        Registratie.objects.filter(onderzoek=onderzoek)
        .defer("bestandsnaam")  # not "tekst": the gate asks whether it is there
        .order_by("vereiste", "-geregistreerd_op", "-pk")
    ):
        nieuwste.setdefault(registratie.vereiste, registratie)
    rollen = onderzoek.deelnemers.aggregate(
        onderzoekers=Count("pk", filter=Q(rol=Zaakrol.ONDERZOEKER)),
        onafhankelijk=Count(
            "pk", filter=Q(rol=Zaakrol.ONDERZOEKER, onafhankelijk_op__isnull=False)
        ),
        betrokkenen=Count("pk", filter=Q(rol=Zaakrol.BETROKKENE)),
    )
    afgerond = (VerhoorStatus.GOEDGEKEURD, VerhoorStatus.BECOMMENTARIEERD)
    verhoren = list(onderzoek.verhoren.values_list("volgnummer", "status"))
    return Stand(
        registraties=nieuwste,
        onderzoekers=rollen["onderzoekers"],
        onderzoekers_onafhankelijk=rollen["onafhankelijk"],
        betrokkenen=rollen["betrokkenen"],
        verhoren=len(verhoren),
        verhoren_open=tuple(n for n, status in verhoren if status not in afgerond),
        bewijsstukken=onderzoek.bewijsstukken.count(),
        maatregelen=onderzoek.maatregelen.count(),
    )


def geldt(voorwaarde: Voorwaarde | None, huidig: Stand) -> bool:
    return voorwaarde is None or huidig.keuze(voorwaarde.vereiste) in voorwaarde.is_gelijk


def _te_weinig(aantal: int, minimum: int, wat: str) -> str:
    return _("%(wat)s: %(aantal)d van minstens %(min)d.") % {
        "wat": wat,
        "aantal": aantal,
        "min": minimum,
    }


def _geregistreerd(vereiste: Vereiste, huidig: Stand) -> str | None:
    """None when met; else what is missing."""
    registratie = huidig.registraties.get(vereiste.code)
    titel = vereiste.titel
    if vereiste.soort == Soort.KEUZE:
        opties = {code for code, _label in vereiste.opties}
        if registratie is None or registratie.keuze not in opties:
            return _("%(titel)s: nog geen keuze vastgelegd.") % {"titel": titel}
    elif vereiste.soort == Soort.DATUM:
        if registratie is None or registratie.datum is None:
            return _("%(titel)s: nog geen datum vastgelegd.") % {"titel": titel}
    elif vereiste.soort == Soort.DOCUMENT:
        if registratie is None or not registratie.bestand:
            return _("%(titel)s: nog geen document toegevoegd.") % {"titel": titel}
    elif registratie is None or registratie.tekst is None:
        return _("%(titel)s: nog niet vastgelegd.") % {"titel": titel}
    return None


def _onafhankelijkheid(huidig: Stand) -> str | None:
    if huidig.onderzoekers == 0:
        return _("Onafhankelijkheid: er is nog geen onderzoeker toegewezen.")
    zonder = huidig.onderzoekers - huidig.onderzoekers_onafhankelijk
    if not zonder:
        return None
    return ngettext(
        "Onafhankelijkheid: %(n)d onderzoeker heeft die nog niet verklaard.",
        "Onafhankelijkheid: %(n)d onderzoekers hebben die nog niet verklaard.",
        zonder,
    ) % {"n": zonder}


def _verhoren(vereiste: Vereiste, huidig: Stand) -> str | None:
    if huidig.verhoren < vereiste.minimum:
        return _te_weinig(huidig.verhoren, vereiste.minimum, _("Verhoorverslagen"))
    if not huidig.verhoren_open:
        return None
    nummers = ", ".join(str(n) for n in huidig.verhoren_open)
    return _(
        "Verhoorverslagen nog niet goedgekeurd of becommentarieerd door de gehoorde: "
        "nummer %(nummers)s."
    ) % {"nummers": nummers}


def _geteld(vereiste: Vereiste, huidig: Stand) -> str | None:
    if vereiste.soort == Soort.ONAFHANKELIJKHEID:
        return _onafhankelijkheid(huidig)
    if vereiste.soort == Soort.VERHOREN:
        return _verhoren(vereiste, huidig)
    aantal, wat = {
        Soort.ONDERZOEKERS: (huidig.onderzoekers, _("Onderzoekers")),
        Soort.BETROKKENE: (huidig.betrokkenen, pgettext("onderzoek", "Betrokkenen")),
        Soort.BEWIJS: (huidig.bewijsstukken, _("Bewijslog")),
        Soort.MAATREGELEN: (huidig.maatregelen, _("Maatregelen")),
    }[Soort(vereiste.soort)]
    return _te_weinig(aantal, vereiste.minimum, wat) if aantal < vereiste.minimum else None


GETELD = frozenset(
    {
        Soort.ONDERZOEKERS,
        Soort.ONAFHANKELIJKHEID,
        Soort.BETROKKENE,
        Soort.VERHOREN,
        Soort.BEWIJS,
        Soort.MAATREGELEN,
    }
)


def ontbrekend_in(fase: Fase, huidig: Stand) -> list[Ontbrekend]:
    """The requirements of ``fase`` that hold and are not met, in the protocol's order."""
    result = []
    for vereiste in fase.vereisten:
        if not geldt(vereiste.voorwaarde, huidig):
            continue
        check = _geteld if vereiste.soort in GETELD else _geregistreerd
        if (melding := check(vereiste, huidig)) is not None:
            result.append(Ontbrekend(vereiste=vereiste, melding=melding))
    return result


def ontbrekend(onderzoek: Onderzoek) -> list[Ontbrekend]:
    """What the case's current phase still requires."""
    protocol = spec(onderzoek)
    return ontbrekend_in(protocol.fase(onderzoek.fase), stand(onderzoek))


def volgende(protocol: ProtocolSpec, fase_code: str, huidig: Stand) -> str | None:
    """The phase after ``fase_code`` (a skip when its condition holds); None after the last."""
    fase = protocol.fase(fase_code)
    for sprong in fase.sprongen:
        if geldt(sprong.voorwaarde, huidig):
            return sprong.naar
    index = protocol.index(fase_code)
    return protocol.fasen[index + 1].code if index + 1 < len(protocol.fasen) else None


def mag_handelen(fase: Fase, rollen: Iterable[str], vereiste: Vereiste | None = None) -> bool:
    """Whether someone with these case roles registers (``vereiste``) or moves on in ``fase``."""
    toegestaan = set(vereiste.door if vereiste is not None and vereiste.door else fase.actoren)
    return bool(toegestaan & set(rollen))
