from django.urls import path

from integriteit.medewerkersonderzoek.views import (
    beheer,
    beheer_mailen,
    importeren,
    invullen,
    praatplaat,
    resultaten,
)

app_name = "medewerkersonderzoek"
urlpatterns = [
    # Running a survey (views/beheer.py)
    path("", beheer.golf_list, name="golf_list"),
    path("nieuw/", beheer.golf_create, name="golf_create"),
    path("golf/<int:pk>/", beheer.golf_detail, name="golf_detail"),
    path("golf/<int:pk>/status/", beheer.golf_transition, name="golf_transition"),
    path("golf/<int:pk>/uitnodigingen/", beheer.uitnodigingen, name="uitnodigingen"),
    path("golf/<int:pk>/mailen/", beheer_mailen.mailen, name="mailen"),
    path("golf/<int:pk>/importeren/", importeren.importeren, name="importeren"),
    # Results of a wave (views/resultaten.py)
    path("golf/<int:pk>/resultaten/", resultaten.resultaten, name="resultaten"),
    path("golf/<int:pk>/resultaten/schalen/", resultaten.schalen, name="resultaten_schalen"),
    path("golf/<int:pk>/resultaten/eenheden/", resultaten.eenheden, name="resultaten_eenheden"),
    path("vragenlijsten/", beheer.vragenlijst_list, name="vragenlijst_list"),
    path("vragenlijsten/laden/", beheer.vragenlijst_upload, name="vragenlijst_upload"),
    # Talk sheets per unit, HTML, PDF and all as a ZIP job (views/praatplaat.py)
    path("praatplaat/", praatplaat.mijn_praatplaat, name="mijn_praatplaat"),
    path("golf/<int:pk>/praatplaten/", praatplaat.praatplaten, name="praatplaten"),
    path("golf/<int:pk>/praatplaten/zip/", praatplaat.praatplaten_zip, name="praatplaten_zip"),
    path("golf/<int:pk>/praatplaat/<str:code>/", praatplaat.praatplaat, name="praatplaat"),
    path(
        "golf/<int:pk>/praatplaat/<str:code>/pdf/",
        praatplaat.praatplaat_pdf,
        name="praatplaat_pdf",
    ),
    # Answering with a token, no account (views/invullen.py)
    path("invullen/", invullen.start, name="invullen"),
    path("invullen/blok/<int:stap>/", invullen.blok, name="invullen_blok"),
    path("invullen/klaar/", invullen.klaar, name="invullen_klaar"),
]
