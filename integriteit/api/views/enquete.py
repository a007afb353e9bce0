"""The employee survey: waves, their results (suppressed exactly as the results pages:
``medewerkersonderzoek.resultaten``) and importing responses through the import service of
that app (all or nothing; errors name the row and column)."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from integriteit.api import presenters
from integriteit.api import selectors as api_selectors
from integriteit.api.serializers import (
    GolfResultatenSerializer,
    GolfSerializer,
    ImportFoutSerializer,
    ImportInvoerSerializer,
    ImportUitkomstSerializer,
    ResultatenQuery,
)
from integriteit.api.views.base import PK_PARAMETER, ApiView, object_pk
from integriteit.api.views.beoordelingen import FOUTEN, FOUTEN_OBJECT
from integriteit.common.permissions import Capability
from integriteit.medewerkersonderzoek.imports import ImportFout, responses_import
from integriteit.medewerkersonderzoek.imports.readers import MAX_BYTES
from integriteit.medewerkersonderzoek.resultaten import (
    golf_resultaten,
    toegestane_knopen,
    zichtbare_knopen,
)
from integriteit.medewerkersonderzoek.views.importeren import ALLE_EXTENSIES, EXTENSIES

RESULTATEN = Capability.ENQUETE_RESULTATEN


class GolvenView(ApiView):
    capability = RESULTATEN

    @extend_schema(
        operation_id="golven_lijst",
        summary="Golven van het medewerkersonderzoek",
        description="De golven met een organisatie of eenheid binnen uw bereik.",
        responses={200: GolfSerializer(many=True), **FOUTEN},
        tags=["enquete"],
    )
    def get(self, request: Request) -> Response:
        self.query(request)
        golven = api_selectors.golf_list(gebruiker=request.user, capability=RESULTATEN)
        return Response(GolfSerializer([presenters.golf(g) for g in golven], many=True).data)


class GolfResultatenView(ApiView):
    capability = RESULTATEN
    query_serializer = ResultatenQuery

    @extend_schema(
        operation_id="golf_resultaten",
        summary="Uitkomsten van een golf per knooppunt",
        description=(
            "Per knooppunt (organisatie, directoraat, eenheid) dat uw rol mag zien: de "
            "uitkomsten per vraag en per schaal. Een knooppunt onder de minimale "
            "groepsgrootte — of afgeschermd zodat een kleine groep niet af te leiden is — staat "
            "erin als onderdrukt, zonder cijfers. Open antwoorden staan er nooit in."
        ),
        parameters=[PK_PARAMETER, ResultatenQuery],
        responses={200: GolfResultatenSerializer, **FOUTEN_OBJECT},
        tags=["enquete"],
    )
    def get(self, request: Request, pk: int) -> Response:
        query = self.query(request)
        golf = api_selectors.golf_get(
            gebruiker=request.user, pk=object_pk(pk), capability=RESULTATEN
        )
        res = golf_resultaten(golf=golf)
        toegestaan = toegestane_knopen(
            resultaten=res, gebruiker=request.user, capability=RESULTATEN
        )
        zichtbaar = zichtbare_knopen(resultaten=res, gebruiker=request.user, capability=RESULTATEN)
        eenheid = query.get("eenheid")
        if eenheid:
            if eenheid not in toegestaan:
                raise exceptions.NotFound
            toegestaan = {eenheid}
        data = presenters.golf_resultaten(golf, res, toegestaan, zichtbaar)
        return Response(GolfResultatenSerializer(data).data)


def _bestand_check(invoer: ImportInvoerSerializer) -> None:
    """The checks of the import page's form (extension, size, format) as field errors."""
    data = invoer.validated_data
    bestand = data["bestand"]
    suffix = PurePath(bestand.name or "").suffix.lower()
    if bestand.size is not None and bestand.size > MAX_BYTES:
        raise exceptions.ValidationError(
            {"bestand": [_("Het bestand is groter dan %(max)d MB.") % {"max": MAX_BYTES // 2**20}]}
        )
    if suffix not in ALLE_EXTENSIES:
        message = _("Kies een bestand met de extensie %(ext)s.") % {
            "ext": ", ".join(ALLE_EXTENSIES)
        }
        raise exceptions.ValidationError({"bestand": [message]})
    formaat = data.get("formaat", "auto")
    if formaat in EXTENSIES and suffix not in EXTENSIES[formaat]:
        message = _("Een bestand met de extensie %(ext)s past niet bij dit formaat.")
        raise exceptions.ValidationError({"formaat": [message % {"ext": suffix}]})
    koppeling = data.get("koppeling")
    if koppeling is not None and PurePath(koppeling.name or "").suffix.lower() not in (
        ".yaml",
        ".yml",
    ):
        message = _("Kies een koppelbestand met de extensie .yaml of .yml.")
        raise exceptions.ValidationError({"koppeling": [message]})


class GolfImportView(ApiView):
    capability = Capability.ENQUETE_BEHEREN
    parser_classes = [MultiPartParser]

    @extend_schema(
        operation_id="golf_import",
        summary="Antwoorden importeren in een golf",
        description=(
            "Upload een antwoordbestand (multipart/form-data, veld ‘bestand’). Alles of niets: "
            "bij één fout wordt niets opgeslagen en noemt het antwoord elke fout met regel en "
            "kolom. Voor zeer grote bestanden is de importpagina (achtergrondtaak) bedoeld."
        ),
        parameters=[PK_PARAMETER],
        request={"multipart/form-data": ImportInvoerSerializer},
        responses={
            201: ImportUitkomstSerializer,
            **FOUTEN_OBJECT,
            400: OpenApiResponse(
                ImportFoutSerializer, description="Het bestand is geweigerd; niets opgeslagen."
            ),
        },
        tags=["enquete"],
    )
    def post(self, request: Request, pk: int) -> Response:
        self.query(request)
        golf = api_selectors.golf_get_beheren(gebruiker=request.user, pk=object_pk(pk))
        invoer = ImportInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        _bestand_check(invoer)
        data = invoer.validated_data
        koppeling = data.get("koppeling")
        koppeling_naam = koppeling.name if koppeling is not None else ""
        try:
            uitkomst = responses_import(
                acting_user=request.user,
                golf=golf,
                data=data["bestand"].read(),
                bestandsnaam=data["bestand"].name or "",
                formaat=data.get("formaat", "auto"),
                koppeling=koppeling.read() if koppeling is not None else None,
                koppeling_naam=koppeling_naam or "koppeling.yaml",
            )
        except ImportFout as fout:
            fout_body: dict[str, Any] = {
                "fout": _("Het bestand is geweigerd; er is niets opgeslagen."),
                "fouten": fout.fouten,
                "waarschuwingen": fout.waarschuwingen,
            }
            return Response(
                ImportFoutSerializer(fout_body).data, status=status.HTTP_400_BAD_REQUEST
            )
        body: dict[str, Any] = {
            "aantal": uitkomst.aantal,
            "formaat": uitkomst.formaat,
            "samenvatting": uitkomst.samenvatting(),
            "waarschuwingen": uitkomst.waarschuwingen,
        }
        return Response(ImportUitkomstSerializer(body).data, status=status.HTTP_201_CREATED)
