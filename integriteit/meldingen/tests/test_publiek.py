"""The public report pages (views/publiek.py): the intake with the receipt code shown once,
validation without half-saved reports, the mailbox with its rate limits, replies with
attachments and downloads decrypted on the fly — and no audit event, no code in a URL or a
session row on the way."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.sessions.backends.signed_cookies import SessionStore as CookieStore
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from integriteit.accounts.models import Gebruiker
from integriteit.accounts.tests.factories import TEST_PASSWORD
from integriteit.common.models import AuditEvent
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World
from integriteit.kluis import services as kluis
from integriteit.meldingen import ratelimit, services
from integriteit.meldingen.constants import (
    BIJLAGE_MAX_BYTES,
    BIJLAGEN_MAX,
    Status,
    Zichtbaarheid,
)
from integriteit.meldingen.forms_publiek import GeheugenUploadHandler
from integriteit.meldingen.models import Bericht, Bijlage, Melding
from integriteit.meldingen.sessie_middleware import COOKIE

CODE_RE = re.compile(r"\b(\d{4}) (\d{4}) (\d{4}) (\d{4})\b")


def _anonieme_sessie(client: Client) -> CookieStore:
    """The session of the anonymous area: a signed cookie, nothing on the server."""
    morsel = client.cookies.get(COOKIE)
    return CookieStore(morsel.value if morsel else None)


@pytest.fixture(autouse=True)
def _schoon(settings: Any, tmp_path: Path) -> Any:
    """Own media folder; the rate-limit counters live in the cache, which outlives a test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


def _formulier(**extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "soort": "belangen",
        "wat": "De inkoper gunt opdrachten aan zijn zwager.",
        "wanneer": "voorjaar 2026",
        "waar": "Den Haag",
        "betrokkenen": "",
        "naam": "",
        "contact": "",
    }
    data.update(extra)
    return data


def _melden(client: Client, world: World, **extra: Any) -> str:
    """Report through the form; the receipt code as shown on the receipt page."""
    response = client.post(
        reverse("melden:organisatie", args=[world.ocw.code]), _formulier(**extra)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == reverse("melden:ontvangen")
    page = client.get(response["Location"]).content.decode()
    match = CODE_RE.search(page)
    assert match, page
    return "".join(match.groups())


def _openen(client: Client, code: str) -> Any:
    return client.post(reverse("melden:postbus"), {"code": code})


def _ruwe_sessies() -> bytes:
    return b"\n".join(s.session_data.encode() for s in Session.objects.all()) + b"\n".join(
        str(s.get_decoded()).encode() for s in Session.objects.all()
    )


@pytest.fixture
def coordinator(world: World, make_user: MakeUser) -> tuple[Gebruiker, bytes]:
    """A coordinator of OCW with a key pair (made before the report, so it is sealed to it)."""
    user = make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw)
    return user, kluis.gebruikersleutel_openen(gebruiker=user, wachtwoord=TEST_PASSWORD)


# --- the list and the procedure ---------------------------------------------------------


def test_index_lists_the_ministries(world: World, client: Client) -> None:
    page = client.get(reverse("melden:index")).content.decode()
    assert world.ocw.naam in page and world.fin.naam in page
    assert reverse("melden:organisatie", args=["OCW"]) in page
    assert world.ocw_unit.naam not in page  # units have no page of their own


def test_procedure_page_explains_and_offers_the_form(world: World, client: Client) -> None:
    response = client.get(reverse("melden:organisatie", args=["OCW"]))
    page = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Binnen 7 dagen bevestigen wij",
        "Binnen 3 maanden laten wij u weten",
        "vertrouwenspersoon integriteit van uw organisatie",
        "https://www.huisvoorklokkenluiders.nl",
        "eigen apparaat en een eigen netwerk",
        "Laat leeg om anoniem te melden",
        "tot 5 bestanden",
        "10 MB",
        'name="bijlagen"',
        "multiple",
    ):
        assert text in page, text
    assert (
        response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]
    )
    assert client.get(reverse("melden:organisatie", args=["OCW-DGCM"])).status_code == 404
    assert client.get(reverse("melden:organisatie", args=["NIETS"])).status_code == 404


# --- intake -----------------------------------------------------------------------------


