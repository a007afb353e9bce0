"""How the generated permission tests fill the URL parameters of the job views.

A job is visible only to the user who started it: "eigen" is a job of the requesting test user
(the newest ``test.<rol>`` user), "ander" a job of someone else (must give 404).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.files.base import ContentFile

from integriteit.accounts.models import Gebruiker
from integriteit.accounts.tests.factories import GebruikerFactory
from integriteit.conftest import World
from integriteit.taken.models import Taak, TaakStatus


def taak(world: World, side: str) -> Taak:
    owner = Gebruiker.objects.filter(username__startswith="test.").order_by("-pk").first()
    if side != "eigen" or owner is None:
        owner = GebruikerFactory.create(username=f"ander.{Gebruiker.objects.count()}")
    job = Taak.objects.create(
        soort="test.echo", titel="Proeftaak", aangemaakt_door=owner, status=TaakStatus.KLAAR
    )
    job.bestandsnaam = "uitkomst.txt"
    job.bestand.save("uitkomst.txt", ContentFile(b"klaar"), save=True)
    return job


OBJECT_KWARGS: dict[str, Callable[[World, str], dict[str, Any]]] = {
    "taken:detail": lambda w, s: {"pk": taak(w, s).pk},
    "taken:bestand": lambda w, s: {"pk": taak(w, s).pk},
}
