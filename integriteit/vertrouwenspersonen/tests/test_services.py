"""The services: validation in Dutch naming the field with nothing saved, the name warning,
the encrypted note, issuing a report, and who may respond to a recommendation."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from integriteit.accounts.tests.factories import TEST_PASSWORD
from integriteit.common.models import AuditEvent
from integriteit.kluis import services as kluis
from integriteit.vertrouwenspersonen import services
from integriteit.vertrouwenspersonen.constants import AanbevelingStatus, Soort
from integriteit.vertrouwenspersonen.models import Aanbeveling, Contact, Jaarverslag, Overleg
from integriteit.vertrouwenspersonen.tests.conftest import Vp, contacten

pytestmark = pytest.mark.django_db


def _contact(vp: Vp, **kwargs: object) -> Contact:
    velden: dict[str, object] = {
        "datum": timezone.localdate(),
        "duur_minuten": 45,
        "categorie": "pesten",
        "vervolg": "advies",
    }
    velden.update(kwargs)
    return services.contact_vastleggen(
        door=vp.adviseur,
        vertrouwenspersoon=vp.profiel,
        **velden,  # type: ignore[arg-type]
    )


def test_contact_vastleggen_met_audit(vp: Vp) -> None:
    contact = _contact(vp)
    assert contact.vertrouwenspersoon == vp.profiel
    event = AuditEvent.objects.get(action="vertrouwenspersonen.contact_vastgelegd")
    assert event.details["categorie"] == "pesten"
    assert event.organisatie_id == vp.world.ocw.pk


@pytest.mark.parametrize(
    ("kwargs", "veld", "woord"),
    [
        ({"datum": timezone.localdate() + timedelta(days=1)}, "datum", "toekomst"),
        ({"duur_minuten": 0}, "duur_minuten", "tussen 1 en 600"),
        ({"duur_minuten": 601}, "duur_minuten", "tussen 1 en 600"),
        ({"categorie": "roddel"}, "categorie", "categorie"),
        ({"vervolg": "ontslag"}, "vervolg", "vervolg"),
    ],
)
def test_contact_foute_invoer_slaat_niets_op(
    vp: Vp, kwargs: dict[str, object], veld: str, woord: str
) -> None:
    with pytest.raises(ValidationError) as fout:
        _contact(vp, **kwargs)
    assert woord in " ".join(fout.value.message_dict[veld])
    assert not Contact.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="vertrouwenspersonen.").exists()


def test_naam_in_notitie_geweigerd_tot_bevestigd(vp: Vp) -> None:
    with pytest.raises(ValidationError) as fout:
        _contact(vp, notitie="Sprak met dhr. Jansen, bereikbaar op 06-12345678.")
    melding = " ".join(fout.value.message_dict["notitie"])
    assert "dhr. Jansen" in melding and "06-12345678" in melding
    assert services.NAAM_CONTROLE in fout.value.message_dict
    assert not Contact.objects.exists()
    contact = _contact(
        vp, notitie="Sprak met dhr. Jansen (een functienaam hier).", naam_gecontroleerd=True
    )
    assert contact.heeft_notitie


def test_notitie_staat_niet_leesbaar_in_de_database(vp: Vp) -> None:
    merk = "MERKTEKST-zeer-geheim-7731"
    contact = _contact(vp, notitie=f"Eigen aantekening {merk} over het verloop.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM vertrouwenspersonen_contact")
        rijen = cursor.fetchall()
    ruw = repr(rijen).encode() + b"".join(
        bytes(v) for rij in rijen for v in rij if isinstance(v, (bytes, memoryview))
    )
    assert merk.encode() not in ruw
    assert merk not in repr(list(AuditEvent.objects.values_list("details", flat=True)))
    private = kluis.gebruikersleutel_openen(gebruiker=vp.adviseur, wachtwoord=TEST_PASSWORD)
    tekst = services.notitie_lezen(door=vp.adviseur, contact=contact, private=private)
    assert merk in tekst
    assert AuditEvent.objects.filter(action="vertrouwenspersonen.notitie_gelezen").count() == 1


def test_andere_adviseur_kan_notitie_niet_lezen_of_schrijven(vp: Vp) -> None:
    contact = _contact(vp, notitie="Eigen aantekening zonder namen.")
    private = kluis.gebruikersleutel_openen(gebruiker=vp.ander, wachtwoord=TEST_PASSWORD)
    with pytest.raises(PermissionDenied):
        services.notitie_lezen(door=vp.ander, contact=contact, private=private)
    with pytest.raises(PermissionDenied):
        services.contact_vastleggen(
            door=vp.ander,
            vertrouwenspersoon=vp.profiel,
            datum=timezone.localdate(),
            duur_minuten=10,
            categorie="pesten",
            vervolg="niets",
        )


def test_notitie_zonder_sleutel_geweigerd(vp: Vp) -> None:
    with pytest.raises(ValidationError) as fout:
        services.contact_vastleggen(
            door=vp.ander,
            vertrouwenspersoon=vp.ander_profiel,
            datum=timezone.localdate(),
            duur_minuten=10,
            categorie="pesten",
            vervolg="niets",
            notitie="Iets voor later.",
        )
    assert "sleutel" in " ".join(fout.value.message_dict["notitie"])
    assert not Contact.objects.exists()


def test_overleg_in_de_toekomst_geweigerd(vp: Vp) -> None:
    with pytest.raises(ValidationError) as fout:
        services.overleg_vastleggen(
            door=vp.adviseur,
            vertrouwenspersoon=vp.profiel,
            datum=timezone.localdate() + timedelta(days=5),
            tussentijds=False,
            onderwerpen="Jaarplanning",
            aanwezig_bevoegd_gezag="",
        )
    assert "datum" in fout.value.message_dict
    assert "aanwezig_bevoegd_gezag" in fout.value.message_dict
    assert not Overleg.objects.exists()


def _uitgebracht(vp: Vp, jaar: int) -> Jaarverslag:
    services.waarnemingen_opslaan(
        door=vp.adviseur, vertrouwenspersoon=vp.profiel, jaar=jaar, waarnemingen="Veel pesten."
    )
    services.aanbeveling_doen(
        door=vp.adviseur,
        vertrouwenspersoon=vp.profiel,
        jaar=jaar,
        tekst="Bespreek omgangsvormen in elk teamoverleg.",
    )
    return services.jaarverslag_uitbrengen(
        door=vp.adviseur, vertrouwenspersoon=vp.profiel, jaar=jaar
    )


def test_uitgebracht_verslag_ligt_vast(vp: Vp) -> None:
    jaar = timezone.localdate().year - 1
    contacten(vp.profiel, jaar, pesten=7, discriminatie=2)
    contacten(vp.profiel, jaar - 1, pesten=3)
    verslag = _uitgebracht(vp, jaar)
    assert verslag.cijfers["categorie"] == {"pesten": 7, "discriminatie": 2}
    assert verslag.cijfers["categorie_vorig_jaar"] == {"pesten": 3}
    contacten(vp.profiel, jaar, pesten=5)  # the log changes afterwards
    verslag.refresh_from_db()
    assert verslag.cijfers["categorie"]["pesten"] == 7
    with pytest.raises(ValidationError) as fout:
        services.waarnemingen_opslaan(
            door=vp.adviseur, vertrouwenspersoon=vp.profiel, jaar=jaar, waarnemingen="Anders."
        )
    assert "al uitgebracht" in " ".join(fout.value.message_dict["jaar"])
    with pytest.raises(ValidationError):
        services.aanbeveling_doen(
            door=vp.adviseur, vertrouwenspersoon=vp.profiel, jaar=jaar, tekst="Nog een aanbeveling."
        )
    assert Aanbeveling.objects.count() == 1


def test_uitbrengen_zonder_waarnemingen_geweigerd(vp: Vp) -> None:
    jaar = timezone.localdate().year - 1
    with pytest.raises(ValidationError) as fout:
        services.jaarverslag_uitbrengen(door=vp.adviseur, vertrouwenspersoon=vp.profiel, jaar=jaar)
    assert "waarnemingen" in fout.value.message_dict
    assert not Jaarverslag.objects.filter(status="uitgebracht").exists()


def _aanbeveling(vp: Vp) -> Aanbeveling:
    return services.aanbeveling_doen(
        door=vp.adviseur,
        vertrouwenspersoon=vp.profiel,
        tekst="Stel een tweede externe vertrouwenspersoon aan.",
    )


@pytest.mark.parametrize(
    "reactie",
    ["Gezien", "akkoord.", "Ter kennisname", "We kijken ernaar.", "   ", "x" * 39],
)
def test_triviale_reactie_geweigerd(vp: Vp, reactie: str) -> None:
    aanbeveling = _aanbeveling(vp)
    with pytest.raises(ValidationError) as fout:
        services.reactie_vastleggen(door=vp.gezag, aanbeveling=aanbeveling, reactie=reactie)
    assert "reactie" in fout.value.message_dict
    aanbeveling.refresh_from_db()
    assert aanbeveling.reactie == "" and aanbeveling.reactie_op is None
    assert aanbeveling.status == AanbevelingStatus.OPEN


def test_aanbeveling_open_gereageerd_afgerond(vp: Vp) -> None:
    aanbeveling = _aanbeveling(vp)
    with pytest.raises(ValidationError) as fout:
        services.opvolging_vastleggen(
            door=vp.gezag, aanbeveling=aanbeveling, opvolging="Aangesteld per 1 april."
        )
    assert "eerst" in " ".join(fout.value.message_dict["opvolging"])
    aanbeveling = services.reactie_vastleggen(
        door=vp.gezag,
        aanbeveling=aanbeveling,
        reactie="Wij stellen in het eerste kwartaal een externe vertrouwenspersoon aan.",
    )
    assert aanbeveling.status == AanbevelingStatus.GEREAGEERD
    assert aanbeveling.reactie_door == vp.gezag
    aanbeveling = services.opvolging_vastleggen(
        door=vp.gezag, aanbeveling=aanbeveling, opvolging="Aangesteld per 1 april."
    )
    assert aanbeveling.status == AanbevelingStatus.AFGEROND


def test_alleen_bevoegd_gezag_van_de_organisatie_reageert(vp: Vp) -> None:
    aanbeveling = _aanbeveling(vp)
    tekst = "Wij stellen in het eerste kwartaal een externe vertrouwenspersoon aan."
    for wie in (vp.coordinator, vp.adviseur):
        with pytest.raises(PermissionDenied):
            services.reactie_vastleggen(door=wie, aanbeveling=aanbeveling, reactie=tekst)
    aanbeveling.refresh_from_db()
    assert aanbeveling.status == AanbevelingStatus.OPEN


def test_profiel_regels(vp: Vp) -> None:
    gegevens = services.ProfielGegevens(
        organisatie=vp.world.ocw,
        gebruiker=None,
        publieke_naam="Extern Bureau",
        soort=Soort.EXTERN,
        extern_bureau="",
        basisopleiding_op=timezone.localdate() + timedelta(days=3),
        uren_per_week=Decimal("50"),
        termijn_van=timezone.localdate(),
        termijn_tot=timezone.localdate() - timedelta(days=1),
        bereikbaarheid="",
    )
    with pytest.raises(ValidationError) as fout:
        services.vertrouwenspersoon_opslaan(door=vp.coordinator, gegevens=gegevens)
    assert set(fout.value.message_dict) == {
        "extern_bureau",
        "basisopleiding_op",
        "uren_per_week",
        "termijn_tot",
        "bereikbaarheid",
    }
    fin_gegevens = services.ProfielGegevens(**{**gegevens.__dict__, "organisatie": vp.world.fin})
    with pytest.raises(PermissionDenied):
        services.vertrouwenspersoon_opslaan(door=vp.coordinator, gegevens=fin_gegevens)
