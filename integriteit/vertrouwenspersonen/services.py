"""Writes of the confidential advisers' module (issue 7): profiles (by the coordinator), the
contact log, meetings, the annual report and recommendations (by the adviser), and the
response and follow-up to recommendations (by the competent authority).

Every write is one transaction with one audit event (object type "vertrouwenspersoon",
"vp_contact", …; details hold codes and counts, never text). Validation lives here and raises
``ValidationError`` naming the field in Dutch; nothing is saved then. Free texts are checked
by the name warning (``naamwaarschuwing``): a text that seems to name someone is refused until
the writer confirms (``naam_gecontroleerd=True``) that it does not.

A note on a contact is encrypted to the adviser's own public key before it reaches the
database; reading it needs the adviser's private key (from the session) and is audited.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from integriteit.kluis import crypto
from integriteit.kluis.services import publieke_sleutel
from integriteit.vertrouwenspersonen import telling
from integriteit.vertrouwenspersonen._hulp import (
    MAX_TEKST,
    NAAM_CONTROLE,
    _eigen_profiel,
    _event,
    _namen_controleren,
    _niet_in_toekomst,
    _tekst_lengte,
    _vandaag,
    _weiger,
)
from integriteit.vertrouwenspersonen.constants import (
    MAX_DUUR_MINUTEN,
    MIN_REACTIE_TEKENS,
    TRIVIALE_REACTIES,
    Categorie,
    JaarverslagStatus,
    Vervolg,
)
from integriteit.vertrouwenspersonen.models import (
    Aanbeveling,
    Contact,
    Jaarverslag,
    Overleg,
    Vertrouwenspersoon,
)
from integriteit.vertrouwenspersonen.selectors import gezag_scope
from integriteit.vertrouwenspersonen.services_profiel import (
    ProfielGegevens,
    termijn_beeindigen,
    vertrouwenspersoon_opslaan,
)

__all__ = [
    "MAX_TEKST",
    "NAAM_CONTROLE",
    "ProfielGegevens",
    "aanbeveling_doen",
    "cijfers_uit_logboek",
    "contact_vastleggen",
    "jaarverslag_uitbrengen",
    "notitie_lezen",
    "opvolging_vastleggen",
    "overleg_vastleggen",
    "reactie_fout",
    "reactie_vastleggen",
    "termijn_beeindigen",
    "vertrouwenspersoon_opslaan",
    "waarnemingen_opslaan",
]

# --- contact log (adviser) -------------------------------------------------------------------


def _notitie_context(contact_pk: int, vertrouwenspersoon_pk: int) -> bytes:
    return f"integriteit:vp:contact:{vertrouwenspersoon_pk}:{contact_pk}".encode()


@transaction.atomic
def contact_vastleggen(
    *,
    door: Any,
    vertrouwenspersoon: Vertrouwenspersoon,
    datum: date | None,
    duur_minuten: int | None,
    categorie: str,
    vervolg: str,
    notitie: str = "",
    naam_gecontroleerd: bool = False,
) -> Contact:
    """A contact in the adviser's own log; the note encrypted to the adviser's own key."""
    _eigen_profiel(vertrouwenspersoon, door)
    fouten: dict[str, str] = {}
    _niet_in_toekomst(fouten, "datum", datum, _("de datum"))
    if duur_minuten is None or not (1 <= duur_minuten <= MAX_DUUR_MINUTEN):
        fouten["duur_minuten"] = _("De duur moet tussen 1 en %(max)d minuten liggen.") % {
            "max": MAX_DUUR_MINUTEN
        }
    if categorie not in Categorie.values:
        fouten["categorie"] = _("Kies een categorie.")
    if vervolg not in Vervolg.values:
        fouten["vervolg"] = _("Kies het vervolg.")
    notitie = notitie.strip()
    _tekst_lengte(fouten, "notitie", notitie, _("de notitie"))
    publiek = publieke_sleutel(door) if notitie else None
    if notitie and publiek is None:
        fouten["notitie"] = _(
            "U heeft nog geen sleutel om de notitie te versleutelen. Log opnieuw in met uw "
            "wachtwoord, of laat de notitie leeg."
        )
    _namen_controleren(fouten, {"notitie": notitie}, naam_gecontroleerd)
    _weiger(fouten)
    assert datum is not None and duur_minuten is not None  # noqa: S101 - checked above
    contact = Contact.objects.create(
        vertrouwenspersoon=vertrouwenspersoon,
        datum=datum,
        duur_minuten=duur_minuten,
        categorie=categorie,
        vervolg=vervolg,
    )
    if notitie and publiek is not None:
        contact.notitie_versleuteld = crypto.envelop(
            publiek, notitie.encode(), _notitie_context(contact.pk, vertrouwenspersoon.pk)
        )
        contact.save(update_fields=["notitie_versleuteld"])
    _event(
        door,
        "contact_vastgelegd",
        contact,
        vertrouwenspersoon.organisatie_id,
        categorie=categorie,
        vervolg=vervolg,
        notitie=bool(notitie),
        naam_gecontroleerd=naam_gecontroleerd,
    )
    return contact


@transaction.atomic
def notitie_lezen(*, door: Any, contact: Contact, private: bytes) -> str:
    """The note in plain text for the adviser who wrote it; the reading is audited."""
    _eigen_profiel(contact.vertrouwenspersoon, door)
    if not contact.notitie_versleuteld:
        return ""
    tekst = crypto.envelop_open(
        private,
        bytes(contact.notitie_versleuteld),
        _notitie_context(contact.pk, contact.vertrouwenspersoon_id),
    ).decode()
    _event(door, "notitie_gelezen", contact, contact.vertrouwenspersoon.organisatie_id)
    return tekst


# --- meetings, report, recommendations (adviser) ---------------------------------------------


@transaction.atomic
def overleg_vastleggen(
    *,
    door: Any,
    vertrouwenspersoon: Vertrouwenspersoon,
    datum: date | None,
    tussentijds: bool,
    onderwerpen: str,
    aanwezig_bevoegd_gezag: str,
    naam_gecontroleerd: bool = False,
) -> Overleg:
    _eigen_profiel(vertrouwenspersoon, door)
    fouten: dict[str, str] = {}
    _niet_in_toekomst(fouten, "datum", datum, _("de datum"))
    if not onderwerpen.strip():
        fouten["onderwerpen"] = _("Vul de besproken onderwerpen in.")
    _tekst_lengte(fouten, "onderwerpen", onderwerpen, _("de onderwerpen"))
    if not aanwezig_bevoegd_gezag.strip():
        fouten["aanwezig_bevoegd_gezag"] = _(
            "Vul de functie in van wie namens het bevoegd gezag aanwezig was."
        )
    _namen_controleren(
        fouten,
        {"onderwerpen": onderwerpen, "aanwezig_bevoegd_gezag": aanwezig_bevoegd_gezag},
        naam_gecontroleerd,
    )
    _weiger(fouten)
    assert datum is not None  # noqa: S101 - checked above
    overleg = Overleg.objects.create(
        vertrouwenspersoon=vertrouwenspersoon,
        datum=datum,
        tussentijds=tussentijds,
        onderwerpen=onderwerpen.strip(),
        aanwezig_bevoegd_gezag=aanwezig_bevoegd_gezag.strip(),
    )
    _event(door, "overleg_vastgelegd", overleg, vertrouwenspersoon.organisatie_id)
    return overleg


def _jaar_geldig(jaar: int) -> None:
    if not (2000 <= jaar <= _vandaag().year):
        raise ValidationError({"jaar": _("Kies een verslagjaar tot en met dit jaar.")})


def _concept(vertrouwenspersoon: Vertrouwenspersoon, jaar: int) -> Jaarverslag:
    verslag, _nieuw = Jaarverslag.objects.select_for_update().get_or_create(
        vertrouwenspersoon=vertrouwenspersoon, jaar=jaar
    )
    if verslag.uitgebracht:
        raise ValidationError(
            {"jaar": _("Het jaarverslag %(jaar)d is al uitgebracht en ligt vast.") % {"jaar": jaar}}
        )
    return verslag


@transaction.atomic
def waarnemingen_opslaan(
    *,
    door: Any,
    vertrouwenspersoon: Vertrouwenspersoon,
    jaar: int,
    waarnemingen: str,
    naam_gecontroleerd: bool = False,
) -> Jaarverslag:
    _eigen_profiel(vertrouwenspersoon, door)
    _jaar_geldig(jaar)
    fouten: dict[str, str] = {}
    _tekst_lengte(fouten, "waarnemingen", waarnemingen, _("de waarnemingen"))
    _namen_controleren(fouten, {"waarnemingen": waarnemingen}, naam_gecontroleerd)
    _weiger(fouten)
    verslag = _concept(vertrouwenspersoon, jaar)
    verslag.waarnemingen = waarnemingen.strip()
    verslag.save(update_fields=["waarnemingen"])
    _event(door, "waarnemingen_opgeslagen", verslag, vertrouwenspersoon.organisatie_id, jaar=jaar)
    return verslag


@transaction.atomic
def aanbeveling_doen(
    *,
    door: Any,
    vertrouwenspersoon: Vertrouwenspersoon,
    tekst: str,
    jaar: int | None = None,
    naam_gecontroleerd: bool = False,
) -> Aanbeveling:
    """A recommendation in the (concept) report of ``jaar``, or between reports (``None``):
    the latter goes to the competent authority at once, the former when the report is issued."""
    _eigen_profiel(vertrouwenspersoon, door)
    fouten: dict[str, str] = {}
    if len(tekst.strip()) < 10:
        fouten["tekst"] = _("Schrijf de aanbeveling uit (minstens 10 tekens).")
    _tekst_lengte(fouten, "tekst", tekst, _("de aanbeveling"))
    _namen_controleren(fouten, {"tekst": tekst}, naam_gecontroleerd)
    _weiger(fouten)
    verslag = None
    if jaar is not None:
        _jaar_geldig(jaar)
        verslag = _concept(vertrouwenspersoon, jaar)
    aanbeveling = Aanbeveling.objects.create(
        vertrouwenspersoon=vertrouwenspersoon,
        jaarverslag=verslag,
        datum=_vandaag(),
        tekst=tekst.strip(),
    )
    _event(
        door,
        "aanbeveling_gedaan",
        aanbeveling,
        vertrouwenspersoon.organisatie_id,
        jaar=jaar,
    )
    return aanbeveling


def cijfers_uit_logboek(vertrouwenspersoon: Vertrouwenspersoon, jaar: int) -> dict[str, Any]:
    """The exact counts of ``jaar`` (and the year before) from the adviser's log now."""
    contacten = vertrouwenspersoon.contacten.filter(datum__year__in=[jaar, jaar - 1]).values_list(
        "datum__year", "categorie", "vervolg", "duur_minuten"
    )
    overleggen = vertrouwenspersoon.overleggen.filter(datum__year=jaar).values_list(
        "datum__year", "tussentijds"
    )
    return telling.ruwe_cijfers(jaar=jaar, contacten=contacten, overleggen=overleggen)


