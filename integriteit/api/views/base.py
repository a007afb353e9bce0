"""What every API endpoint shares: Bearer-token authentication only, the capability check
of the matrix, throttling, strict query parameters, and how a class becomes a URL callback
that the generated permission tests can read (``capability`` on the callback)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import APIView

from integriteit.api.authentication import BearerTokenAuthentication
from integriteit.api.constants import MAX_PK
from integriteit.api.permissions import HeeftCapability
from integriteit.api.serializers import Serializer
from integriteit.api.throttling import TokenGebruikerThrottle
from integriteit.common.permissions import Capability

#: drf-spectacular names a ``pk`` path parameter "id"; this one replaces what it would
#: guess from the URL converter (a string pattern) with an integer.
PK_PARAMETER = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Id van het object."
)


class ApiView(APIView):
    """Base of every endpoint: declare ``capability`` (and ``query_serializer`` for GET)."""

    capability: ClassVar[Capability]
    query_serializer: ClassVar[type[Serializer] | None] = None
    authentication_classes = [BearerTokenAuthentication]
    permission_classes = [HeeftCapability]
    throttle_classes = [TokenGebruikerThrottle]

    def query(self, request: Request) -> dict[str, Any]:
        """The validated query parameters; an unknown parameter or a bad value is a 400."""
        allowed = set(self.query_serializer().fields) if self.query_serializer else set()
        unknown = sorted(set(request.query_params) - allowed)
        if unknown:
            raise exceptions.ValidationError({key: [_("Onbekende parameter.")] for key in unknown})
        if self.query_serializer is None:
            return {}
        data = {key: request.query_params.get(key) for key in request.query_params}
        serializer = self.query_serializer(data=data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)


STANDAARD_LIMIT = 100


def pagina(
    request: Request,
    items: QuerySet[Any],
    query: dict[str, Any],
    weergave: Callable[[Any], dict[str, Any]],
    serializer: type[Serializer],
) -> Response:
    """One page of ``items`` (a queryset: counted and sliced in the database) as
    ``{"aantal", "volgende", "vorige", "resultaten"}``, with ``limit``/``offset``."""
    limit = int(query.get("limit") or STANDAARD_LIMIT)
    offset = int(query.get("offset") or 0)
    aantal = items.count()
    url = request.build_absolute_uri()
    volgende = None
    if offset + limit < aantal:
        volgende = replace_query_param(url, "offset", offset + limit)
    vorige = None
    if offset > 0:
        vorige = (
            remove_query_param(url, "offset")
            if offset - limit <= 0
            else replace_query_param(url, "offset", offset - limit)
        )
    resultaten = serializer([weergave(i) for i in items[offset : offset + limit]], many=True).data
    return Response(
        {"aantal": aantal, "volgende": volgende, "vorige": vorige, "resultaten": resultaten}
    )


def object_pk(pk: int) -> int:
    """An id from the URL that can name a row; anything else is simply not found."""
    if not 1 <= pk <= MAX_PK:
        raise exceptions.NotFound
    return pk


def service_fout(error: DjangoValidationError) -> exceptions.ValidationError:
    """A service's ValidationError (Dutch, naming the field) as a 400 of the API."""
    if hasattr(error, "error_dict"):
        return exceptions.ValidationError(
            {field: [str(m) for m in messages] for field, messages in error.message_dict.items()}
        )
    return exceptions.ValidationError({"algemeen": [str(m) for m in error.messages]})


def endpoint(view_class: type[ApiView]) -> Callable[..., Any]:
    """``as_view()`` with the view's capability on the callback, where the generated
    permission tests (common/tests/test_permission_matrix.py) look for it."""
    view = view_class.as_view()
    view.capability = view_class.capability  # type: ignore[attr-defined]
    view.is_api = True  # type: ignore[attr-defined]
    return view


class _NietGevonden(APIView):
    """Any other URL under /api/v1/: a JSON 404, whatever the method or credentials."""

    authentication_classes = []
    permission_classes = []
    throttle_classes = []

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        raise exceptions.NotFound


niet_gevonden = _NietGevonden.as_view()
