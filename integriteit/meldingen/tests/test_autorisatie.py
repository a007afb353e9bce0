"""Authorization of the report module beyond the generated role × view matrix (issue 5): a
handler of one report reaching for another, a receipt code of one report reaching for another
(including a forged mailbox session), and a ``beheerder`` holding the whole database, the
server's configuration and an own key, but no custodian share, trying to read content.

Each test states the attack it models. The attacker's tools are real: the real views through
the test client, the real services, raw SQL over every table and the files on disk; nothing
is mocked."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.backends.signed_cookies import SessionStore as CookieStore
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from integriteit.accounts.models import Gebruiker
from integriteit.accounts.selectors import scope_for
from integriteit.accounts.tests.factories import (
    TEST_PASSWORD,
    GebruikerFactory,
    LidmaatschapFactory,
)
from integriteit.common.permissions import Capability, role_has, roles_with
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World
from integriteit.kluis import crypto, herstel
from integriteit.kluis import services as kluis
from integriteit.kluis.models import HerstelDeel, Herstelsleutel, KluisToegang, ToegangSoort
from integriteit.meldingen import postbus_sessie, services
from integriteit.meldingen.constants import Kanaal, Zichtbaarheid
from integriteit.meldingen.models import Bericht, Bijlage, Melding
from integriteit.meldingen.sessie_middleware import COOKIE as MELDEN_COOKIE
from integriteit.meldingen.tests.helpers import login_met_sleutel

INHOUD_A = "INHOUD-A-qx41 de teamleider declareert privéreizen"
INHOUD_B = "INHOUD-B-qx42 een inkoper krijgt geschenken van een leverancier"
BIJLAGE_B = b"BIJLAGE-B-qx42 offertes en facturen"


@pytest.fixture(autouse=True)
def _schoon(settings: Any, tmp_path: Path) -> Any:
    """Own media folder; the rate-limit counters live in the cache, which outlives a test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


def _met_sleutel(gebruiker: Gebruiker) -> tuple[Gebruiker, bytes]:
    """The user after a first log-in: a key pair, and its private key."""
    return gebruiker, kluis.gebruikersleutel_openen(gebruiker=gebruiker, wachtwoord=TEST_PASSWORD)


def _melding(
    world: World, wat: str, *, bijlage: bytes = b"", kanaal: str = Kanaal.WEB, **extra: Any
) -> services.Ontvangen:
    bijlagen = [SimpleUploadedFile("stuk.txt", bijlage, "text/plain")] if bijlage else []
    return services.melding_ontvangen(
        invoer=services.Invoer(
            organisatie=world.ocw,
            soort="belangen",
            kanaal=kanaal,
            inhoud=services.Inhoud(wat=wat),
            bijlagen=bijlagen,
            **extra,
        )
    )


def _opent(sleutel: bytes, blob: bytes) -> bool:
    try:
        crypto.ontzegel(sleutel, blob)
    except crypto.OntsleutelFout:
        return False
    return True


def _actie(client: Client, melding: Melding, **data: str) -> Any:
    return client.post(reverse("meldingen:register_actie", args=[melding.pk]), data, follow=True)


# --- a handler of report A reaching for report B ---------------------------------------------


