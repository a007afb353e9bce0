"""What the start page offers each role: a short explanation and the ways in."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from integriteit.common.permissions import Capability
from integriteit.common.roles import Rol


@dataclass(frozen=True)
class Link:
    label: str | Promise
    url_name: str
    capability: Capability


@dataclass
class Section:
    rol: str
    rol_label: str
    organisaties: list[str]
    uitleg: str | Promise
    links: list[dict[str, Any]] = field(default_factory=list)


ROLE_INTRO: dict[str, str | Promise] = {
    Rol.MEDEWERKER: _(
        "U kunt hier uw account en rollen bekijken. Een melding doen of een enquête invullen "
        "kan ook zonder account."
    ),
    Rol.LEIDINGGEVENDE: _(
        "U ziet de organisatie van uw eigen onderdeel. Uitkomsten van het medewerkersonderzoek "
        "voor uw onderdeel verschijnen hier alleen als genoeg collega's hebben geantwoord."
    ),
    Rol.INTEGRITEITSCOORDINATOR: _(
        "U coördineert het integriteitsbeleid van uw organisatie: zelfevaluaties, "
        "risicoanalyses, medewerkersonderzoek, het meldingenregister en onderzoeken."
    ),
    Rol.ONDERZOEKER: _("U ziet alleen de onderzoeken die aan u zijn toegewezen."),
    Rol.BEVOEGD_GEZAG: _(
        "U beslist in onderzoeken van uw organisatie, reageert op de aanbevelingen van de "
        "vertrouwenspersonen en ziet de overzichten van uw organisatie."
    ),
    Rol.VERTROUWENSPERSOON: _(
        "U houdt uw eigen contactenlogboek en jaarverslag bij. Zaakdossiers ziet u nooit."
    ),
    Rol.RIJKSCOORDINATOR: _(
        "U ziet rijksbrede overzichten, alleen geaggregeerd: nooit de inhoud van zaken of "
        "logboeken van vertrouwenspersonen."
    ),
    Rol.AUDITOR: _(
        "U leest beoordelingen en bewijs binnen uw auditscope en controleert de auditketen."
    ),
    Rol.BEHEERDER: _(
        "U beheert organisaties, gebruikers en rollen. Inhoud van zaken en logboeken van "
        "vertrouwenspersonen is voor u niet toegankelijk (functiescheiding)."
    ),
}

LINKS: list[Link] = [
    Link(
        _("Rijksbreed dashboard en gesprekspunten per ministerie"),
        "rapportages:dashboard",
        Capability.RAPPORTAGE_RIJKSBREED,
    ),
    Link(
        _("Jaarverslag integriteit: toelichting schrijven en publiceren"),
        "rapportages:jaarverslagen",
        Capability.JAARVERSLAG_BEHEREN,
    ),
    Link(
        _("Rijksbrede heatmap van de beoordelingen"),
        "normenkader:heatmap",
        Capability.BEOORDELING_LEZEN,
    ),
    Link(
        _("Een beoordeling beginnen"),
        "normenkader:beoordeling_start",
        Capability.BEOORDELING_SCHRIJVEN,
    ),
    Link(
        _("Oordelen importeren (CSV/XLSX)"), "normenkader:import", Capability.BEOORDELING_SCHRIJVEN
    ),
    Link(_("Verbeteracties"), "normenkader:actie_list", Capability.BEOORDELING_LEZEN),
    Link(_("Normenkaders"), "normenkader:kader_list", Capability.NORMENKADER_BEKIJKEN),
    Link(
        _("Medewerkersonderzoek: golven en respons"),
        "medewerkersonderzoek:golf_list",
        Capability.ENQUETE_RESPONS_LEZEN,
    ),
    Link(
        _("Praatplaat van mijn onderdeel"),
        "medewerkersonderzoek:mijn_praatplaat",
        Capability.ENQUETE_PRAATPLAAT,
    ),
    Link(
        _("Een onderzoeksgolf starten"),
        "medewerkersonderzoek:golf_create",
        Capability.ENQUETE_BEHEREN,
    ),
    Link(
        _("Vragenlijst laden (YAML)"),
        "medewerkersonderzoek:vragenlijst_upload",
        Capability.VRAGENLIJST_BEHEREN,
    ),
    Link(_("Meldingenregister en termijnen"), "meldingen:register", Capability.MELDING_REGISTER),
    Link(_("Statistiek van meldingen"), "meldingen:statistiek", Capability.MELDING_STATISTIEK),
    Link(
        _("Meldingen waarvan de bewaartermijn verloopt"),
        "meldingen:bewaartermijn",
        Capability.MELDING_REGISTER,
    ),
    Link(
        _("Een melding registreren (telefoon, post, gesprek)"),
        "meldingen:register_nieuw",
        Capability.MELDING_INHOUD,
    ),
    Link(_("Meldregeling instellen"), "meldingen:regeling", Capability.MELDREGELING_BEHEREN),
    Link(_("Onderzoeken"), "onderzoeken:lijst", Capability.ONDERZOEK_REGISTER),
    Link(_("Een onderzoek openen"), "onderzoeken:openen", Capability.ONDERZOEK_OPENEN),
    Link(_("Onderzoeksprotocollen"), "onderzoeken:protocollen", Capability.ONDERZOEK_REGISTER),
    Link(_("Herstelsleutel en herstel van toegang"), "kluis:herstel", Capability.HERSTEL_BEHEREN),
    Link(_("Risicoanalyses en risicoregister"), "risicos:lijst", Capability.RISICO_LEZEN),
    Link(_("Catalogus van integriteitsrisico's"), "risicos:catalogus", Capability.RISICO_LEZEN),
    Link(_("Integriteitsbeleid en de beleidscyclus"), "beleid:overzicht", Capability.BELEID_LEZEN),
    Link(
        _("Mijn contactenlogboek en jaarverslag"),
        "vertrouwenspersonen:logboek",
        Capability.VP_LOGBOEK,
    ),
    Link(
        _("Vertrouwenspersonen van de organisatie"),
        "vertrouwenspersonen:overzicht",
        Capability.VP_BEHEREN,
    ),
    Link(
        _("Aanbevelingen van vertrouwenspersonen"),
        "vertrouwenspersonen:aanbevelingen",
        Capability.VP_AANBEVELINGEN,
    ),
    Link(
        _("Contacten van vertrouwenspersonen rijksbreed"),
        "vertrouwenspersonen:rijksbreed",
        Capability.VP_RIJKSBREED,
    ),
    Link(_("Normenkader laden (YAML)"), "normenkader:kader_upload", Capability.NORMENKADER_BEHEREN),
    Link(_("Beoordelingscycli"), "normenkader:cyclus_list", Capability.NORMENKADER_BEKIJKEN),
    Link(_("Organisatieboom bekijken"), "organisaties:tree", Capability.ORGANISATIE_BEKIJKEN),
    Link(
        _("Organisaties exporteren (CSV)"), "organisaties:export", Capability.ORGANISATIE_EXPORTEREN
    ),
    Link(_("Organisaties importeren (CSV)"), "organisaties:import", Capability.ORGANISATIE_BEHEREN),
    Link(
        _("Gebruikers en rollen beheren"), "accounts:gebruiker_list", Capability.GEBRUIKERS_BEHEREN
    ),
    Link(_("Auditlog bekijken"), "common:audit_list", Capability.AUDIT_BEKIJKEN),
    Link(_("Auditketen controleren"), "common:audit_verify", Capability.AUDIT_BEKIJKEN),
    Link(_("API-tokens voor de REST-API"), "api:tokens", Capability.API_TOKENS),
    Link(_("Mijn account en tweestapsverificatie"), "accounts:profiel", Capability.START),
]


def start_sections(gebruiker: Any) -> list[Section]:
    """One section per role the user holds, with the organisations and the links it gives."""
    from integriteit.accounts.selectors import lidmaatschappen_actief
    from integriteit.common.permissions import role_has

    sections: dict[str, Section] = {}
    for lid in lidmaatschappen_actief(gebruiker=gebruiker):
        section = sections.get(lid.rol)
        if section is None:
            section = Section(
                rol=lid.rol,
                rol_label=str(Rol(lid.rol).label),
                organisaties=[],
                uitleg=ROLE_INTRO.get(lid.rol, ""),
                links=[
                    {"label": link.label, "url": reverse(link.url_name)}
                    for link in LINKS
                    if role_has(lid.rol, link.capability)
                ],
            )
            sections[lid.rol] = section
        section.organisaties.append(lid.organisatie.naam)
    return list(sections.values())