@transaction.atomic
def jaarverslag_uitbrengen(
    *, door: Any, vertrouwenspersoon: Vertrouwenspersoon, jaar: int
) -> Jaarverslag:
    """Issue the report: the counts are fixed from the log, the report no longer changes and
    its recommendations appear in the competent authority's overview."""
    _eigen_profiel(vertrouwenspersoon, door)
    _jaar_geldig(jaar)
    verslag = _concept(vertrouwenspersoon, jaar)
    if not verslag.waarnemingen.strip():
        raise ValidationError(
            {"waarnemingen": _("Schrijf uw waarnemingen voordat u het verslag uitbrengt.")}
        )
    verslag.cijfers = cijfers_uit_logboek(vertrouwenspersoon, jaar)
    verslag.status = JaarverslagStatus.UITGEBRACHT
    verslag.uitgebracht_op = _vandaag()
    verslag.save(update_fields=["cijfers", "status", "uitgebracht_op"])
    _event(
        door,
        "jaarverslag_uitgebracht",
        verslag,
        vertrouwenspersoon.organisatie_id,
        jaar=jaar,
        aanbevelingen=verslag.aanbevelingen.count(),
    )
    return verslag


# --- response and follow-up (competent authority) --------------------------------------------


def _mag_reageren(gebruiker: Any, aanbeveling: Aanbeveling) -> None:
    organisatie = aanbeveling.vertrouwenspersoon.organisatie
    if not gezag_scope(gebruiker=gebruiker).covers(pad=organisatie.pad, node_id=organisatie.pk):
        raise PermissionDenied


