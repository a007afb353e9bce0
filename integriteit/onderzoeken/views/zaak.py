"""One investigation's page: the header with the phase and its deadline, the phase map, what
the current phase still requires, the registrations, participants, interviews, evidence,
measures and the history — and the forms this user may use (``zaak_formulieren``).

Metadata is plain. Content (texts, names, records, reasons) is shown only after opening the
case's vault with the viewer's own key (``kluis.sessie.sleutel_uit_sessie``) through
``services.kluis_van_deelnemer``, which audits each read. Without a grant the page says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from integriteit.common.permissions import Capability, requires
from integriteit.kluis import services as kluis
from integriteit.kluis.sessie import sleutel_uit_sessie
from integriteit.onderzoeken import fasekaart, poort, services
from integriteit.onderzoeken.constants import Gebeurtenis, Soort, Status, VerzoekStatus
from integriteit.onderzoeken.models import Onderzoek, Overgang
from integriteit.onderzoeken.spec import ProtocolSpec
from integriteit.onderzoeken.views._gedeeld import (
    GEEN_TOEGANG,
    OPNIEUW_INLOGGEN,
    dag,
    fasetitel,
    onderzoek_of_404,
    termijn,
)
from integriteit.onderzoeken.views.zaak_formulieren import formulieren

VERLATEN = frozenset({Gebeurtenis.OVERGANG, Gebeurtenis.AFWIJKING, Gebeurtenis.AFGESLOTEN})


@dataclass
class Inzage:
    """The case key when the viewer may read the content; else ``tekst`` says why not."""

    sleutel: bytes | None = None
    tekst: str = ""


def inzage(request: HttpRequest, onderzoek: Onderzoek, rollen: set[str]) -> Inzage:
    """Open the case's vault with the viewer's key (an audited read), or say why not."""
    if not rollen or not kluis.heeft_toegang(kluis=onderzoek.kluis, gebruiker=request.user):
        return Inzage(tekst=str(GEEN_TOEGANG))
    private = sleutel_uit_sessie(request)
    if private is None:
        return Inzage(tekst=str(OPNIEUW_INLOGGEN))
    try:
        sleutel = services.kluis_van_deelnemer(
            onderzoek=onderzoek, gebruiker=request.user, private=private
        )
    except kluis.GeenToegang:
        return Inzage(tekst=str(GEEN_TOEGANG))
    return Inzage(sleutel=sleutel)


Lezer = Callable[[str, Any], str | None]


def _lezer(onderzoek: Onderzoek, sleutel: bytes | None) -> Lezer:
    """Decrypt one field's blob (None without a key or without a blob)."""

    def lees(veld: str, blob: Any) -> str | None:
        if sleutel is None or blob is None:
            return None
        return services.inhoud_lezen(sleutel, onderzoek, veld, bytes(blob))

    return lees


def _vereiste_titel(spec: ProtocolSpec, code: str) -> str:
    try:
        return spec.vereiste(code)[1].titel
    except KeyError:
        return code


def _registraties(onderzoek: Onderzoek, spec: ProtocolSpec, lees: Lezer) -> list[dict[str, Any]]:
    rijen: list[dict[str, Any]] = []
    gezien: set[str] = set()
    for reg in onderzoek.registraties.select_related("geregistreerd_door").order_by(
        "-geregistreerd_op", "-pk"
    ):
        try:
            fase, vereiste = spec.vereiste(reg.vereiste)
            titel, fase_titel, soort = vereiste.titel, fase.titel, vereiste.soort
            opties = dict(vereiste.opties)
        except KeyError:
            titel, fase_titel, soort, opties = reg.vereiste, reg.fase, "", {}
        rij: dict[str, Any] = {
            "registratie": reg,
            "titel": titel,
            "fase": fase_titel,
            "geldend": reg.vereiste not in gezien,
            "op": dag(reg.geregistreerd_op.date()),
            "door": str(reg.geregistreerd_door),
            "waarde": "",
            "document": "",
        }
        gezien.add(reg.vereiste)
        if soort == Soort.KEUZE or reg.keuze:
            rij["waarde"] = opties.get(reg.keuze, reg.keuze)
        elif soort == Soort.DATUM or reg.datum:
            rij["waarde"] = dag(reg.datum)
        elif reg.bestand:
            rij["document"] = lees("bestandsnaam", reg.bestandsnaam) or ""
            rij["heeft_document"] = True
        else:
            rij["waarde"] = lees("tekst", reg.tekst)
        rijen.append(rij)
    return rijen


def _deelnemers(onderzoek: Onderzoek, lees: Lezer) -> list[dict[str, Any]]:
    return [
        {
            "deelnemer": d,
            "rol": d.get_rol_display(),
            "naam": str(d.gebruiker) if d.gebruiker else lees("omschrijving", d.omschrijving),
            "onafhankelijk_op": dag(d.onafhankelijk_op),
            "verklaring": lees("onafhankelijkheid", d.onafhankelijkheid),
        }
        for d in onderzoek.deelnemers.select_related("gebruiker").order_by("rol", "pk")
    ]


