"""The registry: who sees which reports, the filters and the legal clock per row, one report's
page with and without a grant (no content without; each read audited), the handling steps and
registering a report received by phone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from integriteit.accounts.models import Gebruiker
from integriteit.accounts.tests.factories import TEST_PASSWORD, LidmaatschapFactory
from integriteit.common.models import AuditEvent
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World, login_verified
from integriteit.kluis import services as kluis
from integriteit.meldingen import selectors_register as register_selectors
from integriteit.meldingen import services
from integriteit.meldingen.constants import Afloop, Kanaal, Status, Triage, Zichtbaarheid
from integriteit.meldingen.models import Bericht, Melding
from integriteit.meldingen.tests.helpers import login_met_sleutel
from integriteit.meldingen.views import register as register_views

MARKER = "REG-geheim-7731"


@dataclass
class Team:
    coordinator: Gebruiker
    collega: Gebruiker  # a second coordinator of OCW, with a key
    gezag: Gebruiker  # bevoegd gezag of OCW, with a key
    fin: Gebruiker  # coordinator of FIN
    beheerder: Gebruiker


def _met_sleutel(gebruiker: Gebruiker) -> Gebruiker:
    kluis.gebruikersleutel_openen(gebruiker=gebruiker, wachtwoord=TEST_PASSWORD)
    return gebruiker


@pytest.fixture
def team(world: World, make_user: MakeUser) -> Team:
    return Team(
        coordinator=_met_sleutel(make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw)),
        collega=_met_sleutel(make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw)),
        gezag=_met_sleutel(make_user(Rol.BEVOEGD_GEZAG, world.ocw)),
        fin=_met_sleutel(make_user(Rol.INTEGRITEITSCOORDINATOR, world.fin)),
        beheerder=make_user(Rol.BEHEERDER, world.ocw),
    )


def _melding(world: World, **extra: object) -> Melding:
    values: dict[str, object] = {
        "organisatie": world.ocw,
        "soort": "belangen",
        "kanaal": Kanaal.TELEFOON,
        "inhoud": services.Inhoud(wat=f"Omschrijving {MARKER}", waar="Den Haag"),
    }
    values.update(extra)
    return services.melding_ontvangen(invoer=services.Invoer(**values)).melding  # type: ignore[arg-type]


def _nummers(client: Client, query: str = "") -> list[str]:
    response = client.get(reverse("meldingen:register") + query)
    assert response.status_code == 200
    return [rij["melding"].nummer for rij in response.context["rijen"]]


# --- the list --------------------------------------------------------------------------------


def test_coordinator_sees_own_organisation_only(world: World, team: Team, client: Client) -> None:
    ocw = _melding(world)
    fin = _melding(world, organisatie=world.fin)
    login_verified(client, team.coordinator)
    assert _nummers(client) == [ocw.nummer]
    html = client.get(reverse("meldingen:register")).content.decode()
    assert ocw.nummer in html and fin.nummer not in html
    assert MARKER not in html
    assert client.get(reverse("meldingen:register_detail", args=[fin.pk])).status_code == 404


def test_bevoegd_gezag_sees_only_reports_it_handles(
    world: World, team: Team, client: Client
) -> None:
    eigen = _melding(world)
    _melding(world)
    eigen.behandelaars.add(team.gezag)
    login_verified(client, team.gezag)
    assert _nummers(client) == [eigen.nummer]
    andere = Melding.objects.exclude(pk=eigen.pk).get()
    assert client.get(reverse("meldingen:register_detail", args=[andere.pk])).status_code == 404
    # No "register" button: that is for coordinators.
    html = client.get(reverse("meldingen:register")).content.decode()
    assert reverse("meldingen:register_nieuw") not in html


def test_beheerder_is_refused(world: World, team: Team, client: Client) -> None:
    melding = _melding(world)
    login_verified(client, team.beheerder)
    assert client.get(reverse("meldingen:register")).status_code == 403
    assert client.get(reverse("meldingen:register_detail", args=[melding.pk])).status_code == 403


def test_filters(world: World, team: Team, client: Client) -> None:
    vandaag = timezone.localdate()
    oud = _melding(world, ontvangen_op=vandaag - timedelta(days=30), soort="financieel")
    nieuw = _melding(world, ontvangen_op=vandaag, kanaal=Kanaal.POST)
    services.bevestigen(melding=nieuw, door=team.coordinator)
    login_verified(client, team.coordinator)
    assert _nummers(client, "?soort=financieel") == [oud.nummer]
    assert _nummers(client, "?kanaal=post") == [nieuw.nummer]
    assert _nummers(client, f"?status={Status.BEVESTIGD}") == [nieuw.nummer]
    van = (vandaag - timedelta(days=5)).isoformat()
    assert _nummers(client, f"?van={van}") == [nieuw.nummer]
    assert _nummers(client, f"?tot={van}") == [oud.nummer]
    # 30 days ago and not acknowledged: the 7-day deadline passed.
    assert _nummers(client, "?verlopen=on") == [oud.nummer]
    # An invalid filter value is ignored, the list stays usable.
    assert sorted(_nummers(client, "?soort=onzin")) == sorted([oud.nummer, nieuw.nummer])


def test_clock_states_are_shown_as_text(world: World, team: Team, client: Client) -> None:
    vandaag = timezone.localdate()
    _melding(world, ontvangen_op=vandaag - timedelta(days=30))  # verlopen
    _melding(world, ontvangen_op=vandaag - timedelta(days=6))  # bijna (deadline tomorrow)
    laat = _melding(world, ontvangen_op=vandaag - timedelta(days=20))
    services.bevestigen(melding=laat, door=team.coordinator)  # te laat
    optijd = _melding(world, ontvangen_op=vandaag - timedelta(days=2))
    services.bevestigen(melding=optijd, door=team.coordinator)  # op tijd
    login_verified(client, team.coordinator)
    html = client.get(reverse("meldingen:register")).content.decode()
    for code, label in [
        ("verlopen", "verlopen"),
        ("bijna", "bijna"),
        ("te_laat", "te laat"),
        ("op_tijd", "op tijd"),
    ]:
        assert f"igt-termijn--{code}" in html
        assert f">{label}</span>" in html


def test_list_query_count_is_constant(world: World, team: Team, client: Client) -> None:
    login_verified(client, team.coordinator)
    _melding(world)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("meldingen:register"))
    for _ in range(6):
        _melding(world).behandelaars.add(team.gezag)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("meldingen:register"))
    assert len(many) == len(few)


def test_newest_first_then_by_number_and_paging(
    world: World, team: Team, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The order (day received, then number, both descending), the count and the pages are
    the same as a plain sorted query gives, whatever index the database walks."""
    monkeypatch.setattr(register_views, "PER_PAGINA", 2)
    vandaag = timezone.localdate()
    dagen = [vandaag - timedelta(days=d) for d in (3, 1, 1, 8, 1)]
    for dag in dagen:
        _melding(world, ontvangen_op=dag)
    _melding(world, organisatie=world.fin)  # not in scope
    verwacht = list(
        Melding.objects.filter(organisatie=world.ocw)
        .order_by("-ontvangen_op", "-nummer")
        .values_list("nummer", flat=True)
    )
    assert len(verwacht) == 5
    login_verified(client, team.coordinator)
    paginas = [_nummers(client, f"?pagina={n}") for n in (1, 2, 3)]
    assert paginas == [verwacht[0:2], verwacht[2:4], verwacht[4:5]]
    # Out of range or not a number: the last page, the first page (Django's get_page).
    assert _nummers(client, "?pagina=99") == verwacht[4:5]
    assert _nummers(client, "?pagina=x") == verwacht[0:2]
    response = client.get(reverse("meldingen:register") + "?pagina=2")
    html = response.content.decode()
    assert "5 meldingen." in html and "Pagina 2 van 3" in html
    assert response.context["page"].paginator.count == 5
    # A filter keeps its count and its pages.
    gefilterd = client.get(reverse("meldingen:register") + "?van=" + dagen[1].isoformat())
    assert "3 meldingen." in gefilterd.content.decode()
    assert [r["melding"].nummer for r in gefilterd.context["rijen"]] == verwacht[0:2]


