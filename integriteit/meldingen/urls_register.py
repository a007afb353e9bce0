"""The logged-in pages of the report module under ``/meldingen/``: the registry
(views/register.py), the statistics and the retention warning list (views/statistiek.py), the
reporter's identity and the custodian's requests (views/identiteit.py), the reporting
procedure's settings (views/regeling.py)."""

from django.urls import path

from integriteit.meldingen.views import identiteit, regeling, register, statistiek

app_name = "meldingen"
urlpatterns = [
    path("", register.register, name="register"),
    path("nieuw/", register.register_nieuw, name="register_nieuw"),
    path("<int:pk>/", register.register_detail, name="register_detail"),
    path("<int:pk>/actie/", register.register_actie, name="register_actie"),
    path("<int:pk>/bijlage/<int:bijlage>/", register.register_bijlage, name="register_bijlage"),
    path("statistiek/", statistiek.statistiek, name="statistiek"),
    path("bewaartermijn/", statistiek.bewaartermijn, name="bewaartermijn"),
    path("<int:pk>/identiteit/", identiteit.identiteit_inzien, name="identiteit_inzien"),
    path(
        "<int:pk>/identiteit/opvragen/",
        identiteit.identiteit_opvragen,
        name="identiteit_opvragen",
    ),
    path("identiteitsverzoeken/", identiteit.identiteitsverzoeken, name="identiteitsverzoeken"),
    path(
        "identiteitsverzoeken/<int:pk>/beslissen/",
        identiteit.identiteitsverzoek_beslissen,
        name="identiteitsverzoek_beslissen",
    ),
    path("regeling/", regeling.regeling, name="regeling"),
]
