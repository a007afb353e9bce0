"""Assessments: cycles, the list and detail of assessments with their ratings (read scope of
``normenkader.selectors``), the government-wide heatmap, and setting one rating through
``normenkader.services.oordeel_update`` with the page's ``may_author`` rule."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import exceptions
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response

from integriteit.api import presenters
from integriteit.api import selectors as api_selectors
from integriteit.api.serializers import (
    BeoordelingDetailSerializer,
    BeoordelingenQuery,
    BeoordelingPaginaSerializer,
    BeoordelingSerializer,
    CyclusSerializer,
    FoutSerializer,
    HeatmapQuery,
    HeatmapSerializer,
    OordeelInvoerSerializer,
    OordeelSerializer,
)
from integriteit.api.views.base import PK_PARAMETER, ApiView, object_pk, pagina, service_fout
from integriteit.common.permissions import Capability
from integriteit.normenkader import selectors, services
from integriteit.normenkader.constants import ONBEKEND, AppliesTo
from integriteit.normenkader.models import Niveau, Oordeel

FOUTEN = {
    400: OpenApiResponse(FoutSerializer, description="Ongeldige invoer of parameter."),
    401: OpenApiResponse(FoutSerializer, description="Geen of een ongeldig token."),
    403: OpenApiResponse(FoutSerializer, description="Uw rol geeft hier geen recht op."),
    429: OpenApiResponse(FoutSerializer, description="Te veel verzoeken; zie Retry-After."),
}
FOUTEN_OBJECT = {
    **FOUTEN,
    404: OpenApiResponse(FoutSerializer, description="Niet gevonden of buiten uw bereik."),
}


class CycliView(ApiView):
    capability = Capability.BEOORDELING_LEZEN

    @extend_schema(
        operation_id="cycli_lijst",
        summary="Beoordelingscycli",
        description="Alle cycli (jaar en normenkader), nieuwste eerst.",
        responses={200: CyclusSerializer(many=True), **FOUTEN},
        tags=["beoordelingen"],
    )
    def get(self, request: Request) -> Response:
        self.query(request)
        data = [presenters.cyclus(c) for c in selectors.cyclus_list()]
        return Response(CyclusSerializer(data, many=True).data)


class BeoordelingenView(ApiView):
    capability = Capability.BEOORDELING_LEZEN
    query_serializer = BeoordelingenQuery

    @extend_schema(
        operation_id="beoordelingen_lijst",
        summary="Beoordelingen in uw bereik",
        description=(
            "De beoordelingen van de organisaties waar u beoordelingen mag lezen: elke versie "
            "en status. Gepagineerd met limit en offset."
        ),
        parameters=[BeoordelingenQuery],
        responses={200: BeoordelingPaginaSerializer, **FOUTEN},
        tags=["beoordelingen"],
    )
    def get(self, request: Request) -> Response:
        query = self.query(request)
        beoordelingen = api_selectors.beoordeling_list(
            gebruiker=request.user,
            cyclus=query.get("cyclus"),
            organisatie=query.get("organisatie"),
            soort=query.get("soort"),
            status=query.get("status"),
        )
        return pagina(request, beoordelingen, query, presenters.beoordeling, BeoordelingSerializer)


class BeoordelingView(ApiView):
    capability = Capability.BEOORDELING_LEZEN

    @extend_schema(
        operation_id="beoordeling_detail",
        summary="Eén beoordeling met de oordelen",
        description="De beoordeling met per norm het niveau, de bevinding en de bron.",
        parameters=[PK_PARAMETER],
        responses={200: BeoordelingDetailSerializer, **FOUTEN_OBJECT},
        tags=["beoordelingen"],
    )
    def get(self, request: Request, pk: int) -> Response:
        self.query(request)
        item = selectors.beoordeling_get(gebruiker=request.user, pk=object_pk(pk))
        data = presenters.beoordeling(item)
        data["oordelen"] = [presenters.oordeel(o) for o in selectors.oordelen_of(beoordeling=item)]
        return Response(BeoordelingDetailSerializer(data).data)


class HeatmapView(ApiView):
    capability = Capability.HEATMAP_RIJKSBREED
    query_serializer = HeatmapQuery

    @extend_schema(
        operation_id="heatmap",
        summary="Heatmap: organisaties × normen",
        description=(
            "De niveaus per organisatie en norm in één cyclus, met per norm het aantal "
            "organisaties per niveau. Buiten uw leesbereik alleen definitieve beoordelingen, "
            "zonder bevindingen."
        ),
        parameters=[HeatmapQuery],
        responses={200: HeatmapSerializer, **FOUTEN},
        tags=["beoordelingen"],
    )
    def get(self, request: Request) -> Response:
        query = self.query(request)
        if "cyclus" in query:
            cyclus = selectors.cyclus_list().filter(pk=query["cyclus"]).first()
            if cyclus is None:
                raise exceptions.ValidationError({"cyclus": [_("Onbekende cyclus.")]})
        else:
            cyclus = selectors.cyclus_default()
            if cyclus is None:
                raise exceptions.ValidationError({"cyclus": [_("Er is nog geen cyclus.")]})
        hm = selectors.heatmap(
            gebruiker=request.user,
            cyclus=cyclus,
            soort=query.get("soort") or selectors.soort_default(cyclus=cyclus),
            applies_to=query.get("rol") or AppliesTo.ORGANISATION,
        )
        return Response(HeatmapSerializer(presenters.heatmap(hm)).data)


def _niveau(oordeel: Oordeel, data: dict[str, Any]) -> Niveau:
    """The level by its code on the framework's scale; a finding unless 'onbekend'."""
    niveau = Niveau.objects.filter(
        normenkader_id=oordeel.beoordeling.cyclus.normenkader_id, code=data["niveau"]
    ).first()
    if niveau is None:
        codes = ", ".join(
            Niveau.objects.filter(normenkader_id=oordeel.beoordeling.cyclus.normenkader_id)
            .order_by("-rang")
            .values_list("code", flat=True)
        )
        raise exceptions.ValidationError(
            {"niveau": [_("Onbekend niveau; kies uit: %(codes)s.") % {"codes": codes}]}
        )
    if niveau.code != ONBEKEND and not str(data.get("bevinding", "")).strip():
        raise exceptions.ValidationError(
            {
                "bevinding": [
                    _(
                        "Beschrijf de bevinding waarop het oordeel steunt; alleen bij ‘onbekend’ "
                        "mag die leeg blijven."
                    )
                ]
            }
        )
    return niveau