def test_coordinator_of_one_and_bevoegd_gezag_of_another(
    world: World, make_user: MakeUser, client: Client
) -> None:
    """Both parts of the scope in one list: every report of FIN, of OCW only the handled."""
    gebruiker = make_user(Rol.INTEGRITEITSCOORDINATOR, world.fin)
    LidmaatschapFactory.create(gebruiker=gebruiker, organisatie=world.ocw, rol=Rol.BEVOEGD_GEZAG)
    fin = _melding(world, organisatie=world.fin)
    eigen = _melding(world)
    _melding(world)  # OCW, not handled by them
    eigen.behandelaars.add(gebruiker)
    login_verified(client, gebruiker)
    assert sorted(_nummers(client)) == sorted([fin.nummer, eigen.nummer])
    assert "2 meldingen." in client.get(reverse("meldingen:register")).content.decode()
    assert _nummers(client, "?kanaal=post") == []
    services.bevestigen(melding=eigen, door=gebruiker)
    assert _nummers(client, f"?status={Status.BEVESTIGD}") == [eigen.nummer]


def test_handlers_by_username_and_nobody(
    world: World, team: Team, make_user: MakeUser, client: Client
) -> None:
    zonder = _melding(world)
    zonder.behandelaars.clear()
    met = _melding(world)
    eerste = make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw, username="aa.eerste")
    eerste.first_name, eerste.last_name = "Zeno", "<Zwart>"
    eerste.save()
    laatste = make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw, username="zz.laatste")
    laatste.first_name = laatste.last_name = ""
    laatste.save()
    met.behandelaars.add(laatste, eerste)
    verwacht = ", ".join(str(b) for b in met.behandelaars.all())  # the ORM: by username
    assert verwacht.startswith("Zeno <Zwart>, ") and verwacht.endswith(", zz.laatste")
    login_verified(client, team.coordinator)
    html = client.get(reverse("meldingen:register")).content.decode()
    rijen = {r.split("</a>")[0].rsplit(">", 1)[1]: r for r in html.split("<tr")[2:]}
    # Full name when there is one (escaped), else the username; ordered by username.
    assert f">{escape(verwacht)}</td>" in rijen[met.nummer]
    assert '<span class="igt-muted">nog niemand</span></td>' in rijen[zonder.nummer]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan")