def test_intake_shows_the_code_once_and_stores_it_nowhere(world: World, client: Client) -> None:
    events = AuditEvent.objects.count()
    bijlagen = [
        SimpleUploadedFile("foto.png", b"\x89PNG fake", "image/png"),
        SimpleUploadedFile("notitie.txt", b"aantekening", "text/plain"),
    ]
    response = client.post(
        reverse("melden:organisatie", args=["OCW"]), _formulier(bijlagen=bijlagen)
    )
    assert response.status_code == 302 and response["Location"] == reverse("melden:ontvangen")
    melding = Melding.objects.get()
    assert melding.anoniem and melding.bijlagen.count() == 2 and melding.kanaal == "web"
    raw_before_display = _ruwe_sessies()

    page = client.get(reverse("melden:ontvangen")).content.decode()
    match = CODE_RE.search(page)
    assert match is not None
    code = "".join(match.groups())
    assert "wij kunnen hem niet opnieuw tonen" in page.lower() or "niet opnieuw tonen" in page
    assert melding.nummer in page
    assert melding.bevestiging_uiterlijk.strftime("%Y") in page
    # The code is in no session row, neither before nor after display, and not in the URL.
    assert code.encode() not in raw_before_display
    assert code[:4].encode() + b" " not in raw_before_display
    assert code.encode() not in _ruwe_sessies()
    assert not Session.objects.exists(), "the anonymous area writes no session row"
    for value in _anonieme_sessie(client).values():
        assert code not in str(value) and melding.nummer not in str(value)
    # Second view: no code.
    again = client.get(reverse("melden:ontvangen")).content.decode()
    assert not CODE_RE.search(again) and "al getoond" in again
    # ... and the code does open the mailbox of this report.
    postbus = services.postbus_openen(code)
    assert postbus is not None and postbus.melding == melding
    assert AuditEvent.objects.count() == events, "the anonymous path writes no audit event"


def test_intake_with_name_keeps_identity_in_its_own_vault(world: World, client: Client) -> None:
    _melden(client, world, naam="Jan Jansen", contact="jan@example.org")
    melding = Melding.objects.get()
    assert not melding.anoniem and melding.identiteit_kluis is not None
    assert b"Jan Jansen" not in bytes(melding.identiteit or b"")


@pytest.mark.parametrize(
    ("extra", "veld", "fout"),
    [
        ({"wat": "   "}, "wat", "Beschrijf wat er is gebeurd."),
        ({"soort": ""}, "soort", "Kies waar uw melding over gaat."),
        ({"soort": "onzin"}, "soort", "Selecteer een geldige keuze"),
        ({"wat": "x" * (services.MAX_TEKST + 1)}, "wat", "20000"),
    ],
)
def test_validation_errors_save_nothing(
    world: World, client: Client, extra: dict[str, str], veld: str, fout: str
) -> None:
    response = client.post(reverse("melden:organisatie", args=["OCW"]), _formulier(**extra))
    assert response.status_code == 200
    assert fout in response.context["form"].errors[veld][0]
    assert "Het formulier bevat fouten" in response.content.decode()
    assert not Melding.objects.exists() and not Bijlage.objects.exists()


def test_refused_attachments_save_nothing(world: World, client: Client, settings: Any) -> None:
    te_groot = SimpleUploadedFile("groot.pdf", b"x" * (BIJLAGE_MAX_BYTES + 1), "application/pdf")
    verboden = SimpleUploadedFile("virus.exe", b"MZ", "application/octet-stream")
    response = client.post(
        reverse("melden:organisatie", args=["OCW"]),
        _formulier(bijlagen=[te_groot, verboden]),
    )
    fouten = response.context["form"].errors["bijlagen"]
    assert any("groot.pdf is groter dan 10 MB" in f for f in fouten)
    assert any("virus.exe: dit type bestand kan niet mee" in f for f in fouten)
    teveel = [SimpleUploadedFile(f"b{i}.txt", b"t", "text/plain") for i in range(BIJLAGEN_MAX + 1)]
    response = client.post(reverse("melden:organisatie", args=["OCW"]), _formulier(bijlagen=teveel))
    assert "Maximaal 5 bijlagen." in response.context["form"].errors["bijlagen"]
    assert not Melding.objects.exists() and not Bijlage.objects.exists()
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_upload_handler_keeps_files_in_memory_and_bounded() -> None:
    handler = GeheugenUploadHandler()
    handler.new_file("bijlagen", "groot.pdf", "application/pdf", None)
    chunk = b"a" * (1024 * 1024)
    for i in range(12):  # 12 MB arrive; a little over 10 MB is kept
        handler.receive_data_chunk(chunk, i * len(chunk))
    bestand = handler.file_complete(12 * len(chunk))
    assert bestand.size == 12 * len(chunk)  # the real size, for the size check
    assert len(bestand.read()) == BIJLAGE_MAX_BYTES + 1
    for i in range(BIJLAGEN_MAX):  # files beyond the maximum are counted, not kept
        handler.new_file("bijlagen", f"b{i}.txt", "text/plain", None)
        handler.receive_data_chunk(b"tekst", 0)
        handler.file_complete(5)
    assert handler.buffer is None


# --- the mailbox --------------------------------------------------------------------------


