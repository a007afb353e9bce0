"""How the generated permission tests fill the URL parameters of this app's views.

``side`` is "eigen" (a report of OCW, inside the test user's scope) or "ander" (of FIN).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from integriteit.accounts.models import Gebruiker
from integriteit.common.roles import Rol
from integriteit.conftest import World
from integriteit.meldingen import services
from integriteit.meldingen.constants import Kanaal
from integriteit.meldingen.models import Melding


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


OBJECT_KWARGS: dict[str, Callable[[World, str], dict[str, Any]]] = {
    # The registry: a coordinator without a grant sees the metadata and "no access"; the
    # steps (POST, no data) send back to the report with a message; FIN → 404.
    "meldingen:register_detail": lambda w, s: {"pk": melding(w, s).pk},
    "meldingen:register_actie": lambda w, s: {"pk": melding(w, s).pk},
    "meldingen:register_bijlage": _bijlage,
    # Public pages (views/publiek.py): the OCW reporting page; an attachment of the mailbox
    # without an opened mailbox sends the visitor to the code form.
    "melden:organisatie": lambda w, s: {"code": w.ocw.code},
    "melden:postbus_bijlage": lambda w, s: {"pk": 1},
}

#: Public pages are the same for everyone: no out-of-scope variant.
NOT_SCOPED: frozenset[str] = frozenset({"melden:organisatie", "melden:postbus_bijlage"})
