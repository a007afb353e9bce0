"""The logged-in pages of the report module under ``/meldingen/``: the registry
(views/register.py), the statistics and the retention warning list (views/statistiek.py)."""

from django.urls import path

from integriteit.meldingen.views import register, statistiek

app_name = "meldingen"
urlpatterns = [
    path("", register.register, name="register"),
    path("nieuw/", register.register_nieuw, name="register_nieuw"),
    path("<int:pk>/", register.register_detail, name="register_detail"),
    path("<int:pk>/actie/", register.register_actie, name="register_actie"),
    path("<int:pk>/bijlage/<int:bijlage>/", register.register_bijlage, name="register_bijlage"),
    path("statistiek/", statistiek.statistiek, name="statistiek"),
    path("bewaartermijn/", statistiek.bewaartermijn, name="bewaartermijn"),
]