def test_handler_of_one_report_cannot_reach_another(
    world: World, make_user: MakeUser, client: Client
) -> None:
    """Attack: someone legitimately working on report A — a bevoegd gezag made handler of A,
    or a coordinator of the same ministry whose key B was never sealed to — tries to read or
    act on report B: by its registry URL, its attachment URL (also under A's URL), the action
    view, granting themselves B, and by opening B's vault (or B's ciphertext with A's case
    key) with the keys they do hold. Everything about B stays closed; A stays usable."""
    coordinator, coordinator_key = _met_sleutel(make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw))
    gezag, gezag_key = _met_sleutel(make_user(Rol.BEVOEGD_GEZAG, world.ocw))
    nieuwkomer = make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw)  # no key yet: B not sealed
    a = _melding(world, INHOUD_A).melding
    b = _melding(world, INHOUD_B, bijlage=BIJLAGE_B).melding
    b_bijlage = b.bijlagen.get()
    services.behandelaar_toevoegen(
        melding=a, door=coordinator, door_private=coordinator_key, behandelaar=gezag
    )
    _, nieuwkomer_key = _met_sleutel(nieuwkomer)
    services.behandelaar_toevoegen(
        melding=a, door=coordinator, door_private=coordinator_key, behandelaar=nieuwkomer
    )
    berichten_b = Bericht.objects.filter(melding=b).count()

    # The bevoegd gezag: A opens; B does not exist for them.
    login_met_sleutel(client, gezag)
    assert (
        INHOUD_A in client.get(reverse("meldingen:register_detail", args=[a.pk])).content.decode()
    )
    assert client.get(reverse("meldingen:register_detail", args=[b.pk])).status_code == 404
    for url in (
        reverse("meldingen:register_bijlage", args=[b.pk, b_bijlage.pk]),
        reverse("meldingen:register_bijlage", args=[a.pk, b_bijlage.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 404 and BIJLAGE_B not in response.content
    bericht = {"actie": "bericht", "bericht-tekst": "x", "bericht-zichtbaarheid": "melder"}
    assert _actie(client, b, **bericht).status_code == 403

    # The coordinator without a grant to B: B's metadata, but no content and no steps.
    login_met_sleutel(client, nieuwkomer)
    assert (
        INHOUD_A in client.get(reverse("meldingen:register_detail", args=[a.pk])).content.decode()
    )
    html = client.get(reverse("meldingen:register_detail", args=[b.pk])).content.decode()
    assert "U heeft geen toegang tot de inhoud van deze melding" in html
    assert INHOUD_B not in html and "stuk.txt" not in html and 'name="actie"' not in html
    for url, status in (
        (reverse("meldingen:register_bijlage", args=[b.pk, b_bijlage.pk]), 302),  # to the page
        (reverse("meldingen:register_bijlage", args=[a.pk, b_bijlage.pk]), 404),
    ):
        response = client.get(url)
        assert response.status_code == status and BIJLAGE_B not in response.content
    for data in (
        bericht,
        {"actie": "behandelaar", "behandelaar-behandelaar": str(nieuwkomer.pk)},
        {"actie": "bevestigen"},
    ):
        response = _actie(client, b, **data)
        assert "U heeft geen toegang tot de inhoud van deze melding." in [
            str(m) for m in response.context["messages"]
        ]
    b.refresh_from_db()
    assert b.bevestigd_op is None and Bericht.objects.filter(melding=b).count() == berichten_b
    assert not kluis.heeft_toegang(kluis=b.kluis, gebruiker=nieuwkomer)

    # The keys they hold open nothing of B.
    a_key = services.kluis_van_behandelaar(melding=a, gebruiker=gezag, private=gezag_key)
    for gebruiker, eigen in ((gezag, gezag_key), (nieuwkomer, nieuwkomer_key)):
        with pytest.raises(kluis.GeenToegang):
            kluis.kluis_openen(kluis=b.kluis, gebruiker=gebruiker, private=eigen)
        with pytest.raises(kluis.GeenToegang):
            kluis.toegang_verlenen(kluis=b.kluis, door=gebruiker, door_private=eigen, aan=gebruiker)
        for toegang in KluisToegang.objects.filter(kluis=b.kluis):
            assert not _opent(eigen, bytes(toegang.verzegeld))
            assert not _opent(a_key, bytes(toegang.verzegeld))
    with pytest.raises(crypto.OntsleutelFout):
        services.inhoud_openen(a_key, b)


# --- the receipt code of report A reaching for report B --------------------------------------


def _vervalste_postbus(client: Client, gegevens: dict[str, Any]) -> None:
    """Put a mailbox state of the attacker's choosing into ``client``: sealed with the real
    code and signed with SECRET_KEY, as someone holding the server's configuration could."""
    request = RequestFactory().get(reverse("melden:postbus"))
    request.session = CookieStore()
    response = HttpResponse()
    postbus_sessie.bewaren(request, response, postbus_sessie.POSTBUS, gegevens)
    request.session.save()
    client.cookies[MELDEN_COOKIE] = request.session.session_key or ""
    for naam, morsel in response.cookies.items():
        client.cookies[naam] = morsel.value


@dataclass
class TweeMeldingen:
    a: Melding
    b: Melding
    code_a: str
    b_bijlage: Bijlage


@pytest.fixture
def twee(world: World, make_user: MakeUser) -> TweeMeldingen:
    """Two web reports of OCW, each with a message from the handler shared with the reporter
    (and a team note on A); B has an attachment, and so does the handler's message to B."""
    coordinator, eigen = _met_sleutel(make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw))
    a = _melding(world, INHOUD_A)
    b = _melding(world, INHOUD_B, bijlage=BIJLAGE_B)
    assert a.ontvangstcode is not None
    for melding, tekst, laag in (
        (a.melding, "BERICHT-A voor de melder", Zichtbaarheid.MELDER),
        (a.melding, "NOTITIE-A van het team", Zichtbaarheid.TEAM),
        (b.melding, "BERICHT-B voor de melder", Zichtbaarheid.MELDER),
    ):
        sleutel = services.kluis_van_behandelaar(
            melding=melding, gebruiker=coordinator, private=eigen
        )
        services.bericht_plaatsen(
            melding=melding,
            auteur=coordinator,
            kluis_private=sleutel,
            tekst=tekst,
            zichtbaarheid=laag,
        )
    return TweeMeldingen(a.melding, b.melding, a.ontvangstcode, b.melding.bijlagen.get())


def _postbus_html(client: Client) -> str:
    response = client.get(reverse("melden:postbus"))
    assert response.status_code == 200
    return response.content.decode()


def test_receipt_code_of_one_report_cannot_reach_another(
    twee: TweeMeldingen, client: Client
) -> None:
    """Attack: a reporter (or whoever found the code of report A) opens A's mailbox and then
    reaches for report B: B's attachment by its number, a reply that names B, and tampered
    or swapped cookies. The mailbox has no report parameter at all: the report comes only
    from the sealed state, so A's code gives A and nothing else."""
    assert client.post(reverse("melden:postbus"), {"code": twee.code_a}).status_code == 302
    html = _postbus_html(client)
    assert twee.a.nummer in html and "BERICHT-A voor de melder" in html
    for vreemd in ("NOTITIE-A", "BERICHT-B", "INHOUD-B", twee.b.nummer, "stuk.txt"):
        assert vreemd not in html, vreemd

    response = client.get(reverse("melden:postbus_bijlage", args=[twee.b_bijlage.pk]))
    assert response.status_code == 404 and BIJLAGE_B not in response.content

    # A reply that names B lands in A (the form has no such field; extra fields are ignored).
    response = client.post(
        reverse("melden:postbus_bericht"),
        {"tekst": "Antwoord van A", "melding": str(twee.b.pk), "pk": str(twee.b.pk)},
    )
    assert response.status_code == 302
    assert Bericht.objects.get(van_melder=True).melding_id == twee.a.pk

    # A tampered session cookie is not accepted: its signature fails, the mailbox is closed.
    getekend = client.cookies[MELDEN_COOKIE].value
    client.cookies[MELDEN_COOKIE] = getekend[:-2] + ("AA" if getekend[-2:] != "AA" else "BB")
    assert 'name="code"' in _postbus_html(client)

    # Someone else's secret cookie with this session opens nothing either.
    andere = Client()
    _vervalste_postbus(andere, {"melding": twee.a.pk, "sleutel": base64.b64encode(b"x").decode()})
    client.cookies[MELDEN_COOKIE] = getekend
    client.cookies["igt_melden_postbus"] = andere.cookies["igt_melden_postbus"].value
    html = _postbus_html(client)
    assert 'name="code"' in html and "BERICHT-A" not in html


def test_forged_mailbox_state_cannot_switch_report(twee: TweeMeldingen, client: Client) -> None:
    """Attack: someone with the server's configuration (SECRET_KEY, so the signed session
    cookie can be forged) and A's receipt code builds a mailbox state naming report B with
    A's case key (or a key of their own). The state must open nothing of B: not B's page,
    not B's attachment, and no reply can be filed under B."""
    postbus_a = services.postbus_openen(twee.code_a)
    assert postbus_a is not None
    sleutels = {
        "de sleutel van A": postbus_a.kluis_private,
        "een eigen sleutel": crypto.sleutelpaar_nieuw().private,
    }
    for naam, sleutel in sleutels.items():
        _vervalste_postbus(
            client, {"melding": twee.b.pk, "sleutel": base64.b64encode(sleutel).decode()}
        )
        html = _postbus_html(client)
        assert 'name="code"' in html, naam
        assert "INHOUD-B" not in html and "BERICHT-B" not in html and twee.b.nummer not in html
        response = client.get(reverse("melden:postbus_bijlage", args=[twee.b_bijlage.pk]))
        assert response.status_code in (302, 404) and BIJLAGE_B not in response.content
        response = client.post(reverse("melden:postbus_bericht"), {"tekst": "vervalst"})
        assert response.status_code == 302
        assert not Bericht.objects.filter(melding=twee.b, van_melder=True).exists()

    # The same forging with A's own number and key is just A's mailbox: nothing gained.
    _vervalste_postbus(
        client,
        {"melding": twee.a.pk, "sleutel": base64.b64encode(postbus_a.kluis_private).decode()},
    )
    assert "BERICHT-A voor de melder" in _postbus_html(client)


# --- a beheerder with the database and the configuration, but no custodian share -------------

NAAM = "Naam-qx43 Verbeek"
CONTACT = "melder-qx43@example.org"
INHOUD = "INHOUD-qx43 de directeur schuift opdrachten naar zijn broer"
BIJLAGE = b"BIJLAGE-qx43 het contract"


@dataclass
class Beheerzaak:
    melding: Melding
    code: str
    coordinator: Gebruiker
    bewaarders: list[Gebruiker]
    herstelsleutel: Herstelsleutel
    beheerder: Gebruiker
    beheerder_key: bytes


@pytest.fixture
def zaak(world: World, make_user: MakeUser) -> Beheerzaak:
    """A named web report with an attachment, its vaults sealed to the coordinator, the
    reporter and OCW's recovery key (2 of 3 custodians); a beheerder with an own key."""
    coordinator, _ = _met_sleutel(make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw))
    bewaarders = [_met_sleutel(make_user(Rol.BEVOEGD_GEZAG, world.ocw))[0] for _ in range(3)]
    sleutel = herstel.herstelsleutel_maken(
        organisatie=world.ocw, bewaarders=bewaarders, drempel=2, door=coordinator
    )
    ontvangen = services.melding_ontvangen(
        invoer=services.Invoer(
            organisatie=world.ocw,
            soort="financieel",
            inhoud=services.Inhoud(wat=INHOUD),
            identiteit=services.Identiteit(naam=NAAM, contact=CONTACT),
            bijlagen=[SimpleUploadedFile("contract-qx43.pdf", BIJLAGE, "application/pdf")],
        )
    )
    assert ontvangen.ontvangstcode is not None
    melding = ontvangen.melding
    assert melding.identiteit_kluis is not None
    for vault in (melding.kluis, melding.identiteit_kluis):  # recoverable, as it should be
        assert KluisToegang.objects.filter(kluis=vault, soort=ToegangSoort.HERSTEL).exists()
    beheerder, beheerder_key = _met_sleutel(make_user(Rol.BEHEERDER, world.ocw))
    return Beheerzaak(
        melding, ontvangen.ontvangstcode, coordinator, bewaarders, sleutel, beheerder, beheerder_key
    )


def _alle_rijen() -> bytes:
    """Every value of every row of every table, as an attacker with a dump would have it."""
    delen: list[bytes] = []
    with connection.cursor() as cursor:
        for tabel in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(tabel)}")  # noqa: S608
            for rij in cursor.fetchall():
                for waarde in rij:
                    if isinstance(waarde, bytes | memoryview | bytearray):
                        delen.append(bytes(waarde))
                    elif waarde is not None:
                        delen.append(str(waarde).encode())
    return b"\n".join(delen)


