"""Writes of the advisers' profiles, by the coordinator (``VP_BEHEREN`` in scope): register,
change, end a term. One transaction and one audit event each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from integriteit.accounts.selectors import scope_for
from integriteit.common.permissions import Capability
from integriteit.organisaties.models import Organisatie
from integriteit.vertrouwenspersonen._hulp import _event, _vandaag, _weiger
from integriteit.vertrouwenspersonen.constants import Soort
from integriteit.vertrouwenspersonen.models import Vertrouwenspersoon


@dataclass(frozen=True)
class ProfielGegevens:
    organisatie: Organisatie
    gebruiker: Any | None
    publieke_naam: str
    soort: str
    extern_bureau: str
    basisopleiding_op: date | None
    uren_per_week: Decimal | None
    termijn_van: date
    termijn_tot: date | None
    bereikbaarheid: str
    taken_vastgelegd: bool = False
    intervisie: bool = False
    scholingsbudget: bool = False


def _mag_beheren(gebruiker: Any, organisatie: Organisatie) -> None:
    scope = scope_for(gebruiker=gebruiker, capability=Capability.VP_BEHEREN)
    if not scope.covers(pad=organisatie.pad, node_id=organisatie.pk):
        raise PermissionDenied


def _profiel_valideren(g: ProfielGegevens) -> None:
    fouten: dict[str, str] = {}
    if not g.publieke_naam.strip():
        fouten["publieke_naam"] = _("Vul de naam voor de publieke pagina in.")
    if g.soort not in Soort.values:
        fouten["soort"] = _("Kies intern of extern.")
    if g.soort == Soort.EXTERN and not g.extern_bureau.strip():
        fouten["extern_bureau"] = _("Vul voor een externe vertrouwenspersoon het bureau in.")
    if g.basisopleiding_op is not None and g.basisopleiding_op > _vandaag():
        fouten["basisopleiding_op"] = _("De datum van de basisopleiding ligt in de toekomst.")
    if g.uren_per_week is not None and not (0 <= g.uren_per_week <= 40):
        fouten["uren_per_week"] = _("Uren per week moet tussen 0 en 40 liggen.")
    if g.termijn_tot is not None and g.termijn_tot < g.termijn_van:
        fouten["termijn_tot"] = _("Het einde van de termijn ligt voor het begin.")
    if not g.bereikbaarheid.strip():
        fouten["bereikbaarheid"] = _(
            "Vul in hoe medewerkers de vertrouwenspersoon bereiken (telefoon, e-mail)."
        )
    _weiger(fouten)


@transaction.atomic
def vertrouwenspersoon_opslaan(
    *, door: Any, gegevens: ProfielGegevens, profiel: Vertrouwenspersoon | None = None
) -> Vertrouwenspersoon:
    """Create a profile, or change ``profiel``; only in the coordinator's own scope."""
    _mag_beheren(door, gegevens.organisatie)
    if profiel is not None:
        _mag_beheren(door, profiel.organisatie)
    _profiel_valideren(gegevens)
    nieuw = profiel is None
    profiel = profiel or Vertrouwenspersoon()
    for veld, waarde in gegevens.__dict__.items():
        setattr(profiel, veld, waarde)
    profiel.save()
    _event(
        door,
        "profiel_aangemaakt" if nieuw else "profiel_gewijzigd",
        profiel,
        profiel.organisatie_id,
        soort=profiel.soort,
    )
    return profiel


@transaction.atomic
def termijn_beeindigen(*, door: Any, profiel: Vertrouwenspersoon, op: date) -> Vertrouwenspersoon:
    """End the adviser's term on ``op`` (the log stays, for the counts)."""
    _mag_beheren(door, profiel.organisatie)
    if op < profiel.termijn_van:
        raise ValidationError({"termijn_tot": _("Het einde van de termijn ligt voor het begin.")})
    profiel.termijn_tot = op
    profiel.save(update_fields=["termijn_tot"])
    _event(door, "termijn_beeindigd", profiel, profiel.organisatie_id)
    return profiel
