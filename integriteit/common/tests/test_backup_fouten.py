"""A backup that cannot be trusted restores nothing: wrong key, tampering, truncation, a
non-empty database without ``--force``, hostile paths. Each refusal is a Dutch message."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from integriteit.beheer import sleutels
from integriteit.beheer.archief import (
    ArchiefFout,
    ArchiefSchrijver,
    kop_lezen,
    records_lezen,
    sleutel_nieuw,
    sleutel_uit_tekst,
    sleutel_uit_wachtwoord,
)
from integriteit.common.audit import audit_verify
from integriteit.common.models import AuditEvent
from integriteit.conftest import World
from integriteit.organisaties.models import Organisatie

ENV = "INTEGRITEIT_BACKUP_KEY"


@pytest.fixture
def media(tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / "media"
    (root / "meldingen").mkdir(parents=True)
    (root / "meldingen" / "a.bin").write_bytes(b"versleutelde bijlage")
    with override_settings(MEDIA_ROOT=root):
        yield root


@pytest.fixture
def archief(world: World, media: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(ENV, sleutel_nieuw())
    pad = tmp_path / "b.igt"
    call_command("backup", out=pad, stderr=io.StringIO(), stdout=io.StringIO())
    return pad


def _toestand(media: Path) -> tuple[int, int, list[str]]:
    return (
        Organisatie.objects.count(),
        AuditEvent.objects.count(),
        sorted(p.name for p in media.rglob("*")),
    )


def _restore(pad: Path, *args: str) -> str:
    uit = io.StringIO()
    call_command("restore", str(pad), *args, stdout=uit, stderr=io.StringIO())
    return uit.getvalue()


@pytest.mark.django_db
def test_non_empty_database_is_refused_without_force(archief: Path, media: Path) -> None:
    voor = _toestand(media)
    with pytest.raises(CommandError, match="niet leeg.*--force"):
        _restore(archief)
    assert _toestand(media) == voor


@pytest.mark.django_db
def test_force_replaces_everything_and_keeps_the_old_media(
    archief: Path, media: Path, world: World
) -> None:
    Organisatie.objects.filter(pk=world.fin_unit.pk).update(naam="Gewijzigd na de back-up")
    (media / "later.bin").write_bytes(b"na de back-up")
    assert "hersteld" in _restore(archief, "--force")
    assert Organisatie.objects.get(pk=world.fin_unit.pk).naam == "DG Fiscale Zaken"
    assert sorted(p.name for p in media.rglob("*")) == ["a.bin", "meldingen"]
    bewaard = list(media.parent.glob("media.voor-herstel-*"))
    assert len(bewaard) == 1 and (bewaard[0] / "later.bin").exists()
    assert audit_verify().ok


@pytest.mark.django_db
def test_wrong_key_restores_nothing(
    archief: Path, media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV, sleutel_nieuw())
    voor = _toestand(media)
    with pytest.raises(CommandError, match="verkeerde sleutel of wachtwoord"):
        _restore(archief, "--force")
    assert _toestand(media) == voor


@pytest.mark.django_db
@pytest.mark.parametrize("plek", [0.3, 0.6, 0.99])
def test_tampered_archive_restores_nothing(archief: Path, media: Path, plek: float) -> None:
    data = bytearray(archief.read_bytes())
    data[int(len(data) * plek)] ^= 0x01
    archief.write_bytes(bytes(data))
    voor = _toestand(media)
    with pytest.raises(CommandError, match="beschadigd of gewijzigd"):
        _restore(archief, "--force")
    assert _toestand(media) == voor
    assert not list(media.parent.glob(".herstel-*"))  # the staging folder is gone


@pytest.mark.django_db
def test_truncated_archive_restores_nothing(archief: Path, media: Path) -> None:
    data = archief.read_bytes()
    archief.write_bytes(data[: len(data) - 40])
    voor = _toestand(media)
    with pytest.raises(CommandError, match="afgekapt"):
        _restore(archief, "--force")
    assert _toestand(media) == voor


@pytest.mark.django_db
def test_trailing_data_is_refused(archief: Path, media: Path) -> None:
    archief.write_bytes(archief.read_bytes() + b"\x00")
    with pytest.raises(CommandError, match="Na het slotstuk"):
        _restore(archief, "--force")


@pytest.mark.django_db
def test_not_a_backup(tmp_path: Path) -> None:
    pad = tmp_path / "x.igt"
    pad.write_bytes(b"PK\x03\x04 zip")
    with pytest.raises(CommandError, match="geen back-up van integriteit"):
        _restore(pad)


@pytest.mark.django_db
def test_passphrase_from_the_terminal(
    world: World, media: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV, raising=False)
    antwoorden = iter(["lang genoeg wachtwoord", "lang genoeg wachtwoord", "fout wachtwoord!"])
    monkeypatch.setattr(sleutels, "terminal_vraag", lambda: lambda _prompt: next(antwoorden))
    pad = tmp_path / "w.igt"
    call_command("backup", out=pad, stderr=io.StringIO(), stdout=io.StringIO())
    with pytest.raises(CommandError, match="verkeerde sleutel of wachtwoord"):
        _restore(pad, "--force")
    monkeypatch.setattr(sleutels, "terminal_vraag", lambda: lambda _p: "lang genoeg wachtwoord")
    assert "hersteld" in _restore(pad, "--force")


@pytest.mark.django_db
def test_no_key_and_no_terminal_is_refused(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV, raising=False)
    monkeypatch.setattr(sleutels, "terminal_vraag", lambda: None)
    with pytest.raises(CommandError, match="Geen sleutel: zet INTEGRITEIT_BACKUP_KEY"):
        call_command("backup", out=tmp_path / "x.igt", stderr=io.StringIO())
    assert not (tmp_path / "x.igt").exists()


@pytest.mark.django_db
def test_backup_refuses_to_overwrite(archief: Path) -> None:
    with pytest.raises(CommandError, match="bestaat al"):
        call_command("backup", out=archief, stderr=io.StringIO())


def test_invalid_key_text() -> None:
    with pytest.raises(ArchiefFout, match="geen geldige sleutel"):
        sleutel_uit_tekst("niet-base64!!")
    with pytest.raises(ArchiefFout, match="precies 32 bytes"):
        sleutel_uit_tekst("YWJj")


def test_reader_refuses_path_traversal_before_writing(tmp_path: Path) -> None:
    """An archive made with the right key but a hostile path: refused by the restore."""
    from integriteit.beheer.backup import _veilig_pad

    for pad in ("../buiten.txt", "/etc/passwd", "a/../../b", ""):
        with pytest.raises(ArchiefFout, match="ongeldig bestandspad"):
            _veilig_pad(pad)
    assert str(_veilig_pad("meldingen/a.bin")) == "meldingen/a.bin"


def test_reordered_frames_are_refused() -> None:
    sleutel = sleutel_uit_wachtwoord("wachtwoord lang", ops=1, mem=8192)
    buffer = io.BytesIO()
    schrijver = ArchiefSchrijver(buffer, sleutel)
    for i in range(3):
        schrijver.schrijf(json.dumps({"i": i}).encode())
    schrijver.schrijf(b"E", laatste=True)
    data = buffer.getvalue()
    invoer = io.BytesIO(data)
    kop = kop_lezen(invoer)
    assert [r[:1] for r in records_lezen(invoer, kop, sleutel)] == [b"{", b"{", b"{", b"E"]
    # Swap the second and third frame (same length): authenticated order catches it.
    start = len(kop.ruw) + 24
    lengte = 4 + int.from_bytes(data[start : start + 4], "big")
    eerste, tweede, derde = (data[start + k * lengte : start + (k + 1) * lengte] for k in range(3))
    gewisseld = data[:start] + eerste + derde + tweede + data[start + 3 * lengte :]
    invoer = io.BytesIO(gewisseld)
    with pytest.raises(ArchiefFout, match="beschadigd of gewijzigd"):
        list(records_lezen(invoer, kop_lezen(invoer), sleutel))


def test_new_key_is_printed_and_accepted() -> None:
    uit = io.StringIO()
    call_command("backup", nieuwe_sleutel=True, stdout=uit)
    assert sleutel_uit_tekst(uit.getvalue().strip()).sleutel != b"\x00" * 32


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("antwoorden", "melding"),
    [
        (["kort", "kort"], "minstens 12 tekens"),
        (["lang genoeg wachtwoord", "ander wachtwoord!!"], "niet gelijk"),
    ],
)
def test_passphrase_rules(
    antwoorden: list[str],
    melding: str,
    world: World,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(ENV, sleutel_nieuw())  # --wachtwoord asks even when a key is set
    rij = iter(antwoorden)
    monkeypatch.setattr(sleutels, "terminal_vraag", lambda: lambda _prompt: next(rij))
    with pytest.raises(CommandError, match=melding):
        call_command("backup", out=tmp_path / "x.igt", wachtwoord=True, stderr=io.StringIO())
    assert not list(tmp_path.iterdir())


@pytest.mark.django_db
def test_key_archive_without_key_at_restore(archief: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV)
    with pytest.raises(CommandError, match="versleuteld met een sleutel: zet INTEGRITEIT_BACKUP"):
        _restore(archief, "--force")
