"""The screens of the confidential advisers (issue 7) under /vertrouwenspersonen/."""

from __future__ import annotations

from django.urls import path

from integriteit.vertrouwenspersonen.views import adviseur, beheer, gezag, openbaar

app_name = "vertrouwenspersonen"

urlpatterns = [
    # The adviser (VP_LOGBOEK): only the own profile, log, meetings, report.
    path("logboek/", adviseur.logboek, name="logboek"),
    path("logboek/contact/", adviseur.contact_nieuw, name="contact_nieuw"),
    path("logboek/contact/<int:pk>/notitie/", adviseur.contact_notitie, name="contact_notitie"),
    path("logboek/overleg/", adviseur.overleg_nieuw, name="overleg_nieuw"),
    path("logboek/aanbeveling/", adviseur.aanbeveling_nieuw, name="aanbeveling_nieuw"),
    path("logboek/jaarverslag/<int:jaar>/", adviseur.jaarverslag, name="jaarverslag"),
    path("logboek/jaarverslag/<int:jaar>/pdf/", adviseur.jaarverslag_pdf, name="jaarverslag_pdf"),
    # The coordinator (VP_BEHEREN): profiles and shielded counts.
    path("beheer/", beheer.overzicht, name="overzicht"),
    path("beheer/nieuw/", beheer.profiel_nieuw, name="profiel_nieuw"),
    path("beheer/<int:pk>/", beheer.profiel_bewerken, name="profiel_bewerken"),
    path("beheer/<int:pk>/beeindigen/", beheer.profiel_beeindigen, name="profiel_beeindigen"),
    # Competent authority and coordinator (VP_AANBEVELINGEN).
    path("aanbevelingen/", gezag.aanbevelingen, name="aanbevelingen"),
    path("aanbevelingen/<int:pk>/", gezag.aanbeveling, name="aanbeveling"),
    path("jaarverslagen/<int:pk>/", gezag.verslag, name="verslag"),
    path("jaarverslagen/<int:pk>/pdf/", gezag.verslag_pdf, name="verslag_pdf"),
    # BZK (VP_RIJKSBREED).
    path("rijksbreed/", openbaar.rijksbreed, name="rijksbreed"),
    # Public, no account.
    path("", openbaar.publiek_index, name="publiek_index"),
    path("<str:code>/", openbaar.publiek, name="publiek"),
]
