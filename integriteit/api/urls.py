"""The URLs of the REST API (issue 8) under /api/: the public index and schema, the token
page, and the JSON endpoints under /api/v1/. Anything else under /api/v1/ is a JSON 404."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path, re_path, register_converter
from drf_spectacular.views import SpectacularAPIView

from integriteit.api.views import beoordelingen, enquete, ik, meldingen, paginas
from integriteit.api.views.base import endpoint, niet_gevonden
from integriteit.common.permissions import public


class ObjectIdConverter:
    """Any integer, so that a negative or huge id reaches the view and gets a JSON 404 (not
    Django's HTML 404, nor a database overflow)."""

    regex = "-?[0-9]{1,40}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(ObjectIdConverter, "id")

app_name = "api"

schema_view = SpectacularAPIView.as_view(authentication_classes=[], permission_classes=[])

urlpatterns: list[URLPattern | URLResolver] = [
    path("", paginas.index, name="index"),
    path("schema/", public(schema_view), name="schema"),
    path("tokens/", paginas.tokens, name="tokens"),
    path("tokens/<int:pk>/intrekken/", paginas.token_revoke, name="token_revoke"),
    path("v1/ik/", endpoint(ik.IkView), name="ik"),
    path("v1/cycli/", endpoint(beoordelingen.CycliView), name="cycli"),
    path("v1/beoordelingen/", endpoint(beoordelingen.BeoordelingenView), name="beoordelingen"),
    path(
        "v1/beoordelingen/<id:pk>/",
        endpoint(beoordelingen.BeoordelingView),
        name="beoordeling",
    ),
    path("v1/heatmap/", endpoint(beoordelingen.HeatmapView), name="heatmap"),
    path("v1/oordelen/<id:pk>/", endpoint(beoordelingen.OordeelView), name="oordeel"),
    path("v1/enquete/golven/", endpoint(enquete.GolvenView), name="golven"),
    path(
        "v1/enquete/golven/<id:pk>/resultaten/",
        endpoint(enquete.GolfResultatenView),
        name="golf_resultaten",
    ),
    path(
        "v1/enquete/golven/<id:pk>/import/",
        endpoint(enquete.GolfImportView),
        name="golf_import",
    ),
    path("v1/meldingen/statistiek/", endpoint(meldingen.StatistiekView), name="statistiek"),
    # Unnamed on purpose: not an endpoint of the matrix, only a JSON answer for wrong URLs.
    re_path(r"^v1/", niet_gevonden),
]
