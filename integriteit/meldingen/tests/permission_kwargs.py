"""How the generated permission tests fill the URL parameters of this app's views.

``side`` is "eigen" (a report of OCW, inside the test user's scope) or "ander" (of FIN).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from integriteit.accounts.models import Gebruiker
from integriteit.accounts.tests.factories import GebruikerFactory
from integriteit.common.roles import Rol
from integriteit.conftest import World
from integriteit.meldingen import services
from integriteit.meldingen.constants import Kanaal
from integriteit.meldingen.models import Identiteitsverzoek, Melding, Meldregeling


def melding(world: World, side: str) -> Melding:
    """A report received by phone, with an attachment, on OCW ("eigen") or FIN. The bevoegd
    gezag of OCW (the test user, made before this is called) is one of its handlers: a
    bevoegd gezag sees only the reports that reach it."""
    organisatie = world.ocw if side == "eigen" else world.fin
    ontvangen = services.melding_ontvangen(
        invoer=services.Invoer(
            organisatie=organisatie,
            soort="belangen",
            kanaal=Kanaal.TELEFOON,
            inhoud=services.Inhoud(wat="Testmelding"),
            bijlagen=[SimpleUploadedFile("a.txt", b"bijlage", "text/plain")],
        )
    )
    gezag = Gebruiker.objects.filter(
        lidmaatschappen__organisatie=organisatie, lidmaatschappen__rol=Rol.BEVOEGD_GEZAG
    )
    ontvangen.melding.behandelaars.add(*gezag)
    return ontvangen.melding


def _bijlage(world: World, side: str) -> dict[str, Any]:
    m = melding(world, side)
    first = m.bijlagen.first()
    assert first is not None
    return {"pk": m.pk, "bijlage": first.pk}


def _verzoek(world: World, side: str) -> dict[str, Any]:
    """An open identity request. On OCW the test user (the only member of OCW, made before
    this is called) is the identity custodian, so the POST without data reaches the form's
    errors; on FIN someone else is, so an OCW user gets 404."""
    organisatie = world.ocw if side == "eigen" else world.fin
    m = melding(world, side)
    aanvrager = m.behandelaars.first() or GebruikerFactory.create()
    if side == "eigen":
        bewaarder = Gebruiker.objects.filter(lidmaatschappen__organisatie=organisatie).first()
    else:
        bewaarder = GebruikerFactory.create()
    Meldregeling.objects.update_or_create(
        organisatie=organisatie, defaults={"identiteitsbewaarder": bewaarder}
    )
    verzoek = Identiteitsverzoek.objects.create(melding=m, aangevraagd_door=aanvrager, reden="r")
    return {"pk": verzoek.pk}


OBJECT_KWARGS: dict[str, Callable[[World, str], dict[str, Any]]] = {
    # The registry: a coordinator without a grant sees the metadata and "no access"; the
    # steps (POST, no data) send back to the report with a message; FIN → 404.
    "meldingen:register_detail": lambda w, s: {"pk": melding(w, s).pk},
    "meldingen:register_actie": lambda w, s: {"pk": melding(w, s).pk},
    "meldingen:register_bijlage": _bijlage,
    # The reporter's identity (views/identiteit.py): reading it (POST) shows an OCW member
    # without a grant why not (200), asking for it without a reason sends back to the report
    # with a message; deciding a request is for the report's custodian only (FIN → 404).
    "meldingen:identiteit_inzien": lambda w, s: {"pk": melding(w, s).pk},
    "meldingen:identiteit_opvragen": lambda w, s: {"pk": melding(w, s).pk},
    "meldingen:identiteitsverzoek_beslissen": _verzoek,
    # Public pages (views/publiek.py): the OCW reporting page; an attachment of the mailbox
    # without an opened mailbox sends the visitor to the code form.
    "melden:organisatie": lambda w, s: {"code": w.ocw.code},
    "melden:postbus_bijlage": lambda w, s: {"pk": 1},
}

#: Public pages are the same for everyone: no out-of-scope variant.
NOT_SCOPED: frozenset[str] = frozenset({"melden:organisatie", "melden:postbus_bijlage"})
