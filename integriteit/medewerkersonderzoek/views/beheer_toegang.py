"""Which wave a user may see or run: shared by the management views."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from integriteit.accounts.selectors import Scope, scope_for
from integriteit.common.permissions import Capability
from integriteit.medewerkersonderzoek import selectors
from integriteit.medewerkersonderzoek.models import Golf


def scope(request: HttpRequest, capability: Capability) -> Scope:
    return scope_for(gebruiker=request.user, capability=capability)


def runs(scope_beheren: Scope, golf: Golf) -> bool:
    """Whether the wave's own organisation is in the management scope: a ministry's
    coordinator sees a government-wide wave for the own part, but does not run it."""
    return scope_beheren.covers(pad=golf.organisatie.pad, node_id=golf.organisatie_id)


def golf_get(request: HttpRequest, pk: int, *, beheren: bool = False) -> Golf:
    """The wave ``pk`` if the user may see it — with ``beheren``, run it — else 404 (also
    for waves elsewhere, so the answer does not tell which waves exist)."""
    capability = Capability.ENQUETE_BEHEREN if beheren else Capability.ENQUETE_RESPONS_LEZEN
    user_scope = scope(request, capability)
    golf = selectors.golf_list(scope=user_scope).filter(pk=pk).first()
    if golf is None or (beheren and not runs(user_scope, golf)):
        raise Http404
    return golf
