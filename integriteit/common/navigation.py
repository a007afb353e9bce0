"""The main navigation: each entry shows only for users holding its capability."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from integriteit.common.permissions import Capability


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    capability: Capability


#: Later modules append their entries here, in the order they should appear.
NAV_ITEMS: list[NavItem] = [
    NavItem(_("Start"), "home", Capability.START),
    NavItem(_("Beoordelingen"), "normenkader:heatmap", Capability.BEOORDELING_LEZEN),
    NavItem(_("Normenkaders"), "normenkader:kader_list", Capability.NORMENKADER_BEKIJKEN),
    NavItem(
        _("Medewerkersonderzoek"),
        "medewerkersonderzoek:golf_list",
        Capability.ENQUETE_RESPONS_LEZEN,
    ),
    NavItem(_("Meldingen"), "meldingen:register", Capability.MELDING_REGISTER),
    NavItem(_("Meldingstatistiek"), "meldingen:statistiek", Capability.MELDING_STATISTIEK),
    NavItem(_("Onderzoeken"), "onderzoeken:lijst", Capability.ONDERZOEK_REGISTER),
    NavItem(_("Risicoanalyse"), "risicos:lijst", Capability.RISICO_LEZEN),
    NavItem(_("Beleid"), "beleid:overzicht", Capability.BELEID_LEZEN),
    NavItem(_("Rapportages"), "rapportages:dashboard", Capability.RAPPORTAGE_RIJKSBREED),
    NavItem(_("Jaarverslag"), "rapportages:jaarverslagen", Capability.JAARVERSLAG_BEHEREN),
    NavItem(_("Mijn logboek"), "vertrouwenspersonen:logboek", Capability.VP_LOGBOEK),
    NavItem(_("Vertrouwenspersonen"), "vertrouwenspersonen:overzicht", Capability.VP_BEHEREN),
    NavItem(
        _("Aanbevelingen vertrouwenspersonen"),
        "vertrouwenspersonen:aanbevelingen",
        Capability.VP_AANBEVELINGEN,
    ),
    NavItem(
        _("Vertrouwenspersonen rijksbreed"),
        "vertrouwenspersonen:rijksbreed",
        Capability.VP_RIJKSBREED,
    ),
    NavItem(_("Organisaties"), "organisaties:tree", Capability.ORGANISATIE_BEKIJKEN),
    NavItem(_("Gebruikers"), "accounts:gebruiker_list", Capability.GEBRUIKERS_BEHEREN),
    NavItem(_("Auditlog"), "common:audit_list", Capability.AUDIT_BEKIJKEN),
]