def test_beheerder_with_database_and_configuration_reads_nothing(
    zaak: Beheerzaak, client: Client, settings: Any
) -> None:
    """Attack: the functional administrator, holding every row of every table, the files,
    the server's configuration (SECRET_KEY) and the own private key — but no custodian share
    — tries to read a report: by opening every sealed copy of its vault keys with every key
    at hand, by looking for plaintext in the columns and files, and through every registry
    and mailbox view (also after giving themselves the coordinator role)."""
    melding = zaak.melding
    assert melding.identiteit_kluis is not None
    sleutels = {
        "eigen sleutel": zaak.beheerder_key,
        "SECRET_KEY": hashlib.sha256(django_settings.SECRET_KEY.encode()).digest(),
    }
    toegangen = KluisToegang.objects.filter(
        kluis__in=[melding.kluis, melding.identiteit_kluis]
    ).select_related("kluis")
    assert toegangen.count() >= 5  # coordinator, 2 × reporter, 2 × recovery key
    for naam, sleutel in sleutels.items():
        for toegang in toegangen:
            assert not _opent(sleutel, bytes(toegang.verzegeld)), (naam, toegang.soort)
        for deel in HerstelDeel.objects.all():
            assert not _opent(sleutel, bytes(deel.verzegeld)), naam
    with pytest.raises(kluis.GeenToegang):
        kluis.kluis_openen(
            kluis=melding.kluis, gebruiker=zaak.beheerder, private=zaak.beheerder_key
        )

    # No plaintext anywhere: not in any column of any table, not in the files.
    dump = _alle_rijen()
    bestanden = b"\n".join(
        p.read_bytes() for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()
    )
    assert bestanden and melding.inhoud and melding.identiteit
    assert melding.nummer.encode() in dump  # the dump is real: metadata is there in the clear
    for geheim in (
        INHOUD.encode(),
        b"INHOUD-qx43",
        NAAM.encode(),
        CONTACT.encode(),
        BIJLAGE,
        b"contract-qx43",
        zaak.code.encode(),
    ):
        assert geheim not in dump, geheim
        assert geheim not in bestanden, geheim

    # The views: refused for the role; the mailbox needs a code.
    login_met_sleutel(client, zaak.beheerder)
    bijlage = melding.bijlagen.get()
    for url in (
        reverse("meldingen:register"),
        reverse("meldingen:register_nieuw"),
        reverse("meldingen:register_detail", args=[melding.pk]),
        reverse("meldingen:register_bijlage", args=[melding.pk, bijlage.pk]),
        reverse("meldingen:statistiek"),
        reverse("meldingen:bewaartermijn"),
    ):
        assert client.get(url).status_code == 403, url
    response = client.post(
        reverse("meldingen:register_actie", args=[melding.pk]), {"actie": "bevestigen"}
    )
    assert response.status_code == 403
    assert 'name="code"' in _postbus_html(client)
    response = client.get(reverse("melden:postbus_bijlage", args=[bijlage.pk]))
    assert response.status_code == 302 and BIJLAGE not in response.content
    # A forged mailbox state (SECRET_KEY) with the own key opens nothing.
    _vervalste_postbus(
        client,
        {"melding": melding.pk, "sleutel": base64.b64encode(zaak.beheerder_key).decode()},
    )
    assert 'name="code"' in _postbus_html(client)

    # Giving themselves the coordinator role (they manage roles) gives metadata, no content.
    LidmaatschapFactory.create(
        gebruiker=zaak.beheerder, organisatie=melding.organisatie, rol=Rol.INTEGRITEITSCOORDINATOR
    )
    html = client.get(reverse("meldingen:register_detail", args=[melding.pk])).content.decode()
    assert "U heeft geen toegang tot de inhoud van deze melding" in html
    assert "INHOUD-qx43" not in html and "contract-qx43" not in html
    response = client.get(reverse("meldingen:register_bijlage", args=[melding.pk, bijlage.pk]))
    assert response.status_code == 302 and BIJLAGE not in response.content


