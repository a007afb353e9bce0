"""The investigation screens: the list per role, opening a case (with errors at the fields),
the case page (phase map, what is missing, registering through the forms, finishing a phase,
the deviation flow), content only for participants with a key, audited downloads, and the
protocol pages with the upload of a tightened protocol."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from integriteit.accounts.models import Gebruiker
from integriteit.common.models import AuditEvent
from integriteit.conftest import World, login_verified
from integriteit.meldingen import services as melding_services
from integriteit.meldingen.constants import Kanaal
from integriteit.meldingen.models import Melding
from integriteit.meldingen.tests.helpers import login_met_sleutel
from integriteit.onderzoeken import poort, services
from integriteit.onderzoeken.constants import Gebeurtenis, Status, Zaakrol
from integriteit.onderzoeken.models import Onderzoek, Overgang, Protocol
from integriteit.onderzoeken.protocol import SHIPPED_DIR
from integriteit.onderzoeken.tests.helpers import (
    Team,
    afronden,
    fase_vervullen,
    maatregelsoort,
    naar_fase,
    onderzoeker_toevoegen,
    openen,
)

MARKER = "ONZ-geheim-4417"
LIJST = "onderzoeken:lijst"


def _client(gebruiker: Gebruiker) -> Client:
    return login_met_sleutel(Client(), gebruiker)


def _detail(onderzoek: Onderzoek) -> str:
    return reverse("onderzoeken:detail", args=[onderzoek.pk])


def _actie(client: Client, onderzoek: Onderzoek, **data: object) -> list[str]:
    """POST one step; the messages it left, in order."""
    response = client.post(reverse("onderzoeken:actie", args=[onderzoek.pk]), data)
    assert response.status_code == 302
    assert response["Location"] == _detail(onderzoek)
    berichten = [str(m) for m in get_messages(response.wsgi_request)]
    client.get(response["Location"])  # shows (and so uses up) the messages
    return berichten


def _melding(world: World) -> Melding:
    return melding_services.melding_ontvangen(
        invoer=melding_services.Invoer(
            organisatie=world.ocw,
            soort="belangen",
            kanaal=Kanaal.TELEFOON,
            inhoud=melding_services.Inhoud(wat="Testmelding"),
        )
    ).melding


# --- the list -----------------------------------------------------------------------------------


def test_list_scope_per_role(world: World, team: Team) -> None:
    eigen = openen(world, team)
    onderzoeker_toevoegen(team, eigen, team.onderzoeker)
    ander = openen(world, team, door=team.collega)  # team.coordinator not in it
    url = reverse(LIJST)

    coordinator = _client(team.coordinator).get(url).content.decode()
    assert eigen.nummer in coordinator and ander.nummer in coordinator  # all of OCW

    onderzoeker = _client(team.onderzoeker).get(url).content.decode()
    assert eigen.nummer in onderzoeker and ander.nummer not in onderzoeker

    tweede = _client(team.onderzoeker2).get(url).content.decode()
    assert eigen.nummer not in tweede and "nog geen onderzoeken" in tweede

    gezag = _client(team.gezag).get(url).content.decode()
    assert eigen.nummer in gezag and ander.nummer in gezag  # bevoegd gezag of both

    fin = _client(team.fin)
    assert eigen.nummer not in fin.get(url).content.decode()
    assert fin.get(_detail(eigen)).status_code == 404
    assert _client(team.onderzoeker2).get(_detail(eigen)).status_code == 404


def test_list_shows_phase_and_overdue_flag_and_filters(world: World, team: Team) -> None:
    laat = openen(world, team)
    Onderzoek.objects.filter(pk=laat.pk).update(
        fase_uiterlijk=timezone.localdate() - timedelta(days=2)
    )
    op_tijd = openen(world, team)
    client = _client(team.coordinator)
    html = client.get(reverse(LIJST)).content.decode()
    assert "Vooronderzoek" in html and "te laat" in html and "igt-termijn--te_laat" in html
    gefilterd = client.get(reverse(LIJST), {"te_laat": "on"}).content.decode()
    assert laat.nummer in gefilterd and op_tijd.nummer not in gefilterd
    per_fase = client.get(reverse(LIJST), {"fase": "opdracht"}).content.decode()
    assert laat.nummer not in per_fase and "Geen onderzoeken gevonden met dit filter" in per_fase


# --- opening ------------------------------------------------------------------------------------


def test_open_with_errors_at_the_fields_saves_nothing(world: World, team: Team) -> None:
    client = _client(team.coordinator)
    url = reverse("onderzoeken:openen")
    response = client.post(url, {"organisatie": world.ocw.pk, "bevoegd_gezag": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kies het bevoegd gezag." in html
    response = client.post(url, {"organisatie": world.ocw.pk, "bevoegd_gezag": team.gezag.pk})
    html = response.content.decode()
    assert "Kies minstens één melding" in html
    assert 'id="id_meldingen_error"' in html  # at the field
    assert not Onderzoek.objects.exists()


def test_open_from_a_report(world: World, team: Team) -> None:
    melding = _melding(world)
    client = _client(team.coordinator)
    url = reverse("onderzoeken:openen")
    form = client.get(url, {"melding": melding.pk}).content.decode()
    assert f'value="{melding.pk}" selected' in form and melding.nummer in form
    assert "Testmelding" not in form  # metadata only
    response = client.post(
        url,
        {
            "organisatie": world.ocw.pk,
            "meldingen": [melding.pk],
            "soort": "belangen",
            "bevoegd_gezag": team.gezag.pk,
        },
    )
    onderzoek = Onderzoek.objects.get()
    assert response["Location"] == _detail(onderzoek)
    assert list(onderzoek.meldingen.all()) == [melding]
    assert services.zaakrollen(onderzoek, team.gezag) == {Zaakrol.BEVOEGD_GEZAG}


# --- the case page ------------------------------------------------------------------------------


def test_case_page_shows_map_and_missing(world: World, team: Team) -> None:
    onderzoek = openen(world, team)
    html = _client(team.coordinator).get(_detail(onderzoek)).content.decode()
    assert 'class="igt-fasekaart"' in html and 'aria-current="step"' in html
    assert "Bevindingen van het vooronderzoek: nog niet vastgelegd." in html
    assert "Advies aan het bevoegd gezag: nog niet vastgelegd." in html
    assert 'name="reg-vooronderzoek_bevindingen-waarde"' in html  # the coordinator registers
    assert "Fase afronden" in html
    gezag = _client(team.gezag).get(_detail(onderzoek)).content.decode()
    assert 'name="reg-vooronderzoek_bevindingen-waarde"' not in gezag  # not an actor here


def test_registration_through_the_form_meets_the_requirement(world: World, team: Team) -> None:
    onderzoek = openen(world, team)
    client = _client(team.coordinator)
    berichten = _actie(
        client,
        onderzoek,
        actie="registreren",
        vereiste="vooronderzoek_bevindingen",
        **{"reg-vooronderzoek_bevindingen-waarde": MARKER},
    )
    assert berichten == ["‘Bevindingen van het vooronderzoek’ is vastgelegd."]
    codes = [o.vereiste.code for o in poort.ontbrekend(onderzoek)]
    assert codes == ["advies_bevoegd_gezag"]
    html = client.get(_detail(onderzoek)).content.decode()
    assert "Bevindingen van het vooronderzoek: nog niet vastgelegd." not in html
    assert MARKER in html  # the registered text, read with the key
    leeg = _actie(client, onderzoek, actie="registreren", vereiste="advies_bevoegd_gezag")
    assert leeg == ["Advies aan het bevoegd gezag: Vul de tekst in."]


def test_finish_phase_refused_with_what_is_missing_then_allowed(world: World, team: Team) -> None:
    onderzoek = openen(world, team)
    client = _client(team.coordinator)
    berichten = _actie(client, onderzoek, actie="afronden")
    assert berichten == [
        "De fase kan nog niet worden afgerond. Dit ontbreekt nog:",
        "Bevindingen van het vooronderzoek: nog niet vastgelegd.",
        "Advies aan het bevoegd gezag: nog niet vastgelegd.",
    ]
    onderzoek.refresh_from_db()
    assert onderzoek.fase == "vooronderzoek"
    fase_vervullen(team, onderzoek, {})
    berichten = _actie(client, onderzoek, actie="afronden")
    assert berichten == [
        "De fase is afgerond. Het onderzoek is nu in de fase ‘Besluit tot onderzoek’."
    ]
    onderzoek.refresh_from_db()
    assert onderzoek.fase == "besluit_onderzoek"
    html = client.get(_detail(onderzoek)).content.decode()
    assert "igt-fasekaart__vak--klaar" in html  # the phase map marks the phase left
    assert "Naar de volgende fase" in html  # in the history


def test_choice_registration_and_skip(world: World, team: Team) -> None:
    onderzoek = naar_fase(team, openen(world, team), "besluit_onderzoek")
    client = _client(team.gezag)
    html = client.get(_detail(onderzoek)).content.decode()
    assert 'type="radio" name="reg-besluit-waarde"' in html
    fout = _actie(
        client, onderzoek, actie="registreren", vereiste="besluit", **{"reg-besluit-waarde": "x"}
    )
    assert fout[0].startswith("Besluit: ")
    assert _actie(
        client,
        onderzoek,
        actie="registreren",
        vereiste="besluit",
        **{"reg-besluit-waarde": "niet_onderzoeken"},
    ) == ["‘Besluit’ is vastgelegd."]
    assert poort.stand(onderzoek).keuze("besluit") == "niet_onderzoeken"


def test_deviation_flow_requester_cannot_consent(world: World, team: Team) -> None:
    onderzoek = openen(world, team)
    fase_vervullen(team, onderzoek, {}, behalve="advies_bevoegd_gezag")
    aanvrager = _client(team.coordinator)
    assert "Afwijken van het protocol" in aanvrager.get(_detail(onderzoek)).content.decode()
    assert _actie(aanvrager, onderzoek, actie="afwijking", **{"afwijking-reden": ""}) == [
        "Reden: Geef de reden."
    ]
    assert _actie(aanvrager, onderzoek, actie="afwijking", **{"afwijking-reden": MARKER}) == [
        "Uw verzoek om af te wijken wacht op een integriteitscoördinator."
    ]
    verzoek = onderzoek.afwijkingsverzoeken.get()
    html = aanvrager.get(_detail(onderzoek)).content.decode()
    assert "Verzoek om af te wijken" in html and 'value="toestaan"' not in html
    assert _actie(
        aanvrager, onderzoek, actie="beslissen", verzoek=verzoek.pk, besluit="toestaan"
    ) == ["U kunt niet zelf toestemming geven voor uw eigen verzoek."]
    onderzoek.refresh_from_db()
    assert onderzoek.fase == "vooronderzoek"

    collega = _client(team.collega)  # another coordinator of OCW, not in the case
    html = collega.get(_detail(onderzoek)).content.decode()
    assert 'value="toestaan"' in html and MARKER not in html  # decides without the content
    assert _actie(
        collega, onderzoek, actie="beslissen", verzoek=verzoek.pk, besluit="toestaan"
    ) == ["De afwijking is toegestaan; het onderzoek is verder gegaan."]
    onderzoek.refresh_from_db()
    assert onderzoek.fase == "besluit_onderzoek"
    stap = Overgang.objects.get(onderzoek=onderzoek, soort=Gebeurtenis.AFWIJKING)
    assert stap.toestemming_door == team.collega and stap.ontbrak == ["advies_bevoegd_gezag"]
    geschiedenis = aanvrager.get(_detail(onderzoek)).content.decode()
    assert "Ontbrak: Advies aan het bevoegd gezag" in geschiedenis
    assert f"Reden: {MARKER}" in geschiedenis


def test_suspend_resume_extend(world: World, team: Team) -> None:
    onderzoek = openen(world, team)
    client = _client(team.gezag)
    uiterlijk = onderzoek.fase_uiterlijk
    assert uiterlijk is not None
    assert _actie(
        client,
        onderzoek,
        actie="verlengen",
        **{"verlengen-dagen": "10", "verlengen-reden": "Drukte"},
    ) == ["De termijn is met 10 dagen verlengd."]
    _actie(client, onderzoek, actie="opschorten", **{"opschorten-reden": "Politie"})
    onderzoek.refresh_from_db()
    assert onderzoek.status == Status.OPGESCHORT
    assert onderzoek.fase_uiterlijk == uiterlijk + timedelta(days=10)
    assert "klok stil" in client.get(_detail(onderzoek)).content.decode()
    _actie(client, onderzoek, actie="hervatten")
    onderzoek.refresh_from_db()
    assert onderzoek.status == Status.LOPEND
    onderzoeker = _client(team.onderzoeker)  # not in the case: 404 before any step
    response = onderzoeker.post(
        reverse("onderzoeken:actie", args=[onderzoek.pk]), {"actie": "hervatten"}
    )
    assert response.status_code == 404


def test_participants_interviews_evidence_through_the_page(world: World, team: Team) -> None:
    onderzoek = naar_fase(team, openen(world, team), "onderzoek")
    coordinator = _client(team.coordinator)
    keuze = f"{Zaakrol.ONDERZOEKER}:{team.onderzoeker2.pk}"
    assert f'value="{keuze}"' in coordinator.get(_detail(onderzoek)).content.decode()
    assert _actie(coordinator, onderzoek, actie="medewerker", **{"medewerker-medewerker": keuze})[
        0
    ].endswith("neemt deel aan het onderzoek en heeft toegang tot de inhoud.")
    _actie(
        coordinator,
        onderzoek,
        actie="beschreven",
        **{"beschreven-rol": "getuige", "beschreven-omschrijving": "P. de Vries, teamleider"},
    )
    client = _client(team.onderzoeker2)
    assert _actie(
        client, onderzoek, actie="verklaring", **{"verklaring-verklaring": "Geen band"}
    ) == ["Uw verklaring van onafhankelijkheid is vastgelegd."]
    vandaag = timezone.localdate().isoformat()
    _actie(
        client,
        onderzoek,
        actie="verhoor",
        **{"verhoor-datum": vandaag, "verhoor-gehoorde": "Getuige B", "verhoor-verslag": MARKER},
    )
    assert _actie(client, onderzoek, actie="voorleggen", verhoor=1) == [
        "Verhoorverslag 1 is aan de gehoorde voorgelegd."
    ]
    assert _actie(
        client,
        onderzoek,
        actie="reactie",
        verhoor=1,
        **{
            "reactie-1-verhoor": 1,
            "reactie-1-reactie": "commentaar",
            "reactie-1-commentaar": "Klopt niet",
        },
    ) == ["De reactie van de gehoorde op verslag 1 is vastgelegd."]
    _actie(
        client,
        onderzoek,
        actie="bewijs",
        **{
            "bewijs-omschrijving": "Mail van 3 maart",
            "bewijs-verkregen_op": vandaag,
            "bewijs-bestand": SimpleUploadedFile("mail.txt", b"inhoud van de mail", "text/plain"),
        },
    )
    html = client.get(_detail(onderzoek)).content.decode()
    assert "P. de Vries, teamleider" in html and MARKER in html and "Klopt niet" in html
    assert "Mail van 3 maart" in html and "mail.txt" in html


# --- content and downloads ----------------------------------------------------------------------


def test_content_hidden_without_grant_or_key(world: World, team: Team) -> None:
    onderzoek = openen(world, team)
    services.registreren(
        onderzoek=onderzoek,
        door=team.coordinator,
        vereiste_code="vooronderzoek_bevindingen",
        waarde=MARKER,
    )
    assert MARKER in _client(team.coordinator).get(_detail(onderzoek)).content.decode()
    zonder_toegang = _client(team.collega).get(_detail(onderzoek)).content.decode()
    assert "U heeft geen toegang tot de inhoud" in zonder_toegang and MARKER not in zonder_toegang
    assert "Bevindingen van het vooronderzoek" in zonder_toegang  # the metadata stays
    zonder_sleutel = login_verified(Client(), team.gezag).get(_detail(onderzoek)).content.decode()
    assert "Log opnieuw in" in zonder_sleutel and MARKER not in zonder_sleutel


def test_download_is_decrypted_audited_and_not_cached(world: World, team: Team) -> None:
    onderzoek = naar_fase(team, openen(world, team), "onderzoek")
    services.bewijs_vastleggen(
        onderzoek=onderzoek,
        door=team.onderzoeker,
        omschrijving="Declaraties",
        verkregen_op=timezone.localdate(),
        bestand=SimpleUploadedFile("bonnen.pdf", b"%PDF-1.4\n% bonnen\n", "application/pdf"),
    )
    nummer = onderzoek.bewijsstukken.filter(bestand__gt="").get().volgnummer
    url = reverse("onderzoeken:bestand", args=[onderzoek.pk, "bewijs", nummer])
    voor = AuditEvent.objects.filter(
        action="onderzoek.inhoud_gelezen", actor_id=team.onderzoeker.pk
    ).count()
    response = _client(team.onderzoeker).get(url)
    assert response.status_code == 200
    assert response.content == b"%PDF-1.4\n% bonnen\n"
    assert response["Cache-Control"] == "no-store"
    assert 'filename="bonnen.pdf"' in response["Content-Disposition"]
    na = AuditEvent.objects.filter(
        action="onderzoek.inhoud_gelezen", actor_id=team.onderzoeker.pk
    ).count()
    assert na == voor + 1
    geweigerd = _client(team.collega).get(url)  # sees the case, no grant
    assert geweigerd.status_code == 302
    assert [str(m) for m in get_messages(geweigerd.wsgi_request)] == [
        "U heeft geen toegang tot de inhoud van dit onderzoek."
    ]
    assert _client(team.fin).get(url).status_code == 404
    assert (
        _client(team.onderzoeker)
        .get(reverse("onderzoeken:bestand", args=[onderzoek.pk, "bewijs", 99]))
        .status_code
        == 404
    )


# --- protocols ----------------------------------------------------------------------------------


def test_protocol_pages(world: World, team: Team) -> None:
    onderzoek = openen(world, team)
    onderzoeker_toevoegen(team, onderzoek, team.onderzoeker)
    client = _client(team.onderzoeker)
    lijst = client.get(reverse("onderzoeken:protocollen")).content.decode()
    assert "Basisprotocol intern persoonsgericht integriteitsonderzoek" in lijst
    assert "Aangescherpt protocol laden" not in lijst  # not for an investigator
    html = client.get(
        reverse("onderzoeken:protocol", args=[onderzoek.protocol_id])
    ).content.decode()
    assert "Vooronderzoek" in html and "Termijn: 28 dagen." in html
    assert "Bij de keuze ‘Er komt geen onderzoek’: verder naar ‘Afsluiting en nazorg’." in html
    assert "Alleen als bij ‘Besluit’ is gekozen" in html


def test_protocol_upload_bad_file_names_line_and_field(world: World, team: Team) -> None:
    client = _client(team.coordinator)
    basis = (SHIPPED_DIR / "bipo-basis.yaml").read_text(encoding="utf-8")
    slecht = basis.replace("code: bipo-basis\n", "code: ocw-protocol\nbase: bipo-basis\n", 1)
    slecht = slecht.replace("deadline_days: 28", "deadline_days: 0", 1)
    response = client.post(
        reverse("onderzoeken:protocol_laden"),
        {
            "organisatie": world.ocw.pk,
            "bestand": SimpleUploadedFile("ocw.yaml", slecht.encode(), "application/yaml"),
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Het protocol is niet geladen" in html
    regel = slecht.splitlines().index("    deadline_days: 0") + 1
    assert f"ocw.yaml, regel {regel}, veld phases[0].deadline_days" in html
    assert not Protocol.objects.filter(organisatie=world.ocw).exists()

    goed = (SHIPPED_DIR / "voorbeeld-aangescherpt.yaml").read_bytes()
    response = client.post(
        reverse("onderzoeken:protocol_laden"),
        {"organisatie": world.ocw.pk, "bestand": SimpleUploadedFile("v.yaml", goed)},
    )
    protocol = Protocol.objects.get(organisatie=world.ocw)
    assert response["Location"] == reverse("onderzoeken:protocol", args=[protocol.pk])
    pagina = client.get(response["Location"]).content.decode()
    assert "termijn:wederhoor" in pagina and "ondernemingsraad" in pagina
    assert _client(team.fin).get(response["Location"]).status_code == 404


def test_measure_through_the_page_and_closed_case(world: World, team: Team) -> None:
    keuzes = {"uitkomst": "vastgesteld"}
    onderzoek = naar_fase(team, openen(world, team), "besluit", keuzes)
    services.registreren(
        onderzoek=onderzoek, door=team.gezag, vereiste_code="uitkomst", waarde="vastgesteld"
    )
    client = _client(team.gezag)
    assert 'name="maatregel-soort"' in client.get(_detail(onderzoek)).content.decode()
    soort = maatregelsoort()
    assert _actie(
        client,
        onderzoek,
        actie="maatregel",
        **{
            "maatregel-soort": soort.pk,
            "maatregel-datum": timezone.localdate().isoformat(),
            "maatregel-motivering": MARKER,
        },
    ) == ["De maatregel is vastgelegd."]
    for _stap in range(3):
        if onderzoek.status == Status.AFGESLOTEN:
            break
        fase_vervullen(team, onderzoek, keuzes)
        onderzoek = afronden(team, onderzoek)
    assert onderzoek.status == Status.AFGESLOTEN
    html = client.get(_detail(onderzoek)).content.decode()
    assert MARKER in html and soort.naam in html
    assert "Schending vastgesteld" in html
    assert "Fase afronden" not in html and "Wat nog ontbreekt" not in html
    assert 'name="maatregel-soort"' not in html
