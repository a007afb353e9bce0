"""Which forms the case page offers this user: a registration per requirement of the current
phase that the user's case roles may register (``poort.mag_handelen``), the phase steps, the
deviation, suspension and extension, participants, interviews, evidence and measures. The
services decide again on every POST; this only keeps the page from offering what would be
refused."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest

from integriteit.accounts.models import Gebruiker, Lidmaatschap
from integriteit.accounts.selectors import scope_for
from integriteit.common.permissions import Capability
from integriteit.common.roles import Rol
from integriteit.kluis import services as kluis
from integriteit.onderzoeken import poort
from integriteit.onderzoeken.constants import Soort, Status, VerhoorStatus, Zaakrol
from integriteit.onderzoeken.forms import (
    BeschrevenForm,
    BewijsForm,
    MaatregelForm,
    MedewerkerForm,
    RedenForm,
    VerhoorForm,
    VerhoorReactieForm,
    VerklaringForm,
    VerlengenForm,
    registratie_form,
)
from integriteit.onderzoeken.models import Afwijkingsverzoek, Onderzoek
from integriteit.onderzoeken.spec import Fase, ProtocolSpec, Vereiste

GEREGISTREERD = frozenset({Soort.TEKST, Soort.DATUM, Soort.KEUZE, Soort.DOCUMENT})
BESTUURDERS = frozenset({Zaakrol.BEVOEGD_GEZAG, Zaakrol.COORDINATOR})

#: The organisation role a user needs for each staff role in a case.
ORG_ROL = {
    Zaakrol.BEVOEGD_GEZAG: Rol.BEVOEGD_GEZAG,
    Zaakrol.ONDERZOEKER: Rol.ONDERZOEKER,
    Zaakrol.COORDINATOR: Rol.INTEGRITEITSCOORDINATOR,
}


def is_coordinator_van(request: HttpRequest, onderzoek: Onderzoek) -> bool:
    """A coordinator of the case's organisation (opens cases there, decides on deviations)."""
    scope = scope_for(gebruiker=request.user, capability=Capability.ONDERZOEK_OPENEN)
    return scope.covers(pad=onderzoek.organisatie.pad, node_id=onderzoek.organisatie_id)


def kandidaten(onderzoek: Onderzoek) -> list[tuple[str, QuerySet[Gebruiker]]]:
    """Per staff role: active users holding the matching role on the case's organisation (or
    recursively above it; an investigator also in a unit below it), with a key, not yet in
    that role in the case."""
    organisatie = onderzoek.organisatie
    boven = Q(organisatie_id__in=organisatie.ancestor_ids, recursief=True) | Q(
        organisatie=organisatie
    )
    result = []
    for zaakrol, rol in ORG_ROL.items():
        waar = (
            boven | Q(organisatie__pad__startswith=organisatie.pad)
            if (zaakrol == Zaakrol.ONDERZOEKER)
            else boven
        )
        leden = Lidmaatschap.objects.actief().filter(waar, rol=rol).values("gebruiker_id")
        al = onderzoek.deelnemers.filter(rol=zaakrol).values("gebruiker_id")
        result.append(
            (
                str(zaakrol.value),
                Gebruiker.objects.filter(pk__in=leden, is_active=True, kluissleutel__isnull=False)
                .exclude(pk__in=al)
                .order_by("last_name", "first_name", "username"),
            )
        )
    return result


def maatregel_fase(spec: ProtocolSpec) -> tuple[Fase, Vereiste | None]:
    """The phase (and requirement) where the protocol asks for measures."""
    for fase in spec.fasen:
        for vereiste in fase.vereisten:
            if vereiste.soort == Soort.MAATREGELEN:
                return fase, vereiste
    return spec.laatste, None


def _registraties(fase: Fase, stand: poort.Stand, rollen: set[str]) -> list[dict[str, Any]]:
    return [
        {"vereiste": v, "form": registratie_form(v)}
        for v in fase.vereisten
        if v.soort in GEREGISTREERD
        and poort.geldt(v.voorwaarde, stand)
        and poort.mag_handelen(fase, rollen, v)
    ]


def _verhoor_formulieren(onderzoek: Onderzoek) -> list[dict[str, Any]]:
    rijen = []
    for verhoor in onderzoek.verhoren.order_by("volgnummer"):
        if verhoor.status == VerhoorStatus.VOORGELEGD:
            form = VerhoorReactieForm(
                prefix=f"reactie-{verhoor.volgnummer}", initial={"verhoor": verhoor.volgnummer}
            )
            rijen.append({"verhoor": verhoor, "reactie": form})
        elif verhoor.status == VerhoorStatus.CONCEPT:
            rijen.append({"verhoor": verhoor, "voorleggen": True})
    return rijen


def formulieren(
    request: HttpRequest,
    onderzoek: Onderzoek,
    *,
    spec: ProtocolSpec,
    stand: poort.Stand,
    rollen: set[str],
    ontbrekend: bool,
    verzoek: Afwijkingsverzoek | None,
) -> dict[str, Any]:
    """The forms of an open case for this user (each None when it does not apply)."""
    fase = spec.fase(onderzoek.fase)
    lopend = onderzoek.status == Status.LOPEND
    handelt = poort.mag_handelen(fase, rollen)
    bestuurt = bool(rollen & BESTUURDERS)
    coordinator = is_coordinator_van(request, onderzoek)
    deelnemers_beheren = bestuurt or coordinator
    onderzoeker = Zaakrol.ONDERZOEKER in rollen
    eigen = onderzoek.deelnemers.filter(rol=Zaakrol.ONDERZOEKER, gebruiker_id=request.user.pk or 0)
    m_fase, m_vereiste = maatregel_fase(spec)
    maatregel = spec.index(onderzoek.fase) >= spec.index(m_fase.code) and poort.mag_handelen(
        m_fase, rollen, m_vereiste
    )
    medewerker = MedewerkerForm(prefix="medewerker", kandidaten=kandidaten(onderzoek))
    return {
        "registraties": _registraties(fase, stand, rollen),
        "afronden": lopend and handelt,
        "afwijking": RedenForm(prefix="afwijking")
        if lopend and handelt and ontbrekend and verzoek is None
        else None,
        "beslissen": verzoek is not None
        and coordinator
        and verzoek.aangevraagd_door_id != request.user.pk,
        "opschorten": RedenForm(prefix="opschorten") if lopend and bestuurt else None,
        "hervatten": onderzoek.status == Status.OPGESCHORT and bestuurt,
        "verlengen": VerlengenForm(prefix="verlengen")
        if bestuurt and onderzoek.fase_uiterlijk is not None
        else None,
        # granting a staff participant the case key needs the granter's own access
        "medewerker": medewerker
        if deelnemers_beheren
        and not medewerker.leeg
        and kluis.heeft_toegang(kluis=onderzoek.kluis, gebruiker=request.user)
        else None,
        "beschreven": BeschrevenForm(prefix="beschreven") if deelnemers_beheren else None,
        "verklaring": VerklaringForm(prefix="verklaring")
        if eigen.filter(onafhankelijk_op__isnull=True).exists()
        else None,
        "verhoor": VerhoorForm(prefix="verhoor") if onderzoeker else None,
        "verhoren": _verhoor_formulieren(onderzoek) if onderzoeker else [],
        "bewijs": BewijsForm(prefix="bewijs") if onderzoeker else None,
        "maatregel": MaatregelForm(prefix="maatregel") if maatregel else None,
    }