def test_beheerder_cannot_recover_or_collect_shares(zaak: Beheerzaak) -> None:
    """Attack: the administrator tries the recovery route. The screens for recovery keys and
    requests are the coordinator's only (capability ``HERSTEL_BEHEREN``). Even going round
    them with database access: a recovery key of their own does not cover existing vaults;
    resetting custodians' passwords (and logging in as them) gives new keys that open none
    of the old shares; and one fooled honest custodian is below the threshold."""
    assert not role_has(Rol.BEHEERDER, Capability.HERSTEL_BEHEREN)
    assert role_has(Rol.INTEGRITEITSCOORDINATOR, Capability.HERSTEL_BEHEREN)
    assert roles_with(Capability.HERSTEL_BEHEREN) == {Rol.INTEGRITEITSCOORDINATOR}
    assert scope_for(gebruiker=zaak.beheerder, capability=Capability.HERSTEL_BEHEREN).is_empty
    assert not role_has(Rol.BEHEERDER, Capability.MELDING_INHOUD)
    melding = zaak.melding
    assert melding.identiteit_kluis is not None
    kluizen = [melding.kluis, melding.identiteit_kluis]

    # A recovery key of their own (themselves + two accomplices) covers no existing vault.
    handlangers = [_met_sleutel(GebruikerFactory.create())[0] for _ in range(2)]
    eigen = herstel.herstelsleutel_maken(
        organisatie=melding.organisatie,
        bewaarders=[zaak.beheerder, *handlangers],
        drempel=2,
        door=zaak.beheerder,
    )
    with pytest.raises(ValidationError, match="niet aan deze herstelsleutel verzegeld"):
        herstel.herstelverzoek_maken(
            herstelsleutel=eigen,
            gebruiker=zaak.beheerder,
            kluizen=kluizen,
            reden="x",
            door=zaak.beheerder,
        )

    # A request on the real recovery key naming a custodian they will take over.
    verzoek = herstel.herstelverzoek_maken(
        herstelsleutel=zaak.herstelsleutel,
        gebruiker=zaak.bewaarders[0],
        kluizen=kluizen,
        reden="Wachtwoord kwijt",
        door=zaak.coordinator,
    )
    with pytest.raises(kluis.GeenToegang):  # their own key is no share
        herstel.herstel_bijdragen(
            verzoek=verzoek, bewaarder=zaak.beheerder, private=zaak.beheerder_key
        )
    for bewaarder in zaak.bewaarders[:2]:
        with pytest.raises(kluis.GeenToegang):  # someone else's share with their own key
            herstel.herstel_bijdragen(
                verzoek=verzoek, bewaarder=bewaarder, private=zaak.beheerder_key
            )

    # Reset two custodians' passwords and log in as them: new keys, old shares dead.
    nieuwe_sleutels: dict[int, bytes] = {}
    for bewaarder in zaak.bewaarders[:2]:
        bewaarder.set_password("door-de-beheerder-gezet-2026")
        bewaarder.save()
        nieuwe_sleutels[bewaarder.pk] = kluis.gebruikersleutel_openen(
            gebruiker=bewaarder, wachtwoord="door-de-beheerder-gezet-2026"
        )
        with pytest.raises(kluis.GeenToegang):
            herstel.herstel_bijdragen(
                verzoek=verzoek, bewaarder=bewaarder, private=nieuwe_sleutels[bewaarder.pk]
            )
        for toegang in KluisToegang.objects.filter(kluis__in=kluizen):
            assert not _opent(nieuwe_sleutels[bewaarder.pk], bytes(toegang.verzegeld))
    assert not verzoek.bijdragen.exists()

    # The third, honest custodian is fooled into contributing: one share is not two.
    _, derde_key = _met_sleutel(zaak.bewaarders[2])
    herstel.herstel_bijdragen(verzoek=verzoek, bewaarder=zaak.bewaarders[2], private=derde_key)
    with pytest.raises(ValidationError, match="1 van de 2"):
        herstel.herstel_uitvoeren(
            verzoek=verzoek,
            gebruiker=zaak.bewaarders[0],
            private=nieuwe_sleutels[zaak.bewaarders[0].pk],
        )
    for vault in kluizen:
        assert not kluis.heeft_toegang(kluis=vault, gebruiker=zaak.bewaarders[0])
        assert not kluis.heeft_toegang(kluis=vault, gebruiker=zaak.beheerder)

    # Resetting the coordinator's password likewise gives a key without grants.
    zaak.coordinator.set_password("door-de-beheerder-gezet-2026")
    zaak.coordinator.save()
    nieuw = kluis.gebruikersleutel_openen(
        gebruiker=zaak.coordinator, wachtwoord="door-de-beheerder-gezet-2026"
    )
    with pytest.raises(kluis.GeenToegang):
        kluis.kluis_openen(kluis=melding.kluis, gebruiker=zaak.coordinator, private=nieuw)
