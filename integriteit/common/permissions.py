"""The role × capability matrix: the single source of who may do what (ADR 0005).

Every view is decorated with :func:`requires` (or :func:`public`); the test suite walks the
URL configuration, reads the capability from each view and generates one test per
(role, view) pair from :data:`MATRIX`. A view without a declaration is a failing test.

Capabilities are granted on a node of the organisation tree through a membership; which
objects a user may reach is decided by selectors that filter on the nodes where the user
holds the capability (object scope), never by templates.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase

from integriteit.common.roles import Rol


class Capability(StrEnum):
    START = "start"
    ORGANISATIE_BEKIJKEN = "organisatie.bekijken"
    ORGANISATIE_EXPORTEREN = "organisatie.exporteren"
    ORGANISATIE_BEHEREN = "organisatie.beheren"
    GEBRUIKERS_BEHEREN = "gebruikers.beheren"
    AUDIT_BEKIJKEN = "audit.bekijken"
    # Norm framework and assessments (issue 3).
    NORMENKADER_BEKIJKEN = "normenkader.bekijken"
    NORMENKADER_BEHEREN = "normenkader.beheren"
    CYCLUS_BEHEREN = "cyclus.beheren"
    HEATMAP_RIJKSBREED = "heatmap.rijksbreed"
    BEOORDELING_LEZEN = "beoordeling.lezen"
    #: Gate of the authoring pages; which kinds a user may write is decided per kind below.
    BEOORDELING_SCHRIJVEN = "beoordeling.schrijven"
    BEOORDELING_ZELFEVALUATIE = "beoordeling.zelfevaluatie"
    BEOORDELING_AUDIT = "beoordeling.audit"
    BEOORDELING_COORDINATIE = "beoordeling.coordinatie"
    VERBETERACTIE_BEHEREN = "verbeteractie.beheren"
    # Employee survey (issue 4). "enquete", not "onderzoek": that word means investigation here.
    ENQUETE_BEHEREN = "enquete.beheren"
    ENQUETE_RESPONS_LEZEN = "enquete.respons_lezen"
    VRAGENLIJST_BEHEREN = "vragenlijst.beheren"
    #: Results pages of a wave (items, scales, correlations, unit heatmap); which nodes a
    #: role reads is decided in medewerkersonderzoek/resultaten.py (zichtbare_knopen).
    ENQUETE_RESULTATEN = "enquete.resultaten"
    #: The talk sheet (praatplaat) of a unit: a manager only the own unit's.
    ENQUETE_PRAATPLAAT = "enquete.praatplaat"
    # Case content: granted per case on top of the role (later modules). Declared here so
    # the separation-of-duties rule below is checked from the first commit.
    MELDING_INHOUD = "melding.inhoud"
    #: The registry of reports (metadata; content only where a vault grant exists).
    MELDING_REGISTER = "melding.register"
    #: Statistics of reports (counts; cells under 5 shown as "<5" outside the organisation).
    MELDING_STATISTIEK = "melding.statistiek"
    #: The reporting procedure's settings: the legal clock, the public text, the identity
    #: custodian.
    MELDREGELING_BEHEREN = "meldregeling.beheren"
    #: The organisation's recovery key (custodians, m-of-n) and recovery requests for users
    #: who lost their key. Contributing a share and completing a recovery are decided per
    #: object (the custodian, the user), not by role.
    HERSTEL_BEHEREN = "kluis.herstel_beheren"
    ONDERZOEK_INHOUD = "onderzoek.inhoud"
    #: The list of investigations: a coordinator sees the organisation's (metadata), a
    #: competent authority and an investigator only those they take part in (issue 6).
    ONDERZOEK_REGISTER = "onderzoek.register"
    #: Opening an investigation (from reports or on own initiative) and naming participants.
    ONDERZOEK_OPENEN = "onderzoek.openen"
    #: Loading the organisation's tightened investigation protocol.
    PROTOCOL_BEHEREN = "protocol.beheren"
    #: Statistics of measures (sanctions) by violation type and outcome; suppressed outside
    #: the organisation.
    MAATREGEL_STATISTIEK = "maatregel.statistiek"
    #: A confidential adviser's own profile, contact log, meetings, recommendations and
    #: annual report (issue 7). Never anyone else's.
    VP_LOGBOEK = "vertrouwenspersoon.logboek"
    #: The organisation's advisers: profiles (appointment, training, hours, term) and the
    #: aggregates of their logs (counts only, cells under 5 as "<5").
    VP_BEHEREN = "vertrouwenspersonen.beheren"
    #: The advisers' recommendations to the competent authority and the meetings with it:
    #: the competent authority records the substantive response and follow-up (norm 12).
    VP_AANBEVELINGEN = "vertrouwenspersonen.aanbevelingen"
    #: Government-wide, suppressed totals of the advisers' contacts (BZK).
    VP_RIJKSBREED = "vertrouwenspersonen.rijksbreed"
    # Risk analysis (issue 7, app risicos): read the analyses, register, matrix and reports;
    # carry out analyses and keep the register.
    RISICO_LEZEN = "risico.lezen"
    RISICO_BEHEREN = "risico.beheren"
    # Policy cycle (issue 7, app beleid): the policy record, the "samenhang" page.
    BELEID_LEZEN = "beleid.lezen"
    BELEID_BEHEREN = "beleid.beheren"
    # Government-wide insight (issue 8, app rapportages): the dashboard per ministry and
    # government-wide, with the talking points; aggregates only, suppressed.
    RAPPORTAGE_RIJKSBREED = "rapportage.rijksbreed"
    #: Writing the annual integrity report's narrative and publishing it (BZK-5).
    JAARVERSLAG_BEHEREN = "jaarverslag.beheren"
    #: Creating and revoking one's own API tokens (issue 8, app api); each API endpoint then
    #: asks the capability of what it serves, as the pages do.
    API_TOKENS = "api.tokens"


#: Capabilities that give access to the content of cases or confidential advisers' logs.
CONTENT_CAPABILITIES: frozenset[Capability] = frozenset(
    {Capability.MELDING_INHOUD, Capability.ONDERZOEK_INHOUD, Capability.VP_LOGBOEK}
)

#: Assessment findings, evidence and actions: not case content, but not for the administrator
#: either ("beheerder loads frameworks but sees no findings", issue 3).
FINDING_CAPABILITIES: frozenset[Capability] = frozenset(
    {Capability.BEOORDELING_LEZEN, Capability.HEATMAP_RIJKSBREED}
)

#: Roles that must never see content: aggregates and metadata only (DESIGN.md, security model).
NO_CONTENT_ROLES: frozenset[Rol] = frozenset({Rol.BEHEERDER, Rol.RIJKSCOORDINATOR, Rol.AUDITOR})

C = Capability
_ASSESSMENT_READERS = {C.NORMENKADER_BEKIJKEN, C.HEATMAP_RIJKSBREED, C.BEOORDELING_LEZEN}
MATRIX: dict[Rol, frozenset[Capability]] = {
    Rol.MEDEWERKER: frozenset({C.START}),
    Rol.LEIDINGGEVENDE: frozenset(
        {
            C.START,
            C.ORGANISATIE_BEKIJKEN,
            C.NORMENKADER_BEKIJKEN,
            C.ENQUETE_RESPONS_LEZEN,
            C.ENQUETE_PRAATPLAAT,
        }
    ),
    Rol.INTEGRITEITSCOORDINATOR: frozenset(
        {
            C.START,
            C.ORGANISATIE_BEKIJKEN,
            C.ORGANISATIE_EXPORTEREN,
            C.MELDING_INHOUD,
            C.MELDING_REGISTER,
            C.MELDING_STATISTIEK,
            C.MELDREGELING_BEHEREN,
            C.HERSTEL_BEHEREN,
            C.ONDERZOEK_REGISTER,
            C.ONDERZOEK_OPENEN,
            C.PROTOCOL_BEHEREN,
            C.MAATREGEL_STATISTIEK,
            *_ASSESSMENT_READERS,
            C.BEOORDELING_SCHRIJVEN,
            C.BEOORDELING_ZELFEVALUATIE,
            C.VERBETERACTIE_BEHEREN,
            C.ENQUETE_BEHEREN,
            C.ENQUETE_RESPONS_LEZEN,
            C.ENQUETE_RESULTATEN,
            C.ENQUETE_PRAATPLAAT,
            C.VP_BEHEREN,
            C.VP_AANBEVELINGEN,
            C.RISICO_LEZEN,
            C.RISICO_BEHEREN,
            C.BELEID_LEZEN,
            C.BELEID_BEHEREN,
            C.API_TOKENS,
        }
    ),
    Rol.ONDERZOEKER: frozenset({C.START, C.ONDERZOEK_INHOUD, C.ONDERZOEK_REGISTER}),
    Rol.BEVOEGD_GEZAG: frozenset(
        {
            C.START,
            C.ORGANISATIE_BEKIJKEN,
            *_ASSESSMENT_READERS,
            C.ENQUETE_RESPONS_LEZEN,
            C.ENQUETE_RESULTATEN,
            C.ENQUETE_PRAATPLAAT,
            C.MELDING_REGISTER,
            C.MELDING_STATISTIEK,
            C.ONDERZOEK_REGISTER,
            C.MAATREGEL_STATISTIEK,
            C.VP_AANBEVELINGEN,
            C.RISICO_LEZEN,
            C.BELEID_LEZEN,
            C.API_TOKENS,
        }
    ),
    Rol.VERTROUWENSPERSOON: frozenset(
        {C.START, C.ORGANISATIE_BEKIJKEN, C.VP_LOGBOEK, C.NORMENKADER_BEKIJKEN}
    ),
    Rol.RIJKSCOORDINATOR: frozenset(
        {
            C.START,
            C.ORGANISATIE_BEKIJKEN,
            C.ORGANISATIE_EXPORTEREN,
            *_ASSESSMENT_READERS,
            C.CYCLUS_BEHEREN,
            C.BEOORDELING_SCHRIJVEN,
            C.BEOORDELING_COORDINATIE,
            C.VERBETERACTIE_BEHEREN,
            C.ENQUETE_RESPONS_LEZEN,
            C.ENQUETE_RESULTATEN,
            C.MELDING_STATISTIEK,
            C.MAATREGEL_STATISTIEK,
            C.VP_RIJKSBREED,
            C.RAPPORTAGE_RIJKSBREED,
            C.JAARVERSLAG_BEHEREN,
            C.API_TOKENS,
        }
    ),
    Rol.AUDITOR: frozenset(
        {
            C.START,
            C.ORGANISATIE_BEKIJKEN,
            C.ORGANISATIE_EXPORTEREN,
            C.AUDIT_BEKIJKEN,
            *_ASSESSMENT_READERS,
            C.BEOORDELING_SCHRIJVEN,
            C.BEOORDELING_AUDIT,
            C.MELDING_STATISTIEK,
            C.MAATREGEL_STATISTIEK,
            C.RISICO_LEZEN,
            C.BELEID_LEZEN,
            C.RAPPORTAGE_RIJKSBREED,
            C.API_TOKENS,
        }
    ),
    Rol.BEHEERDER: frozenset(
        {
            C.START,
            C.ORGANISATIE_BEKIJKEN,
            C.ORGANISATIE_EXPORTEREN,
            C.ORGANISATIE_BEHEREN,
            C.GEBRUIKERS_BEHEREN,
            C.AUDIT_BEKIJKEN,
            C.NORMENKADER_BEKIJKEN,
            C.NORMENKADER_BEHEREN,
            C.CYCLUS_BEHEREN,
            C.VRAGENLIJST_BEHEREN,
        }
    ),
}


def roles_with(capability: Capability) -> frozenset[Rol]:
    return frozenset(rol for rol, caps in MATRIX.items() if capability in caps)


def role_has(rol: str, capability: Capability) -> bool:
    return capability in MATRIX.get(Rol(rol), frozenset())


ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponseBase])


def requires(capability: Capability) -> Callable[[ViewFunc], ViewFunc]:
    """Let a view through only for a logged-in, two-factor-verified user with ``capability``.

    The check here is "holds the capability on some node"; the view's selector then limits
    the objects to the nodes where it is held and answers 404 for anything else.
    """

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            from integriteit.accounts.selectors import gebruiker_has_capability, needs_otp

            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request)
            if needs_otp(user) and not _is_verified(user):
                # Logged in without the second factor its roles require (e.g. a role was
                # added since): start the log-in again rather than let it through.
                logout(request)
                return redirect_to_login(request)
            if not gebruiker_has_capability(gebruiker=user, capability=capability):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.capability = capability  # type: ignore[attr-defined]
        return cast(ViewFunc, wrapped)

    return decorator


def _is_verified(user: Any) -> bool:
    """django-otp's middleware adds ``is_verified()`` to the user of every request."""
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def public(view: ViewFunc) -> ViewFunc:
    """Mark a view as reachable without an account (login, anonymous paths)."""
    view.capability = None  # type: ignore[attr-defined]
    view.is_public = True  # type: ignore[attr-defined]
    return view


def redirect_to_login(request: HttpRequest) -> HttpResponse:
    from django.contrib.auth.views import redirect_to_login as django_redirect

    return django_redirect(request.get_full_path())


__all__ = [
    "CONTENT_CAPABILITIES",
    "MATRIX",
    "NO_CONTENT_ROLES",
    "Capability",
    "public",
    "requires",
    "role_has",
    "roles_with",
]
