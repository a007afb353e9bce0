from django.urls import include, path
from django.views.i18n import set_language

from integriteit.common import views as common_views
from integriteit.common.permissions import public

urlpatterns = [
    path("", common_views.home, name="home"),
    path("taal/", public(set_language), name="set_language"),
    path("account/", include("integriteit.accounts.urls")),
    path("organisaties/", include("integriteit.organisaties.urls")),
    path("audit/", include("integriteit.common.urls")),
    path("beoordelingen/", include("integriteit.normenkader.urls")),
    path("enquete/", include("integriteit.medewerkersonderzoek.urls")),
    path("taken/", include("integriteit.taken.urls")),
    path("melden/", include("integriteit.meldingen.urls")),
    path("meldingen/", include("integriteit.meldingen.urls_register")),
    path("kluis/", include("integriteit.kluis.urls")),
    path("onderzoeken/", include("integriteit.onderzoeken.urls")),
    path("vertrouwenspersonen/", include("integriteit.vertrouwenspersonen.urls")),
    path("risicos/", include("integriteit.risicos.urls")),
    path("beleid/", include("integriteit.beleid.urls")),
    path("rapportages/", include("integriteit.rapportages.urls")),
    path("api/", include("integriteit.api.urls")),
    path("", include("integriteit.common.urls_gezondheid")),
]

handler400 = "integriteit.common.views.bad_request"
handler403 = "integriteit.common.views.permission_denied"
handler404 = "integriteit.common.views.page_not_found"
handler500 = "integriteit.common.views.server_error"
