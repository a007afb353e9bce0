"""Who the token acts as now: to check a token and its current roles."""

from __future__ import annotations

from typing import cast

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from integriteit.accounts.selectors import rollen
from integriteit.api.models import ApiToken
from integriteit.api.serializers import TokenInfoSerializer
from integriteit.api.views.base import ApiView
from integriteit.api.views.beoordelingen import FOUTEN
from integriteit.common.permissions import Capability


class IkView(ApiView):
    capability = Capability.API_TOKENS

    @extend_schema(
        operation_id="ik",
        summary="Het token en zijn gebruiker",
        description="Namens wie het token werkt, met de rollen die die gebruiker nu heeft.",
        responses={200: TokenInfoSerializer, **FOUTEN},
        tags=["token"],
    )
    def get(self, request: Request) -> Response:
        self.query(request)
        token = cast(ApiToken, request.auth)
        data = {
            "gebruiker": request.user.get_username(),
            "rollen": rollen(gebruiker=request.user),
            "token": str(token),
            "verloopt_op": token.verloopt_op,
        }
        return Response(TokenInfoSerializer(data).data)