def _verhoren(onderzoek: Onderzoek, lees: Lezer) -> list[dict[str, Any]]:
    return [
        {
            "verhoor": v,
            "datum": dag(v.datum),
            "gehoorde": lees("gehoorde", v.gehoorde),
            "verslag": lees("verslag", v.verslag),
            "reactie": lees("reactie", v.reactie),
            "reactie_op": dag(v.reactie_op),
        }
        for v in onderzoek.verhoren.order_by("volgnummer")
    ]


def _bewijs(onderzoek: Onderzoek, lees: Lezer) -> list[dict[str, Any]]:
    return [
        {
            "stuk": b,
            "verkregen_op": dag(b.verkregen_op),
            "omschrijving": lees("omschrijving", b.omschrijving),
            "bestandsnaam": lees("bestandsnaam", b.bestandsnaam) if b.bestand else "",
        }
        for b in onderzoek.bewijsstukken.order_by("volgnummer")
    ]


def _maatregelen(onderzoek: Onderzoek, lees: Lezer) -> list[dict[str, Any]]:
    return [
        {
            "maatregel": m,
            "soort": m.soort.naam,
            "datum": dag(m.datum),
            "motivering": lees("motivering", m.motivering),
        }
        for m in onderzoek.maatregelen.select_related("soort").order_by("datum", "pk")
    ]


def _geschiedenis(
    overgangen: list[Overgang], spec: ProtocolSpec, lees: Lezer
) -> list[dict[str, Any]]:
    return [
        {
            "overgang": o,
            "op": dag(o.op.date()),
            "soort": o.get_soort_display(),
            "van": fasetitel(spec, o.van_fase) if o.van_fase else "",
            "naar": fasetitel(spec, o.naar_fase) if o.naar_fase else "",
            "door": str(o.door),
            "toestemming": str(o.toestemming_door) if o.toestemming_door else "",
            "ontbrak": [_vereiste_titel(spec, code) for code in o.ontbrak or []],
            "reden": lees("reden", o.reden),
        }
        for o in overgangen
    ]


def _verzoek(onderzoek: Onderzoek, spec: ProtocolSpec, lees: Lezer) -> dict[str, Any] | None:
    verzoek = (
        onderzoek.afwijkingsverzoeken.filter(status=VerzoekStatus.OPEN)
        .select_related("aangevraagd_door")
        .first()
    )
    if verzoek is None:
        return None
    return {
        "verzoek": verzoek,
        "door": str(verzoek.aangevraagd_door),
        "op": dag(verzoek.aangevraagd_op.date()),
        "ontbrak": [_vereiste_titel(spec, code) for code in verzoek.ontbrak],
        "reden": lees("reden", verzoek.reden),
    }


@require_GET
@requires(Capability.ONDERZOEK_REGISTER)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    onderzoek = onderzoek_of_404(request, pk)
    spec = poort.spec(onderzoek)
    stand = poort.stand(onderzoek)
    afgesloten = onderzoek.status == Status.AFGESLOTEN
    overgangen = list(
        onderzoek.overgangen.select_related("door", "toestemming_door").order_by("op", "pk")
    )
    rollen = services.zaakrollen(onderzoek, request.user)
    lezing = inzage(request, onderzoek, rollen)
    lees = _lezer(onderzoek, lezing.sleutel)
    fase = spec.fase(onderzoek.fase)
    ontbrekend = [] if afgesloten else poort.ontbrekend_in(fase, stand)
    verzoek = _verzoek(onderzoek, spec, lees)
    context = {
        "onderzoek": onderzoek,
        "fase": fase,
        "uiterlijk": dag(onderzoek.fase_uiterlijk),
        "termijn": termijn(onderzoek),
        "meldingen": list(onderzoek.meldingen.order_by("nummer")),
        "rollen": sorted(rollen),
        "vakken": fasekaart.fasekaart(
            spec,
            huidige_fase=onderzoek.fase,
            doorlopen=[o.van_fase for o in overgangen if o.soort in VERLATEN and o.van_fase],
            stand=stand,
            afgesloten=afgesloten,
        ),
        "ontbrekend": [o.melding for o in ontbrekend],
        "inzage": lezing,
        "registraties": _registraties(onderzoek, spec, lees),
        "deelnemers": _deelnemers(onderzoek, lees),
        "verhoren": _verhoren(onderzoek, lees),
        "bewijs": _bewijs(onderzoek, lees),
        "maatregelen": _maatregelen(onderzoek, lees),
        "geschiedenis": _geschiedenis(overgangen, spec, lees),
        "verzoek": verzoek,
        "formulieren": None
        if afgesloten
        else formulieren(
            request,
            onderzoek,
            spec=spec,
            stand=stand,
            rollen=rollen,
            ontbrekend=bool(ontbrekend),
            verzoek=verzoek["verzoek"] if verzoek else None,
        ),
    }
    return render(request, "onderzoeken/detail.html", context)
