"""Statistics of reports: the figures of ``meldingen/statistiek.py`` for a year and an
organisation, exact for the own organisation and with "<5" where the page shows it."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.response import Response

from integriteit.api import presenters
from integriteit.api import selectors as api_selectors
from integriteit.api.serializers import StatistiekQuery, StatistiekSerializer
from integriteit.api.views.base import ApiView
from integriteit.api.views.beoordelingen import FOUTEN_OBJECT
from integriteit.common.permissions import Capability

EERSTE_JAAR = 2000


class StatistiekView(ApiView):
    capability = Capability.MELDING_STATISTIEK
    query_serializer = StatistiekQuery

    @extend_schema(
        operation_id="meldingen_statistiek",
        summary="Statistiek van meldingen",
        description=(
            "Aantallen per soort, kanaal, triage en afloop, meldingen per 100 fte, het aandeel "
            "op tijd bevestigd en teruggekoppeld en de mediane doorlooptijden — alleen "
            "metadata. Voor de eigen organisatie exact; rijksbreed (BZK, auditor) staan "
            "aantallen onder 5 als ‘<5’ (waarde null) en is zo nodig een tweede aantal "
            "afgeschermd. Een organisatie die u niet mag kiezen geeft 404."
        ),
        parameters=[StatistiekQuery],
        responses={200: StatistiekSerializer, **FOUTEN_OBJECT},
        tags=["meldingen"],
    )
    def get(self, request: Request) -> Response:
        query = self.query(request)
        vandaag = timezone.localdate()
        jaar = query.get("jaar") or vandaag.year
        if not EERSTE_JAAR <= jaar <= vandaag.year:
            raise exceptions.ValidationError(
                {
                    "jaar": [
                        _("Kies een jaar van %(van)d tot en met %(tot)d.")
                        % {"van": EERSTE_JAAR, "tot": vandaag.year}
                    ]
                }
            )
        uitkomst = api_selectors.melding_statistiek(
            gebruiker=request.user, organisatie=query.get("organisatie"), jaar=jaar, vandaag=vandaag
        )
        data = presenters.statistiek(
            uitkomst.keuze, uitkomst.opties, uitkomst.jaar, uitkomst.cijfers, uitkomst.onderdelen
        )
        return Response(StatistiekSerializer(data).data)
