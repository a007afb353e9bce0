"""The screens per audience: what each sees, and above all what it never sees."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from pytest_django import DjangoAssertNumQueries

from integriteit.accounts.tests.factories import GebruikerFactory, LidmaatschapFactory
from integriteit.common.roles import Rol
from integriteit.conftest import World, login_verified
from integriteit.vertrouwenspersonen import services
from integriteit.vertrouwenspersonen.constants import Soort
from integriteit.vertrouwenspersonen.models import (
    Aanbeveling,
    Contact,
    Jaarverslag,
    Vertrouwenspersoon,
)
from integriteit.vertrouwenspersonen.tests.conftest import (
    Vp,
    contacten,
    gebruiker,
    login_met_sleutel,
    profiel_voor,
)

pytestmark = pytest.mark.django_db
MERK = "NOTITIE-MERK-5521"


def _contact_met_notitie(vp: Vp) -> Contact:
    return services.contact_vastleggen(
        door=vp.adviseur,
        vertrouwenspersoon=vp.profiel,
        datum=timezone.localdate(),
        duur_minuten=50,
        categorie="seksuele_intimidatie",
        vervolg="verwijzing",
        notitie=f"Aantekening {MERK}.",
    )


def test_adviseur_legt_contact_vast_via_het_formulier(vp: Vp, client: Client) -> None:
    login_verified(client, vp.adviseur)
    url = reverse("vertrouwenspersonen:contact_nieuw")
    data = {
        "datum": timezone.localdate().isoformat(),
        "duur_minuten": "40",
        "categorie": "pesten",
        "vervolg": "advies",
        "notitie": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    assert Contact.objects.filter(vertrouwenspersoon=vp.profiel).count() == 1


def test_naamwaarschuwing_in_formulier_en_pas_na_bevestiging_opgeslagen(
    vp: Vp, client: Client
) -> None:
    login_verified(client, vp.adviseur)
    url = reverse("vertrouwenspersonen:contact_nieuw")
    data = {
        "datum": timezone.localdate().isoformat(),
        "duur_minuten": "40",
        "categorie": "pesten",
        "vervolg": "advies",
        "notitie": "Gesprek over mevrouw Jansen, mail m.jansen@ocw.nl.",
    }
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "m.jansen@ocw.nl" in html and "mevrouw Jansen" in html
    assert "Ik heb gecontroleerd: de tekst noemt niemand" in html
    assert not Contact.objects.exists()
    response = client.post(url, {**data, "naam_gecontroleerd": "on"})
    assert response.status_code == 302
    assert Contact.objects.count() == 1


def test_foute_duur_in_formulier_geeft_nederlandse_melding(vp: Vp, client: Client) -> None:
    login_verified(client, vp.adviseur)
    response = client.post(
        reverse("vertrouwenspersonen:contact_nieuw"),
        {
            "datum": (timezone.localdate() + timedelta(days=2)).isoformat(),
            "duur_minuten": "30",
            "categorie": "pesten",
            "vervolg": "advies",
        },
    )
    assert "mag niet in de toekomst liggen" in response.content.decode()
    assert not Contact.objects.exists()


def test_adviseur_leest_eigen_notitie_met_sleutel(vp: Vp, client: Client) -> None:
    contact = _contact_met_notitie(vp)
    login_met_sleutel(client, vp.adviseur)
    response = client.get(reverse("vertrouwenspersonen:contact_notitie", args=[contact.pk]))
    assert MERK in response.content.decode()


def test_notitie_zonder_sleutel_in_sessie_vraagt_opnieuw_inloggen(vp: Vp, client: Client) -> None:
    contact = _contact_met_notitie(vp)
    login_verified(client, vp.adviseur)
    response = client.get(reverse("vertrouwenspersonen:contact_notitie", args=[contact.pk]))
    html = response.content.decode()
    assert MERK not in html and "Log opnieuw in" in html


def test_adviseur_ziet_nooit_het_logboek_van_een_ander(vp: Vp, client: Client) -> None:
    contact = _contact_met_notitie(vp)
    contacten(vp.profiel, timezone.localdate().year, intimidatie=1)
    login_met_sleutel(client, vp.ander)
    response = client.get(reverse("vertrouwenspersonen:contact_notitie", args=[contact.pk]))
    assert response.status_code == 404
    html = client.get(reverse("vertrouwenspersonen:logboek")).content.decode()
    assert "Tom Twee" in html and "Vera Een" not in html
    assert "Intimidatie" not in html and "Seksuele intimidatie" not in html


def test_adviseur_zonder_profiel_krijgt_uitleg(world: World, client: Client) -> None:
    zonder = gebruiker(Rol.VERTROUWENSPERSOON, world.ocw, "vp.nieuw")
    login_verified(client, zonder)
    for naam in ("logboek", "contact_nieuw", "overleg_nieuw", "aanbeveling_nieuw"):
        html = client.get(reverse(f"vertrouwenspersonen:{naam}")).content.decode()
        assert "moet u eerst als vertrouwenspersoon registreren" in html


def test_logboek_aantal_queries(
    vp: Vp, client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    contacten(vp.profiel, timezone.localdate().year, pesten=30, overig=30)
    login_verified(client, vp.adviseur)
    client.get(reverse("vertrouwenspersonen:logboek"))  # warm the session
    with django_assert_num_queries(13):
        response = client.get(reverse("vertrouwenspersonen:logboek"))
    assert response.status_code == 200


def test_coordinator_ziet_alleen_afgeschermde_aantallen(
    vp: Vp, client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    _contact_met_notitie(vp)
    jaar = timezone.localdate().year
    contacten(vp.profiel, jaar, pesten=9, discriminatie=2)
    login_verified(client, vp.coordinator)
    client.get(reverse("vertrouwenspersonen:overzicht"))
    with django_assert_num_queries(9):
        response = client.get(reverse("vertrouwenspersonen:overzicht"))
    html = response.content.decode()
    assert MERK not in html
    assert "Notitie lezen" not in html and "/logboek/" not in html
    assert "Seksuele intimidatie</td>" not in html  # no row of the log, only counts
    assert "Vera Een" in html and "Fien Fin" not in html
    assert 'data-categorie="discriminatie"' in html
    rij = html.split('data-categorie="discriminatie"')[1].split("</tr>")[0]
    assert "&lt;5" in rij
    rij = html.split('data-categorie="pesten"')[1].split("</tr>")[0]
    assert "afgeschermd" in rij and ">9<" not in rij


def _open_aanbeveling(vp: Vp) -> Aanbeveling:
    return services.aanbeveling_doen(
        door=vp.adviseur,
        vertrouwenspersoon=vp.profiel,
        tekst="Maak de vertrouwenspersonen bekend bij nieuwe medewerkers.",
    )


def test_open_aanbeveling_zichtbaar_voor_gezag_en_coordinator(
    vp: Vp, client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    open_ = _open_aanbeveling(vp)
    afgerond = services.aanbeveling_doen(
        door=vp.adviseur, vertrouwenspersoon=vp.profiel, tekst="Regel intervisie voor iedereen."
    )
    services.reactie_vastleggen(
        door=vp.gezag,
        aanbeveling=afgerond,
        reactie="Intervisie wordt vanaf dit najaar elk kwartaal georganiseerd door HR.",
    )
    services.opvolging_vastleggen(
        door=vp.gezag, aanbeveling=afgerond, opvolging="Eerste intervisie gehouden in oktober."
    )
    for wie in (vp.gezag, vp.coordinator):
        client.logout()
        login_verified(client, wie)
        client.get(reverse("vertrouwenspersonen:aanbevelingen"))
        with django_assert_num_queries(10):
            html = client.get(reverse("vertrouwenspersonen:aanbevelingen")).content.decode()
        assert 'data-open="1"' in html
        assert html.index(open_.tekst) < html.index(afgerond.tekst)  # open ones first
        assert 'data-status="open"' in html


def test_concept_aanbeveling_nog_niet_bij_het_gezag(vp: Vp, client: Client) -> None:
    services.aanbeveling_doen(
        door=vp.adviseur,
        vertrouwenspersoon=vp.profiel,
        jaar=timezone.localdate().year,
        tekst="Aanbeveling in een concept.",
    )
    login_verified(client, vp.gezag)
    html = client.get(reverse("vertrouwenspersonen:aanbevelingen")).content.decode()
    assert "Aanbeveling in een concept." not in html


def test_gezag_legt_reactie_vast_coordinator_niet(vp: Vp, client: Client) -> None:
    item = _open_aanbeveling(vp)
    url = reverse("vertrouwenspersonen:aanbeveling", args=[item.pk])
    login_verified(client, vp.coordinator)
    assert "Reactie vastleggen" not in client.get(url).content.decode()
    reactie = "Wij nemen dit op in het introductieprogramma vanaf het nieuwe jaar."
    response = client.post(url, {"actie": "reactie", "r-reactie": reactie})
    assert response.status_code == 403
    client.logout()
    login_verified(client, vp.gezag)
    response = client.post(url, {"actie": "reactie", "r-reactie": "Gezien"})
    assert "geen inhoudelijke reactie" in response.content.decode()
    item.refresh_from_db()
    assert item.reactie == ""
    response = client.post(url, {"actie": "reactie", "r-reactie": reactie})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.reactie == reactie


def test_jaarverslag_pagina_en_pdf(vp: Vp, client: Client) -> None:
    jaar = timezone.localdate().year - 1
    contacten(vp.profiel, jaar, pesten=12, discriminatie=2, overig=6)
    contacten(vp.profiel, jaar - 1, pesten=8, discriminatie=6, overig=6)
    login_verified(client, vp.adviseur)
    url = reverse("vertrouwenspersonen:jaarverslag", args=[jaar])
    client.post(url, {"actie": "waarnemingen", "w-waarnemingen": "Vooral pesten in teams."})
    client.post(url, {"actie": "aanbeveling", "a-tekst": "Train leidinggevenden in omgangsvormen."})
    response = client.post(url, {"actie": "uitbrengen"})
    assert response.status_code == 302
    verslag = Jaarverslag.objects.get(vertrouwenspersoon=vp.profiel, jaar=jaar)
    assert verslag.uitgebracht
    html = client.get(url).content.decode()
    rij = html.split('data-categorie="discriminatie"')[1].split("</tr>")[0]
    assert "&lt;5" in rij and "minder" in rij
    rij = html.split('data-categorie="overig"')[1].split("</tr>")[0]
    assert "afgeschermd" in rij  # secondary: smallest shown cell beside the "<5"
    rij = html.split('data-categorie="pesten"')[1].split("</tr>")[0]
    assert ">12<" in rij and ">8<" in rij and "+4" in rij and "meer" in rij
    pdf = client.get(reverse("vertrouwenspersonen:jaarverslag_pdf", args=[jaar]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    login_verified(client, vp.gezag)
    html = client.get(reverse("vertrouwenspersonen:verslag", args=[verslag.pk])).content.decode()
    assert "Train leidinggevenden in omgangsvormen." in html
    assert "&lt;5" in html


def test_beheerder_krijgt_overal_403(vp: Vp, client: Client) -> None:
    beheerder = gebruiker(Rol.BEHEERDER, vp.world.rijk, "beheer")
    login_verified(client, beheerder)
    contact = _contact_met_notitie(vp)
    item = _open_aanbeveling(vp)
    urls = [
        reverse("vertrouwenspersonen:logboek"),
        reverse("vertrouwenspersonen:contact_nieuw"),
        reverse("vertrouwenspersonen:contact_notitie", args=[contact.pk]),
        reverse("vertrouwenspersonen:overleg_nieuw"),
        reverse("vertrouwenspersonen:aanbeveling_nieuw"),
        reverse("vertrouwenspersonen:jaarverslag", args=[2025]),
        reverse("vertrouwenspersonen:jaarverslag_pdf", args=[2025]),
        reverse("vertrouwenspersonen:overzicht"),
        reverse("vertrouwenspersonen:profiel_nieuw"),
        reverse("vertrouwenspersonen:profiel_bewerken", args=[vp.profiel.pk]),
        reverse("vertrouwenspersonen:aanbevelingen"),
        reverse("vertrouwenspersonen:aanbeveling", args=[item.pk]),
        reverse("vertrouwenspersonen:rijksbreed"),
    ]
    for url in urls:
        assert client.get(url).status_code == 403, url
    url = reverse("vertrouwenspersonen:profiel_beeindigen", args=[vp.profiel.pk])
    assert client.post(url).status_code == 403


def test_publieke_pagina_toont_alleen_actieve_van_die_organisatie(vp: Vp, client: Client) -> None:
    vandaag = timezone.localdate()
    profiel_voor(vp.world.ocw, None, "Extern Eva", soort=Soort.EXTERN)
    profiel_voor(vp.world.ocw, None, "Oud Otto", tot=vandaag - timedelta(days=1))
    profiel_voor(vp.world.ocw, None, "Straks Sara", van=vandaag + timedelta(days=10))
    html = client.get(reverse("vertrouwenspersonen:publiek", args=["OCW"])).content.decode()
    assert "Vera Een" in html and "Tom Twee" in html and "Extern Eva" in html
    assert "Oud Otto" not in html and "Straks Sara" not in html and "Fien Fin" not in html
    index = client.get(reverse("vertrouwenspersonen:publiek_index")).content.decode()
    assert "Onderwijs" in index and "Financi" in index
    assert client.get(reverse("vertrouwenspersonen:publiek", args=["NIETS"])).status_code == 404


def test_rijksbreed_afgeschermd_per_ministerie(vp: Vp, client: Client) -> None:
    jaar = timezone.localdate().year
    contacten(vp.profiel, jaar, pesten=8, intimidatie=3)
    contacten(vp.fin_profiel, jaar, pesten=6)
    bzk = GebruikerFactory.create(username="bzk")
    LidmaatschapFactory.create(gebruiker=bzk, organisatie=vp.world.rijk, rol=Rol.RIJKSCOORDINATOR)
    login_verified(client, bzk)
    html = client.get(reverse("vertrouwenspersonen:rijksbreed")).content.decode()
    rij = html.split('data-ministerie="OCW"')[1].split("</tr>")[0]
    assert "&lt;5" in rij and "afgeschermd" in rij and ">8<" not in rij
    assert "Vera Een" not in html


def test_adviseur_van_ander_ministerie_bereikt_niets(vp: Vp, client: Client) -> None:
    contact = _contact_met_notitie(vp)
    login_verified(client, vp.fin_adviseur)
    url = reverse("vertrouwenspersonen:contact_notitie", args=[contact.pk])
    assert client.get(url).status_code == 404
    html = client.get(reverse("vertrouwenspersonen:logboek")).content.decode()
    assert "Fien Fin" in html and "Seksuele intimidatie" not in html


def test_coordinator_registreert_en_beeindigt_een_profiel(vp: Vp, client: Client) -> None:
    login_verified(client, vp.coordinator)
    url = reverse("vertrouwenspersonen:profiel_nieuw")
    data = {
        "organisatie": str(vp.world.ocw.pk),
        "publieke_naam": "Extern Eva",
        "soort": "extern",
        "extern_bureau": "",
        "bereikbaarheid": "Via het bureau, 070 000 00 00",
        "termijn_van": "2025-01-01",
        "uren_per_week": "2",
    }
    response = client.post(url, data)
    assert "Vul voor een externe vertrouwenspersoon het bureau in." in response.content.decode()
    assert not Vertrouwenspersoon.objects.filter(publieke_naam="Extern Eva").exists()
    response = client.post(url, {**data, "extern_bureau": "Bureau Vertrouwen"})
    assert response.status_code == 302
    profiel = Vertrouwenspersoon.objects.get(publieke_naam="Extern Eva")
    assert profiel.soort == Soort.EXTERN and profiel.gebruiker is None
    url = reverse("vertrouwenspersonen:profiel_beeindigen", args=[profiel.pk])
    client.post(url, {"op": "2024-12-31"})
    profiel.refresh_from_db()
    assert profiel.termijn_tot is None  # before the start: refused
    client.post(url, {"op": (timezone.localdate() - timedelta(days=1)).isoformat()})
    profiel.refresh_from_db()
    assert profiel.termijn_tot == timezone.localdate() - timedelta(days=1)
    html = client.get(reverse("vertrouwenspersonen:publiek", args=["OCW"])).content.decode()
    assert "Extern Eva" not in html
    fin = reverse("vertrouwenspersonen:profiel_bewerken", args=[vp.fin_profiel.pk])
    assert client.get(fin).status_code == 404


def test_pdf_bevat_afgeschermde_cijfers(vp: Vp, client: Client) -> None:
    jaar = timezone.localdate().year
    contacten(vp.profiel, jaar, pesten=12, discriminatie=3)
    login_verified(client, vp.adviseur)
    response = client.get(reverse("vertrouwenspersonen:jaarverslag_pdf", args=[jaar]))
    tekst = "".join(
        pagina.extract_text() for pagina in PdfReader(io.BytesIO(response.content)).pages
    )
    assert "Jaarverslag vertrouwenspersoon" in tekst
    assert "<5" in tekst and "afgeschermd" in tekst
    assert "Concept" in tekst