def reactie_fout(tekst: str) -> str | None:
    """Why ``tekst`` is not a substantive response, or ``None`` when it is."""
    kern = " ".join(tekst.lower().split()).strip(" .!")
    if kern in TRIVIALE_REACTIES:
        return _(
            "‘%(tekst)s’ is geen inhoudelijke reactie. Schrijf wat u met de aanbeveling doet "
            "en waarom."
        ) % {"tekst": tekst.strip()}
    if len(kern) < MIN_REACTIE_TEKENS:
        return _(
            "Een inhoudelijke reactie telt minstens %(n)d tekens: schrijf wat u met de "
            "aanbeveling doet en waarom."
        ) % {"n": MIN_REACTIE_TEKENS}
    return None


@transaction.atomic
def reactie_vastleggen(
    *, door: Any, aanbeveling: Aanbeveling, reactie: str, naam_gecontroleerd: bool = False
) -> Aanbeveling:
    """The competent authority's substantive response (norm 12)."""
    _mag_reageren(door, aanbeveling)
    aanbeveling = Aanbeveling.objects.select_for_update().get(pk=aanbeveling.pk)
    fouten: dict[str, str] = {}
    fout = reactie_fout(reactie)
    if fout:
        fouten["reactie"] = fout
    _tekst_lengte(fouten, "reactie", reactie, _("de reactie"))
    _namen_controleren(fouten, {"reactie": reactie}, naam_gecontroleerd)
    _weiger(fouten)
    aanbeveling.reactie = reactie.strip()
    aanbeveling.reactie_op = _vandaag()
    aanbeveling.reactie_door = door
    aanbeveling.save(update_fields=["reactie", "reactie_op", "reactie_door"])
    _event(
        door,
        "reactie_vastgelegd",
        aanbeveling,
        aanbeveling.vertrouwenspersoon.organisatie_id,
    )
    return aanbeveling


