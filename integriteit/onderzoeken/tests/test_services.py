"""The services and selectors of investigations: opening (errors named), participants and
vault grants, append-only registrations, deviations with a coordinator's consent,
suspension and extension against a frozen clock, audit events without content, a history
that is only added to, who sees which case, the statistics of measures — and the marker test:
content registered anywhere in a case is nowhere in the database or the media in the clear."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from integriteit.common.models import AuditEvent
from integriteit.conftest import World
from integriteit.kluis import services as kluis
from integriteit.meldingen import services as meldingen
from integriteit.meldingen.constants import Kanaal, Triage
from integriteit.onderzoeken import poort, selectors, services
from integriteit.onderzoeken.constants import Gebeurtenis, Status, VerzoekStatus, Zaakrol
from integriteit.onderzoeken.models import Onderzoek, Overgang, Registratie
from integriteit.onderzoeken.tests.helpers import (
    PDF,
    Team,
    fase_vervullen,
    maatregelsoort,
    met_sleutel,
    naar_fase,
    onderzoeker_toevoegen,
    openen,
)

MARKER = "ONZ-geheim-4417"


def _fouten(error: ValidationError) -> dict[str, list[str]]:
    return dict(error.message_dict)


# --- opening ----------------------------------------------------------------------------------


def test_open_on_own_initiative(world: World, team: Team) -> None:
    onderzoek = openen(world, team)
    jaar = timezone.localdate().year
    assert onderzoek.nummer == f"ONZ-OCW-{jaar}-0001"
    assert openen(world, team).nummer == f"ONZ-OCW-{jaar}-0002"
    assert onderzoek.fase == "vooronderzoek" and onderzoek.status == Status.LOPEND
    assert onderzoek.fase_uiterlijk == onderzoek.fase_sinds + timedelta(days=28)
    assert onderzoek.protocol.code == "bipo-basis" and onderzoek.protocol.organisatie is None
    assert services.zaakrollen(onderzoek, team.coordinator) == {Zaakrol.COORDINATOR}
    assert services.zaakrollen(onderzoek, team.gezag) == {Zaakrol.BEVOEGD_GEZAG}
    assert kluis.heeft_toegang(kluis=onderzoek.kluis, gebruiker=team.coordinator)
    assert kluis.heeft_toegang(kluis=onderzoek.kluis, gebruiker=team.gezag)
    assert not kluis.heeft_toegang(kluis=onderzoek.kluis, gebruiker=team.onderzoeker)
    geopend = Overgang.objects.get(onderzoek=onderzoek)
    assert (geopend.soort, geopend.naar_fase) == (Gebeurtenis.GEOPEND, "vooronderzoek")
    sleutel = services.kluis_van_deelnemer(
        onderzoek=onderzoek, gebruiker=team.coordinator, private=team.sleutel
    )
    assert geopend.reden is not None
    reden = services.inhoud_lezen(sleutel, onderzoek, "reden", bytes(geopend.reden))
    assert reden == "Signalen uit de lijn"


def test_open_from_reports_sets_their_triage(world: World, team: Team) -> None:
    melding = meldingen.melding_ontvangen(
        invoer=meldingen.Invoer(
            organisatie=world.ocw_unit,
            soort="belangen",
            kanaal=Kanaal.TELEFOON,
            inhoud=meldingen.Inhoud(wat="Iets"),
        )
    ).melding
    onderzoek = openen(world, team, meldingen=[melding], eigen_initiatief_reden=None)
    melding.refresh_from_db()
    assert melding.triage == Triage.ONDERZOEK
    assert list(selectors.onderzoeken_van_melding(melding)) == [onderzoek]
    assert Overgang.objects.get(onderzoek=onderzoek).reden is None


def test_open_refusals_name_the_field(world: World, team: Team) -> None:
    with pytest.raises(ValidationError) as fout:
        openen(world, team, eigen_initiatief_reden="  ", soort="onzin", bevoegd_gezag=team.collega)
    assert set(_fouten(fout.value)) == {"meldingen", "soort", "bevoegd_gezag"}
    fin_melding = meldingen.melding_ontvangen(
        invoer=meldingen.Invoer(
            organisatie=world.fin,
            soort="belangen",
            kanaal=Kanaal.TELEFOON,
            inhoud=meldingen.Inhoud(wat="Iets"),
        )
    ).melding
    with pytest.raises(ValidationError) as fout:
        openen(world, team, meldingen=[fin_melding])
    assert _fouten(fout.value) == {
        "meldingen": [f"Melding {fin_melding.nummer} hoort niet bij deze organisatie."]
    }
    with pytest.raises(PermissionDenied):
        openen(world, team, door=team.fin)
    with pytest.raises(PermissionDenied):
        openen(world, team, door=team.gezag)
    assert not Onderzoek.objects.exists()


# --- participants -----------------------------------------------------------------------------


def test_investigator_gets_the_vault_from_a_holder(world: World, team: Team) -> None:
    onderzoek = openen(world, team)
    with pytest.raises(kluis.GeenToegang):  # without the granter's key: nothing saved
        services.deelnemer_toevoegen(
            onderzoek=onderzoek,
            door=team.coordinator,
            rol="onderzoeker",
            gebruiker=team.onderzoeker,
        )
    assert not onderzoek.deelnemers.filter(rol=Zaakrol.ONDERZOEKER).exists()
    onderzoeker_toevoegen(team, onderzoek, team.onderzoeker)
    assert kluis.heeft_toegang(kluis=onderzoek.kluis, gebruiker=team.onderzoeker)
    sleutel = services.kluis_van_deelnemer(
        onderzoek=onderzoek, gebruiker=team.onderzoeker, private=met_sleutel(team.onderzoeker)
    )
    assert sleutel
    with pytest.raises(ValidationError) as fout:  # already in
        onderzoeker_toevoegen(team, onderzoek, team.onderzoeker)
    assert "gebruiker" in _fouten(fout.value)
    with pytest.raises(ValidationError) as fout:  # a coordinator is no investigator
        onderzoeker_toevoegen(team, onderzoek, team.collega)
    assert _fouten(fout.value)["gebruiker"][0].endswith("heeft niet de rol onderzoeker.")
    with pytest.raises(kluis.GeenToegang):  # the other investigator holds no grant
        services.kluis_van_deelnemer(
            onderzoek=onderzoek, gebruiker=team.onderzoeker2, private=met_sleutel(team.onderzoeker2)
        )
    with pytest.raises(ValidationError) as fout:
        services.deelnemer_toevoegen(
            onderzoek=onderzoek, door=team.coordinator, rol="getuige", omschrijving=" "
        )
    assert set(_fouten(fout.value)) == {"omschrijving"}
    with pytest.raises(PermissionDenied):  # an investigator does not add participants
        services.deelnemer_toevoegen(
            onderzoek=onderzoek, door=team.onderzoeker, rol="getuige", omschrijving="X"
        )


def test_independence_only_by_the_investigator_once(world: World, team: Team) -> None:
    onderzoek = openen(world, team)
    onderzoeker_toevoegen(team, onderzoek, team.onderzoeker)
    with pytest.raises(PermissionDenied):
        services.onafhankelijkheid_verklaren(
            onderzoek=onderzoek, door=team.coordinator, verklaring="Geen band"
        )
    services.onafhankelijkheid_verklaren(
        onderzoek=onderzoek, door=team.onderzoeker, verklaring="Geen band"
    )
    with pytest.raises(ValidationError):
        services.onafhankelijkheid_verklaren(
            onderzoek=onderzoek, door=team.onderzoeker, verklaring="Nog eens"
        )


# --- registrations ----------------------------------------------------------------------------


def test_registrations_are_append_only_and_the_newest_counts(world: World, team: Team) -> None:
    onderzoek = openen(world, team)
    code = "vooronderzoek_bevindingen"
    eerste = services.registreren(
        onderzoek=onderzoek, door=team.coordinator, vereiste_code=code, waarde="Eerste versie"
    )
    tweede = services.registreren(
        onderzoek=onderzoek, door=team.coordinator, vereiste_code=code, waarde="Verbeterd"
    )
    assert Registratie.objects.filter(onderzoek=onderzoek, vereiste=code).count() == 2
    assert poort.stand(onderzoek).registraties[code].pk == tweede.pk
    sleutel = services.kluis_van_deelnemer(
        onderzoek=onderzoek, gebruiker=team.coordinator, private=team.sleutel
    )
    teksten = [
        services.inhoud_lezen(sleutel, onderzoek, "tekst", bytes(r.tekst or b""))
        for r in (eerste, tweede)
    ]
    assert teksten == ["Eerste versie", "Verbeterd"]


def test_registration_refusals(world: World, team: Team) -> None:
    onderzoek = openen(world, team)
    with pytest.raises(ValidationError) as fout:  # a later phase
        services.registreren(
            onderzoek=onderzoek, door=team.gezag, vereiste_code="besluit", waarde="onderzoeken"
        )
    assert _fouten(fout.value)["vereiste"] == [
        "‘Besluit’ hoort bij de fase ‘Besluit tot onderzoek’, maar het onderzoek is in de fase "
        "‘Vooronderzoek’. Registreren kan alleen in de huidige fase."
    ]
    with pytest.raises(PermissionDenied):  # vooronderzoek: the coordinator registers
        services.registreren(
            onderzoek=onderzoek,
            door=team.gezag,
            vereiste_code="advies_bevoegd_gezag",
            waarde="Advies",
        )
    with pytest.raises(ValidationError) as fout:
        services.registreren(
            onderzoek=onderzoek,
            door=team.coordinator,
            vereiste_code="advies_bevoegd_gezag",
            waarde="",
        )
    assert set(_fouten(fout.value)) == {"advies_bevoegd_gezag"}
    with pytest.raises(ValidationError) as fout:
        services.registreren(
            onderzoek=onderzoek, door=team.coordinator, vereiste_code="bestaat_niet", waarde="x"
        )
    assert set(_fouten(fout.value)) == {"vereiste"}
    onderzoek = naar_fase(team, onderzoek, "besluit_onderzoek")
    with pytest.raises(ValidationError) as fout:
        services.registreren(
            onderzoek=onderzoek, door=team.gezag, vereiste_code="besluit", waarde="misschien"
        )
    assert _fouten(fout.value) == {"besluit": ["Kies een van: onderzoeken, niet_onderzoeken."]}
    onderzoek = naar_fase(team, onderzoek, "conceptrapport")
    exe = SimpleUploadedFile("rapport.exe", b"MZ", "application/octet-stream")
    with pytest.raises(ValidationError) as fout:
        services.registreren(
            onderzoek=onderzoek, door=team.onderzoeker, vereiste_code="conceptrapport", waarde=exe
        )
    assert set(_fouten(fout.value)) == {"conceptrapport"}
    assert not Registratie.objects.filter(onderzoek=onderzoek, vereiste="conceptrapport").exists()


def test_measures_only_from_the_decision_on(world: World, team: Team) -> None:
    onderzoek = naar_fase(team, openen(world, team), "eindrapport")
    with pytest.raises(ValidationError) as fout:
        services.maatregel_registreren(
            onderzoek=onderzoek,
            door=team.gezag,
            soort=maatregelsoort(),
            datum=timezone.localdate(),
            motivering="Evenredig",
        )
    assert set(_fouten(fout.value)) == {"soort"}
    onderzoek = naar_fase(team, onderzoek, "besluit")
    with pytest.raises(PermissionDenied):  # the competent authority decides
        services.maatregel_registreren(
            onderzoek=onderzoek,
            door=team.onderzoeker,
            soort=maatregelsoort(),
            datum=timezone.localdate(),
            motivering="Evenredig",
        )


# --- deviations -------------------------------------------------------------------------------


def test_deviation_needs_another_coordinators_consent(world: World, team: Team) -> None:
    onderzoek = openen(world, team)
    services.registreren(
        onderzoek=onderzoek,
        door=team.coordinator,
        vereiste_code="vooronderzoek_bevindingen",
        waarde="Bevindingen",
    )
    with pytest.raises(ValidationError) as fout:
        services.afwijking_aanvragen(onderzoek=onderzoek, door=team.coordinator, reden=" ")
    assert set(_fouten(fout.value)) == {"reden"}
    verzoek = services.afwijking_aanvragen(
        onderzoek=onderzoek, door=team.coordinator, reden="Spoed: advies volgt mondeling"
    )
    assert verzoek.ontbrak == ["advies_bevoegd_gezag"] and verzoek.naar_fase == "besluit_onderzoek"
    with pytest.raises(ValidationError):  # one open request at a time
        services.afwijking_aanvragen(onderzoek=onderzoek, door=team.coordinator, reden="Nog een")
    with pytest.raises(PermissionDenied):  # not the requester
        services.afwijking_beslissen(verzoek=verzoek, door=team.coordinator, toestaan=True)
    with pytest.raises(PermissionDenied):  # not a coordinator
        services.afwijking_beslissen(verzoek=verzoek, door=team.gezag, toestaan=True)
    with pytest.raises(PermissionDenied):  # not of this organisation
        services.afwijking_beslissen(verzoek=verzoek, door=team.fin, toestaan=True)
    onderzoek.refresh_from_db()
    assert onderzoek.fase == "vooronderzoek"
    onderzoek = services.afwijking_beslissen(verzoek=verzoek, door=team.collega, toestaan=True)
    assert onderzoek.fase == "besluit_onderzoek"
    verzoek.refresh_from_db()
    assert verzoek.status == VerzoekStatus.TOEGESTAAN and verzoek.beslist_door == team.collega
    stap = Overgang.objects.filter(onderzoek=onderzoek).order_by("-pk").first()
    assert stap is not None
    assert (stap.soort, stap.van_fase, stap.naar_fase) == (
        Gebeurtenis.AFWIJKING,
        "vooronderzoek",
        "besluit_onderzoek",
    )
    assert stap.ontbrak == ["advies_bevoegd_gezag"] and stap.toestemming_door == team.collega
    sleutel = services.kluis_van_deelnemer(
        onderzoek=onderzoek, gebruiker=team.coordinator, private=team.sleutel
    )
    assert stap.reden is not None
    assert services.inhoud_lezen(sleutel, onderzoek, "reden", bytes(stap.reden)) == (
        "Spoed: advies volgt mondeling"
    )
    event = AuditEvent.objects.filter(action="onderzoek.afwijking_toegestaan").get()
    assert event.details["ontbrak"] == ["advies_bevoegd_gezag"]
    assert event.details["toestemming_door"] == team.collega.pk


def test_deviation_refused_and_not_needed(world: World, team: Team) -> None:
    onderzoek = openen(world, team)
    verzoek = services.afwijking_aanvragen(
        onderzoek=onderzoek, door=team.coordinator, reden="Haast"
    )
    services.afwijking_beslissen(verzoek=verzoek, door=team.collega, toestaan=False)
    verzoek.refresh_from_db()
    onderzoek.refresh_from_db()
    assert verzoek.status == VerzoekStatus.AFGEWEZEN and onderzoek.fase == "vooronderzoek"
    with pytest.raises(ValidationError):
        services.afwijking_beslissen(verzoek=verzoek, door=team.collega, toestaan=True)
    fase_vervullen(team, onderzoek, {})
    with pytest.raises(ValidationError) as fout:
        services.afwijking_aanvragen(onderzoek=onderzoek, door=team.coordinator, reden="Haast")
    assert fout.value.messages == ["Er ontbreekt niets in deze fase: rond haar gewoon af."]


# --- the clock --------------------------------------------------------------------------------


def _klok(monkeypatch: pytest.MonkeyPatch, dag: date) -> None:
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: dag)


def test_suspension_moves_the_deadline_and_extension_adds_days(
    world: World, team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    begin = timezone.localdate()  # memberships are valid from today
    _klok(monkeypatch, begin)
    onderzoek = openen(world, team)
    assert onderzoek.fase_uiterlijk == begin + timedelta(days=28)
    _klok(monkeypatch, begin + timedelta(days=5))
    with pytest.raises(PermissionDenied):
        services.opschorten(onderzoek=onderzoek, door=team.onderzoeker, reden="Politie")
    onderzoek = services.opschorten(onderzoek=onderzoek, door=team.gezag, reden="Politie")
    assert onderzoek.status == Status.OPGESCHORT
    fase_vervullen(team, onderzoek, {})
    with pytest.raises(ValidationError) as fout:
        services.fase_afronden(onderzoek=onderzoek, door=team.coordinator)
    assert fout.value.messages == ["Dit onderzoek is opgeschort; hervat het eerst."]
    _klok(monkeypatch, begin + timedelta(days=15))
    onderzoek = services.hervatten(onderzoek=onderzoek, door=team.coordinator)
    assert onderzoek.status == Status.LOPEND and onderzoek.fase_uiterlijk == begin + timedelta(
        days=38
    )
    with pytest.raises(ValidationError):
        services.hervatten(onderzoek=onderzoek, door=team.coordinator)
    with pytest.raises(ValidationError) as fout:
        services.verlengen(onderzoek=onderzoek, door=team.gezag, dagen=0, reden="Ziekte")
    assert set(_fouten(fout.value)) == {"dagen"}
    onderzoek = services.verlengen(onderzoek=onderzoek, door=team.gezag, dagen=7, reden="Ziekte")
    assert onderzoek.fase_uiterlijk == begin + timedelta(days=45)
    rijen = list(
        Overgang.objects.filter(onderzoek=onderzoek).values_list("soort", "dagen", "van_fase")
    )
    assert rijen == [
        (Gebeurtenis.GEOPEND, None, ""),
        (Gebeurtenis.OPGESCHORT, None, "vooronderzoek"),
        (Gebeurtenis.HERVAT, 10, "vooronderzoek"),
        (Gebeurtenis.VERLENGD, 7, "vooronderzoek"),
    ]
    _klok(monkeypatch, begin + timedelta(days=20))
    onderzoek = services.fase_afronden(onderzoek=onderzoek, door=team.coordinator)
    assert onderzoek.fase_sinds == begin + timedelta(days=20)
    assert onderzoek.fase_uiterlijk == begin + timedelta(days=34)  # a new phase: its own 14 days


# --- closing, history, audit ------------------------------------------------------------------


def test_history_is_only_added_to_and_audited_without_content(world: World, team: Team) -> None:
    onderzoek = openen(world, team)
    gezien: dict[int, tuple[object, ...]] = {}
    aantallen = []
    for doel in ("besluit_onderzoek", "opdracht", "informeren_betrokkene", "onderzoek"):
        onderzoek = naar_fase(team, onderzoek, doel)
        rijen: dict[int, tuple[object, ...]] = {
            o.pk: (o.soort, o.van_fase, o.naar_fase, o.op, o.door_id)
            for o in Overgang.objects.filter(onderzoek=onderzoek)
        }
        assert all(rijen[pk] == waarde for pk, waarde in gezien.items())  # unchanged
        gezien = rijen
        aantallen.append(len(rijen))
    assert aantallen == [2, 3, 4, 5]
    acties = list(
        AuditEvent.objects.filter(object_type="onderzoek", object_id=str(onderzoek.pk))
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert acties[0] == "onderzoek.geopend"
    assert acties.count("onderzoek.fase_afgerond") == 4
    assert {"onderzoek.geregistreerd", "onderzoek.deelnemer_toegevoegd"} <= set(acties)
    alles = json.dumps(
        list(AuditEvent.objects.values_list("details", flat=True)), ensure_ascii=False
    )
    for tekst in ("Tekst voor", "J. Jansen", "Signalen uit de lijn", "Geen band"):
        assert tekst not in alles


def test_closed_case_changes_no_more(world: World, team: Team) -> None:
    onderzoek = naar_fase(team, openen(world, team), "afsluiting", {"uitkomst": "niet_vastgesteld"})
    assert onderzoek.uitkomst == "niet_vastgesteld"  # copied when the decision was left
    fase_vervullen(team, onderzoek, {})
    onderzoek = services.fase_afronden(onderzoek=onderzoek, door=team.coordinator)
    assert onderzoek.status == Status.AFGESLOTEN and onderzoek.fase_uiterlijk is None
    with pytest.raises(ValidationError):
        services.registreren(
            onderzoek=onderzoek, door=team.coordinator, vereiste_code="lessen", waarde="Meer"
        )
    with pytest.raises(ValidationError):
        services.fase_afronden(onderzoek=onderzoek, door=team.coordinator)


# --- selectors --------------------------------------------------------------------------------


def test_who_sees_which_case(world: World, team: Team) -> None:
    a = openen(world, team)
    b = openen(world, team)
    onderzoeker_toevoegen(team, a, team.onderzoeker)
    assert set(selectors.onderzoek_list(gebruiker=team.coordinator)) == {a, b}
    assert set(selectors.onderzoek_list(gebruiker=team.collega)) == {a, b}
    assert set(selectors.onderzoek_list(gebruiker=team.gezag)) == {a, b}  # named in both
    assert list(selectors.onderzoek_list(gebruiker=team.onderzoeker)) == [a]
    assert selectors.onderzoek_get(gebruiker=team.onderzoeker, pk=b.pk) is None
    assert selectors.onderzoek_get(gebruiker=team.onderzoeker, pk="x") is None
    assert selectors.onderzoek_get(gebruiker=team.fin, pk=a.pk) is None
    assert list(selectors.onderzoek_list(gebruiker=team.onderzoeker2)) == []
    assert selectors.rollen_van(a, team.onderzoeker) == {Zaakrol.ONDERZOEKER}
    assert selectors.is_deelnemer(a, team.gezag) and not selectors.is_deelnemer(b, team.onderzoeker)


def test_statistics_of_measures(world: World, team: Team) -> None:
    onderzoek = naar_fase(team, openen(world, team), "afsluiting")  # one measure registered
    services.maatregel_registreren(
        onderzoek=onderzoek,
        door=team.gezag,
        soort=maatregelsoort("geen_maatregel"),
        datum=timezone.localdate(),
        motivering="Ook aanspreken volstaat",
    )
    stat = selectors.maatregel_statistiek(organisaties=[world.ocw])
    assert stat.per_soort == {
        ("belangen", "schriftelijke_berisping"): 1,
        ("belangen", "geen_maatregel"): 1,
    }
    assert stat.per_uitkomst == {"vastgesteld": 1}
    assert stat.per_maatregel == {"schriftelijke_berisping": 1, "geen_maatregel": 1}
    assert stat.afgeschermd()["per_uitkomst"] == {"vastgesteld": "<5"}
    assert selectors.maatregel_statistiek(organisaties=[world.fin]).per_soort == {}
    assert [selectors.klein_afschermen(n) for n in (0, 1, 4, 5, 12)] == [0, "<5", "<5", 5, 12]


# --- the marker test --------------------------------------------------------------------------


def _database_tekst() -> bytes:
    out = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names from introspection
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, bytes | memoryview):
                        out.append(bytes(value))
                    else:
                        out.append(str(value).encode())
    return b"\n".join(out)


def test_marker_is_nowhere_in_the_database_or_media(
    world: World, team: Team, settings: object, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    m = MARKER
    onderzoek = openen(world, team, eigen_initiatief_reden=f"Reden {m}")
    services.registreren(
        onderzoek=onderzoek,
        door=team.coordinator,
        vereiste_code="vooronderzoek_bevindingen",
        waarde=f"Bevindingen {m}",
    )
    verzoek = services.afwijking_aanvragen(onderzoek=onderzoek, door=team.coordinator, reden=m)
    services.afwijking_beslissen(verzoek=verzoek, door=team.collega, toestaan=True)
    services.verlengen(onderzoek=onderzoek, door=team.gezag, dagen=3, reden=f"Verlengd {m}")
    services.opschorten(onderzoek=onderzoek, door=team.gezag, reden=f"Opgeschort {m}")
    services.hervatten(onderzoek=onderzoek, door=team.gezag)
    services.deelnemer_toevoegen(
        onderzoek=onderzoek, door=team.coordinator, rol="getuige", omschrijving=f"Getuige {m}"
    )
    onderzoek = naar_fase(team, onderzoek, "opdracht")
    onderzoeker_toevoegen(team, onderzoek, team.onderzoeker)
    services.onafhankelijkheid_verklaren(
        onderzoek=onderzoek, door=team.onderzoeker, verklaring=f"Verklaring {m}"
    )
    onderzoek = naar_fase(team, onderzoek, "onderzoek")
    verhoor = services.verhoor_vastleggen(
        onderzoek=onderzoek,
        door=team.onderzoeker,
        datum=timezone.localdate(),
        gehoorde=f"Gehoorde {m}",
        verslag=f"Verslag {m}",
    )
    services.verhoor_voorleggen(verhoor=verhoor, door=team.onderzoeker)
    services.verhoor_reactie(
        verhoor=verhoor, door=team.onderzoeker, goedgekeurd=False, commentaar=f"Commentaar {m}"
    )
    services.bewijs_vastleggen(
        onderzoek=onderzoek,
        door=team.onderzoeker,
        omschrijving=f"Bewijs {m}",
        verkregen_op=timezone.localdate(),
        bestand=SimpleUploadedFile(f"{m}.txt", f"bestand {m}".encode(), "text/plain"),
    )
    onderzoek = naar_fase(team, onderzoek, "conceptrapport")
    services.registreren(
        onderzoek=onderzoek,
        door=team.onderzoeker,
        vereiste_code="conceptrapport",
        waarde=SimpleUploadedFile(f"{m}.pdf", PDF + m.encode(), "application/pdf"),
    )
    onderzoek = naar_fase(team, onderzoek, "besluit")
    services.maatregel_registreren(
        onderzoek=onderzoek,
        door=team.gezag,
        soort=maatregelsoort(),
        datum=timezone.localdate(),
        motivering=f"Motivering {m}",
    )
    dump = _database_tekst()
    assert b"Verslag van het verhoor" not in dump and MARKER.encode() not in dump
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(files) >= 3  # the evidence file and two reports
    for path in files:
        assert MARKER not in path.name and MARKER.encode() not in path.read_bytes()
    # ... and yet a participant reads it.
    sleutel = services.kluis_van_deelnemer(
        onderzoek=onderzoek, gebruiker=team.onderzoeker, private=met_sleutel(team.onderzoeker)
    )
    verhoor.refresh_from_db()
    assert services.inhoud_lezen(sleutel, onderzoek, "verslag", bytes(verhoor.verslag)) == (
        f"Verslag {m}"
    )
    stuk = onderzoek.bewijsstukken.get(volgnummer=1)
    data = kluis.inhoud_ontsleutelen(onderzoek.kluis, sleutel, "bestand", stuk.bestand.read())
    assert data == f"bestand {m}".encode()
    assert AuditEvent.objects.filter(
        action="onderzoek.inhoud_gelezen", actor_id=team.onderzoeker.pk
    ).exists()