def test_page_walks_the_order_index_without_sorting(world: World, team: Team) -> None:
    """Without statistics SQLite would pick the organisation index and sort every report in
    scope; the page's keys must come from ``melding_register_volgorde`` in order."""
    lijst = register_selectors.register_lijst(
        gebruiker=team.coordinator, filters=register_selectors.Filters(soort="belangen")
    )
    sql, params = lijst._volgorde.values("pk")[0:50].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "melding_register_volgorde" in plan
    assert "TEMP B-TREE" not in plan


# --- one report ------------------------------------------------------------------------------


def _detail(client: Client, melding: Melding) -> str:
    response = client.get(reverse("meldingen:register_detail", args=[melding.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_detail_with_grant_shows_content_and_audits_the_read(
    world: World, team: Team, client: Client
) -> None:
    melding = _melding(world)
    login_met_sleutel(client, team.coordinator)
    before = AuditEvent.objects.filter(action="melding.inhoud_gelezen").count()
    html = _detail(client, melding)
    assert MARKER in html
    events = AuditEvent.objects.filter(action="melding.inhoud_gelezen")
    assert events.count() == before + 1
    event = events.latest("seq")
    assert event.actor_id == team.coordinator.pk and event.object_id == str(melding.pk)
    assert MARKER not in str(event.details)


def test_detail_without_grant_shows_no_content(world: World, team: Team, client: Client) -> None:
    melding = _melding(world)
    melding.behandelaars.add(team.gezag)  # a handler in the registry, but no vault grant
    login_met_sleutel(client, team.gezag)
    html = _detail(client, melding)
    assert "U heeft geen toegang tot de inhoud van deze melding" in html
    assert MARKER not in html and "Den Haag" not in html
    assert 'name="actie"' not in html
    assert not AuditEvent.objects.filter(action="melding.inhoud_gelezen").exists()


def test_detail_without_key_in_session_asks_to_log_in_again(
    world: World, team: Team, client: Client
) -> None:
    melding = _melding(world)
    login_verified(client, team.coordinator)  # no key in the session
    html = _detail(client, melding)
    assert "Log opnieuw in om versleutelde inhoud te lezen" in html
    assert MARKER not in html


def test_personal_notes_only_for_their_author(world: World, team: Team, client: Client) -> None:
    melding = _melding(world)
    eigen = kluis.gebruikersleutel_openen(gebruiker=team.collega, wachtwoord=TEST_PASSWORD)
    sleutel = services.kluis_van_behandelaar(melding=melding, gebruiker=team.collega, private=eigen)
    for tekst, laag in [
        ("NOTITIE-persoonlijk", Zichtbaarheid.PERSOONLIJK),
        ("NOTITIE-team", "team"),
    ]:
        services.bericht_plaatsen(
            melding=melding,
            auteur=team.collega,
            kluis_private=sleutel,
            tekst=tekst,
            zichtbaarheid=laag,
        )
    login_met_sleutel(client, team.coordinator)
    html = _detail(client, melding)
    assert "NOTITIE-team" in html and "NOTITIE-persoonlijk" not in html
    login_met_sleutel(client, team.collega)
    assert "NOTITIE-persoonlijk" in _detail(client, melding)


def test_attachment_download_decrypts_and_is_audited(
    world: World, team: Team, client: Client, settings: object, tmp_path: object
) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    bestand = SimpleUploadedFile("verslag.txt", f"bijlage {MARKER}".encode(), "text/plain")
    melding = _melding(world, bijlagen=[bestand])
    bijlage = melding.bijlagen.get()
    url = reverse("meldingen:register_bijlage", args=[melding.pk, bijlage.pk])
    login_met_sleutel(client, team.coordinator)
    html = _detail(client, melding)
    assert "verslag.txt" in html and url in html
    response = client.get(url)
    assert response.status_code == 200
    assert response.content == f"bijlage {MARKER}".encode()
    assert 'filename="verslag.txt"' in response["Content-Disposition"]
    assert AuditEvent.objects.filter(action="melding.inhoud_gelezen").count() == 2
    # Without a grant: back to the page, nothing decrypted.
    melding.behandelaars.add(team.gezag)
    login_met_sleutel(client, team.gezag)
    assert client.get(url).status_code == 302


# --- the handling steps ----------------------------------------------------------------------


def _actie(client: Client, melding: Melding, actie: str, **data: str) -> list[str]:
    response = client.post(
        reverse("meldingen:register_actie", args=[melding.pk]),
        {"actie": actie, **data},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("meldingen:register_detail", args=[melding.pk])
    return [str(m) for m in response.context["messages"]]


def test_each_step_through_the_page(world: World, team: Team, client: Client) -> None:
    melding = _melding(world)
    login_met_sleutel(client, team.coordinator)
    gisteren = (timezone.localdate() - timedelta(days=1)).isoformat()

    assert _actie(client, melding, "afsluiten", **{"afsluiten-afloop": Afloop.GEGROND}) == [
        "Bevestig eerst de ontvangst."
    ]
    assert _actie(client, melding, "bevestigen", **{"bevestigen-op": gisteren}) == [
        "De ontvangstbevestiging is vastgelegd."
    ]
    assert _actie(client, melding, "triage", **{"triage-triage": Triage.ONDERZOEK})
    assert _actie(
        client,
        melding,
        "bericht",
        **{"bericht-tekst": "Wij onderzoeken het.", "bericht-zichtbaarheid": Zichtbaarheid.MELDER},
    ) == ["Het bericht is geplaatst."]
    assert _actie(client, melding, "terugkoppelen") == ["De terugkoppeling is vastgelegd."]
    assert _actie(client, melding, "behandelaar", **{"behandelaar-behandelaar": str(team.gezag.pk)})
    assert _actie(client, melding, "afsluiten", **{"afsluiten-afloop": Afloop.GEGROND}) == [
        "De melding is afgesloten."
    ]

    melding.refresh_from_db()
    assert melding.bevestigd_op == date.fromisoformat(gisteren)
    assert melding.triage == Triage.ONDERZOEK
    assert melding.teruggekoppeld_op == timezone.localdate()
    assert melding.status == Status.AFGESLOTEN and melding.afloop == Afloop.GEGROND
    assert team.gezag in melding.behandelaars.all()
    assert kluis.heeft_toegang(kluis=melding.kluis, gebruiker=team.gezag)
    bericht = Bericht.objects.get(melding=melding)
    assert bericht.zichtbaarheid == Zichtbaarheid.MELDER and b"onderzoeken" not in bytes(
        bericht.tekst
    )
    acties = set(
        AuditEvent.objects.filter(object_type="melding", object_id=str(melding.pk)).values_list(
            "action", flat=True
        )
    )
    assert {
        "melding.bevestigd",
        "melding.triage",
        "melding.bericht_geplaatst",
        "melding.teruggekoppeld",
        "melding.behandelaar_toegevoegd",
        "melding.afgesloten",
    } <= acties
    # The bevoegd gezag now reads the content with its own key.
    login_met_sleutel(client, team.gezag)
    assert MARKER in _detail(client, melding)


def test_step_errors_are_shown_in_dutch(world: World, team: Team, client: Client) -> None:
    melding = _melding(world)
    login_met_sleutel(client, team.coordinator)
    morgen = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert _actie(client, melding, "bevestigen", **{"bevestigen-op": morgen}) == [
        "Deze datum ligt in de toekomst."
    ]
    assert _actie(client, melding, "bericht", **{"bericht-tekst": ""})
    assert _actie(client, melding, "onzin") == ["Onbekende handeling."]
    assert not Bericht.objects.exists()
    melding.refresh_from_db()
    assert melding.bevestigd_op is None


def test_steps_need_a_grant(world: World, team: Team, client: Client) -> None:
    melding = _melding(world, organisatie=world.ocw)
    kluis.toegang_intrekken(kluis=melding.kluis, door=None, gebruiker=team.collega)
    login_met_sleutel(client, team.collega)
    assert _actie(client, melding, "bevestigen") == [
        "U heeft geen toegang tot de inhoud van deze melding."
    ]
    melding.refresh_from_db()
    assert melding.bevestigd_op is None


def test_bevoegd_gezag_cannot_post_steps(world: World, team: Team, client: Client) -> None:
    melding = _melding(world)
    melding.behandelaars.add(team.gezag)
    login_met_sleutel(client, team.gezag)
    url = reverse("meldingen:register_actie", args=[melding.pk])
    assert client.post(url, {"actie": "bevestigen"}).status_code == 403


# --- registering a report received by phone, mail or in person -------------------------------


def test_register_a_phone_report(
    world: World, team: Team, client: Client, settings: object, tmp_path: object
) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    login_met_sleutel(client, team.coordinator)
    ontvangen = timezone.localdate() - timedelta(days=3)
    response = client.post(
        reverse("meldingen:register_nieuw"),
        {
            "organisatie": world.ocw.pk,
            "kanaal": Kanaal.TELEFOON,
            "ontvangen_op": ontvangen.isoformat(),
            "soort": "financieel",
            "wat": f"Telefonisch gemeld {MARKER}",
            "naam": f"Naam {MARKER}",
            "bijlagen": [SimpleUploadedFile("notitie.txt", b"gespreksnotitie", "text/plain")],
        },
    )
    melding = Melding.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("meldingen:register_detail", args=[melding.pk])
    assert melding.kanaal == Kanaal.TELEFOON and melding.ontvangen_op == ontvangen
    assert not melding.anoniem and melding.identiteit_kluis is not None
    assert melding.ontvangstcode_index is None
    assert melding.bijlagen.count() == 1
    assert MARKER.encode() not in bytes(melding.inhoud)
    assert AuditEvent.objects.filter(
        action="melding.geregistreerd", object_id=str(melding.pk), actor_id=team.coordinator.pk
    ).exists()
    assert f"Telefonisch gemeld {MARKER}" in _detail(client, melding)


def test_register_form_errors_save_nothing(world: World, team: Team, client: Client) -> None:
    login_met_sleutel(client, team.coordinator)
    morgen = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        reverse("meldingen:register_nieuw"),
        {
            "organisatie": world.fin.pk,  # outside the coordinator's scope
            "kanaal": Kanaal.WEB,  # not a channel registered by hand
            "ontvangen_op": morgen,
            "soort": "",
            "wat": "",
            "bijlagen": [SimpleUploadedFile("virus.exe", b"MZ", "application/octet-stream")],
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) >= {"organisatie", "kanaal", "ontvangen_op", "soort", "wat"}
    assert "Deze datum ligt in de toekomst." in form.errors["ontvangen_op"]
    assert not Melding.objects.exists()
    # A file of a refused type: the service's message on the field.
    response = client.post(
        reverse("meldingen:register_nieuw"),
        {
            "organisatie": world.ocw.pk,
            "kanaal": Kanaal.POST,
            "ontvangen_op": timezone.localdate().isoformat(),
            "soort": "financieel",
            "wat": "Iets",
            "bijlagen": [SimpleUploadedFile("virus.exe", b"MZ", "application/octet-stream")],
        },
    )
    assert response.status_code == 200
    assert "dit type bestand kan niet mee" in " ".join(response.context["form"].errors["bijlagen"])
    assert not Melding.objects.exists()


def test_pages_are_dutch_and_csp_clean(world: World, team: Team, client: Client) -> None:
    from integriteit.tests.test_templates_render import assert_dutch_page

    melding = _melding(world)
    login_met_sleutel(client, team.coordinator)
    for url in (
        reverse("meldingen:register"),
        reverse("meldingen:register_nieuw"),
        reverse("meldingen:register_detail", args=[melding.pk]),
    ):
        assert_dutch_page(client.get(url).content.decode())