@transaction.atomic
def opvolging_vastleggen(
    *, door: Any, aanbeveling: Aanbeveling, opvolging: str, naam_gecontroleerd: bool = False
) -> Aanbeveling:
    """What was done with the recommendation; only after a response."""
    _mag_reageren(door, aanbeveling)
    aanbeveling = Aanbeveling.objects.select_for_update().get(pk=aanbeveling.pk)
    fouten: dict[str, str] = {}
    if not aanbeveling.reactie:
        fouten["opvolging"] = _("Leg eerst de inhoudelijke reactie vast.")
    elif len(opvolging.strip()) < 10:
        fouten["opvolging"] = _("Beschrijf wat er met de aanbeveling is gedaan.")
    _tekst_lengte(fouten, "opvolging", opvolging, _("de opvolging"))
    _namen_controleren(fouten, {"opvolging": opvolging}, naam_gecontroleerd)
    _weiger(fouten)
    aanbeveling.opvolging = opvolging.strip()
    aanbeveling.opvolging_op = _vandaag()
    aanbeveling.save(update_fields=["opvolging", "opvolging_op"])
    _event(
        door,
        "opvolging_vastgelegd",
        aanbeveling,
        aanbeveling.vertrouwenspersoon.organisatie_id,
    )
    return aanbeveling
