"""How the generated permission tests fill the URL parameters of this app's views.

``side`` is "eigen" (OCW, inside the test user's scope) or "ander" (FIN).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from integriteit.accounts.models import Gebruiker
from integriteit.accounts.tests.factories import GebruikerFactory
from integriteit.api.models import ApiToken
from integriteit.api.services import apitoken_create
from integriteit.conftest import World
from integriteit.medewerkersonderzoek.tests.permission_kwargs import golf
from integriteit.normenkader.tests import world as data
from integriteit.organisaties.models import Organisatie


def _org(world: World, side: str) -> Organisatie:
    return world.ocw if side == "eigen" else world.fin


def _token(world: World, side: str) -> ApiToken:
    """ "eigen": a token of the test's own user (the generated tests name it ``test.<rol>``
    and create it just before filling the URL); "ander": a token of someone else — a user
    only ever revokes their own tokens, so that is a 404 for every role."""
    eigen = Gebruiker.objects.filter(username__startswith="test.").order_by("-pk").first()
    gebruiker = eigen if side == "eigen" and eigen is not None else GebruikerFactory.create()
    return apitoken_create(acting_user=gebruiker, naam="matrix").api_token


OBJECT_KWARGS: dict[str, Callable[[World, str], dict[str, Any]]] = {
    "api:token_revoke": lambda w, s: {"pk": _token(w, s).pk},
    "api:beoordeling": lambda w, s: {"pk": data.beoordeling(_org(w, s)).pk},
    "api:oordeel": lambda w, s: {"pk": data.oordeel(_org(w, s)).pk},
    "api:golf_resultaten": lambda w, s: {"pk": golf(w, s).pk},
    "api:golf_import": lambda w, s: {"pk": golf(w, s).pk},
}

NOT_SCOPED: frozenset[str] = frozenset()