class OordeelView(ApiView):
    capability = Capability.BEOORDELING_SCHRIJVEN
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="oordeel_zetten",
        summary="Een oordeel zetten",
        description=(
            "Zet het niveau, de bevinding en de bron van één norm in een concept-beoordeling. "
            "Alleen wie die soort beoordeling van de organisatie mag schrijven; een ingediende "
            "of definitieve beoordeling verandert niet (400)."
        ),
        parameters=[PK_PARAMETER],
        request=OordeelInvoerSerializer,
        responses={200: OordeelSerializer, **FOUTEN_OBJECT},
        examples=[
            OpenApiExample(
                "Voldoet",
                value={
                    "niveau": "voldoet",
                    "bevinding": "Het onderzoeksprotocol is in 2024 vastgesteld.",
                    "bron": "Integriteitsbeleid 2024, §3",
                },
                request_only=True,
            )
        ],
        tags=["beoordelingen"],
    )
    def put(self, request: Request, pk: int) -> Response:
        self.query(request)
        oordeel = selectors.oordeel_get(gebruiker=request.user, pk=object_pk(pk))
        # The shape of the input first (400), then whether this user may author this kind
        # of assessment of this organisation (403): one who may read it gets to know what a
        # valid request looks like, not more.
        invoer = OordeelInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        data = dict(invoer.validated_data)
        beoordeling = oordeel.beoordeling
        if not selectors.may_author(
            gebruiker=request.user, soort=beoordeling.soort, organisatie=beoordeling.organisatie
        ):
            soort = beoordeling.get_soort_display().lower()
            raise exceptions.PermissionDenied(
                _("U mag deze %(soort)s van %(org)s niet wijzigen.")
                % {"soort": soort, "org": beoordeling.organisatie.code}
            )
        niveau = _niveau(oordeel, data)
        try:
            bijgewerkt = services.oordeel_update(
                acting_user=request.user,
                oordeel=oordeel,
                niveau=niveau,
                bevinding=data["bevinding"],
                bron=data["bron"],
            )
        except DjangoValidationError as error:
            raise service_fout(error) from error
        return Response(OordeelSerializer(presenters.oordeel(bijgewerkt)).data)