def test_mailbox_opens_with_the_right_code(
    world: World, client: Client, coordinator: tuple[Gebruiker, bytes]
) -> None:
    code = _melden(client, world)
    melding = Melding.objects.get()
    user, private = coordinator
    sleutel = services.kluis_van_behandelaar(melding=melding, gebruiker=user, private=private)
    services.bericht_plaatsen(
        melding=melding,
        auteur=user,
        kluis_private=sleutel,
        tekst="Kunt u zeggen welke opdrachten?",
        zichtbaarheid=Zichtbaarheid.MELDER,
    )
    services.bericht_plaatsen(
        melding=melding,
        auteur=user,
        kluis_private=sleutel,
        tekst="Interne notitie voor het team",
        zichtbaarheid=Zichtbaarheid.TEAM,
    )
    services.bevestigen(melding=melding, door=user)
    events = AuditEvent.objects.count()

    anders = Client()
    assert anders.get(reverse("melden:postbus")).context["form"] is not None
    response = _openen(anders, code[:4] + " " + code[4:8] + "-" + code[8:])
    assert response.status_code == 302 and response["Location"] == reverse("melden:postbus")
    cookie = anders.cookies["igt_melden_postbus"]
    assert cookie["httponly"] and cookie["samesite"] == "Strict" and cookie["path"] == "/melden/"
    page = anders.get(reverse("melden:postbus")).content.decode()
    for text in (
        melding.nummer,
        "Ontvangst bevestigd",
        "De inkoper gunt opdrachten aan zijn zwager.",
        "Kunt u zeggen welke opdrachten?",
        "Gedaan, op tijd",
        "Nog niet gedaan; de termijn loopt nog",
        "Sluit de postbus",
    ):
        assert text in page, text
    assert "Interne notitie" not in page
    # The session row holds neither the code nor the report's id or key in the clear.
    raw = _ruwe_sessies()
    assert code.encode() not in raw and melding.nummer.encode() not in raw
    assert b'"melding"' not in raw
    assert AuditEvent.objects.count() == events


def test_wrong_and_malformed_codes(world: World, client: Client) -> None:
    code = _melden(client, world)
    fout = f"{(int(code) + 1) % 10**16:016d}"
    response = _openen(client, fout)
    assert response.status_code == 200
    assert "Deze ontvangstcode klopt niet" in response.content.decode()
    response = _openen(client, "1234")
    assert "bestaat uit 16 cijfers" in response.content.decode()
    assert (
        _anonieme_sessie(client).get(ratelimit.SESSIE_TELLER) == 1
    )  # the malformed one is not counted
    assert "igt_melden_postbus" not in client.cookies


def test_session_rate_limit(world: World, client: Client, monkeypatch: Any) -> None:
    code = _melden(client, world)
    fout = f"{(int(code) + 1) % 10**16:016d}"
    for _ in range(ratelimit.SESSIE_MAX):
        _openen(client, fout)
    response = _openen(client, code)  # even the right code waits now
    assert response.status_code == 200
    assert "Wacht vijf minuten" in response.content.decode()
    assert "igt_melden_postbus" not in client.cookies
    later = ratelimit.klok() + ratelimit.SESSIE_WACHT + 61
    monkeypatch.setattr(ratelimit, "klok", lambda: later)
    assert _openen(client, code).status_code == 302


def test_global_rate_limit_over_all_visitors(
    world: World, client: Client, monkeypatch: Any
) -> None:
    code = _melden(client, world)
    fout = f"{(int(code) + 1) % 10**16:016d}"
    nu = (int(ratelimit.klok() // 60) + 1) * 60.0  # the start of a fresh minute
    monkeypatch.setattr(ratelimit, "klok", lambda: nu)
    for _ in range(ratelimit.GLOBAAL_MAX // 4):  # 20 failures from five "visitors"
        bezoeker = Client()
        for _ in range(4):
            assert "klopt niet" in _openen(bezoeker, fout).content.decode()
    response = _openen(Client(), code)  # a new visitor with the right code is refused too
    assert "Te veel pogingen; probeer het over een minuut opnieuw" in response.content.decode()
    monkeypatch.setattr(ratelimit, "klok", lambda: nu + 60)
    assert _openen(Client(), code).status_code == 302


def test_reply_with_attachment_and_download(
    world: World, client: Client, coordinator: tuple[Gebruiker, bytes]
) -> None:
    bijlage = SimpleUploadedFile("bewijs.pdf", b"%PDF-1.4 bewijsstuk", "application/pdf")
    code = _melden(client, world, bijlagen=[bijlage])
    melding = Melding.objects.get()
    _openen(client, code)
    events = AuditEvent.objects.count()
    response = client.post(
        reverse("melden:postbus_bericht"),
        {
            "tekst": "Het ging om drie opdrachten.",
            "bijlagen": [SimpleUploadedFile("lijst.txt", b"opdracht 1, 2, 3", "text/plain")],
        },
    )
    assert response.status_code == 302
    bericht = Bericht.objects.get()
    assert bericht.van_melder and bericht.zichtbaarheid == Zichtbaarheid.MELDER
    assert b"drie opdrachten" not in bytes(bericht.tekst)
    page = client.get(reverse("melden:postbus")).content.decode()
    assert "Uw bericht is verstuurd." in page and "Het ging om drie opdrachten." in page
    assert "lijst.txt" in page and "bewijs.pdf" in page
    assert AuditEvent.objects.count() == events
    # The handler reads it too (an audited read).
    user, private = coordinator
    sleutel = services.kluis_van_behandelaar(melding=melding, gebruiker=user, private=private)
    assert services.berichttekst(sleutel, bericht) == "Het ging om drie opdrachten."
    # Downloads, decrypted on the fly; the file on disk is ciphertext.
    opgeslagen = Bijlage.objects.get(bericht=bericht)
    assert b"opdracht 1" not in Path(opgeslagen.bestand.path).read_bytes()
    download = client.get(reverse("melden:postbus_bijlage", args=[opgeslagen.pk]))
    assert download.status_code == 200 and download.content == b"opdracht 1, 2, 3"
    assert download["Content-Disposition"] == 'attachment; filename="lijst.txt"'
    assert download["Content-Type"] == "text/plain"
    eerste = Bijlage.objects.get(bericht=None)
    pdf = client.get(reverse("melden:postbus_bijlage", args=[eerste.pk]))
    assert pdf.content == b"%PDF-1.4 bewijsstuk" and pdf["Content-Type"] == "application/pdf"
    assert AuditEvent.objects.count() == events + 1  # only the handler's read


def test_reply_errors_and_other_reports_attachments(world: World, client: Client) -> None:
    andere = Client()
    _melden(andere, world, bijlagen=[SimpleUploadedFile("a.txt", b"van een ander", "text/plain")])
    vreemd = Bijlage.objects.get()
    code = _melden(client, world)
    _openen(client, code)
    response = client.post(reverse("melden:postbus_bericht"), {"tekst": " "})
    assert response.status_code == 200 and "Schrijf een bericht." in response.content.decode()
    response = client.post(
        reverse("melden:postbus_bericht"),
        {"tekst": "x", "bijlagen": [SimpleUploadedFile("x.exe", b"MZ")]},
    )
    assert "dit type bestand kan niet mee" in response.content.decode()
    assert not Bericht.objects.exists()
    assert client.get(reverse("melden:postbus_bijlage", args=[vreemd.pk])).status_code == 404


def test_a_closed_report_can_be_read_but_not_answered(world: World, client: Client) -> None:
    code = _melden(client, world)
    _openen(client, code)
    Melding.objects.update(status=Status.AFGESLOTEN, afgesloten_op=timezone.localdate())
    page = client.get(reverse("melden:postbus")).content.decode()
    assert "Deze melding is afgesloten; reageren kan niet meer." in page
    assert 'name="tekst"' not in page
    response = client.post(reverse("melden:postbus_bericht"), {"tekst": "Nog iets"})
    assert "reageren kan niet meer" in response.content.decode()
    assert not Bericht.objects.exists()


def test_mailbox_pages_need_an_opened_mailbox(world: World, client: Client) -> None:
    _melden(Client(), world, bijlagen=[SimpleUploadedFile("a.txt", b"geheim", "text/plain")])
    bijlage = Bijlage.objects.get()
    response = client.get(reverse("melden:postbus_bijlage", args=[bijlage.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("melden:postbus")
    response = client.post(reverse("melden:postbus_bericht"), {"tekst": "hallo"})
    assert response.status_code == 302 and not Bericht.objects.exists()


def test_close_the_mailbox(world: World, client: Client) -> None:
    code = _melden(client, world)
    _openen(client, code)
    assert "Sluit de postbus" in client.get(reverse("melden:postbus")).content.decode()
    response = client.post(reverse("melden:postbus_sluiten"))
    assert response.status_code == 302
    assert client.cookies["igt_melden_postbus"].value == ""
    page = client.get(reverse("melden:postbus")).content.decode()
    assert "Uw postbus is gesloten." in page and 'name="code"' in page


def test_csrf_is_checked_on_the_upload_views(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("melden:organisatie", args=["OCW"]), _formulier())
    assert response.status_code == 403 and not Melding.objects.exists()
    assert client.post(reverse("melden:postbus_bericht"), {"tekst": "x"}).status_code == 403
