"""``integriteit backup`` / ``restore``: a restore into an empty database gives the same data.

Runs on both engines (``DATABASE_URL`` picks PostgreSQL): there the audit table refuses
UPDATE and DELETE, so the restore must only INSERT.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from django.test import override_settings

from integriteit.accounts.demo import demo_load
from integriteit.accounts.models import Gebruiker
from integriteit.beheer import database
from integriteit.beheer.archief import sleutel_nieuw
from integriteit.beheer.backup import database_leeg
from integriteit.common.audit import audit_verify
from integriteit.common.models import AuditEvent
from integriteit.onderzoeken.maatregelsoorten import zaaien
from integriteit.onderzoeken.models import Maatregelsoort
from integriteit.organisaties.constants import Soort
from integriteit.organisaties.csv_io.export import organisaties_export_csv
from integriteit.organisaties.models import Organisatie
from integriteit.organisaties.services import OrganisatieGegevens, organisatie_create


def _alle_tabellen() -> dict[str, list[str]]:
    """Every row of every table, as the backup itself encodes it (JSON text per row)."""
    return {
        m._meta.label_lower: [json.dumps(rij, sort_keys=True) for rij in database.rijen(m)]
        for m in database.modellen()
    }


def _exports(tmp: Path, naam: str) -> dict[str, bytes]:
    uit: dict[str, bytes] = {}
    for fmt in ("csv", "json"):
        pad = tmp / f"{naam}.{fmt}"
        call_command("export_assessments", framework="ark-2024", cycle=2023, format=fmt, out=pad)
        uit[f"assessments.{fmt}"] = pad.read_bytes()
    beheerder = Gebruiker.objects.get(username="beheerder")
    uit["organisaties.csv"] = organisaties_export_csv(gebruiker=beheerder).encode()
    return uit


def _media(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _leeg_maken(media: Path) -> None:
    """What a fresh ``migrate`` leaves: content types and permissions (made again by the
    post-migrate signal, with new ids), the seeded measures, an empty media folder."""
    database.tabellen_legen()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    zaaien(Maatregelsoort)
    for pad in sorted(media.rglob("*"), reverse=True):
        pad.unlink() if pad.is_file() else pad.rmdir()


@pytest.mark.django_db
def test_restore_into_empty_database_gives_identical_exports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    media = tmp_path / "media"
    with override_settings(MEDIA_ROOT=media):
        monkeypatch.setenv("INTEGRITEIT_BACKUP_KEY", sleutel_nieuw())
        demo_load()
        (media / "normenkader" / "bewijs").mkdir(parents=True, exist_ok=True)
        (media / "normenkader" / "bewijs" / "groot.bin").write_bytes(bytes(range(256)) * 9000)
        archief = tmp_path / "backup.igt"
        call_command("backup", out=archief)
        voor_exports = _exports(tmp_path, "voor")
        voor_tabellen = _alle_tabellen()
        voor_media = _media(media)
        assert voor_exports["assessments.csv"].count(b"\n") > 10
        assert archief.stat().st_mode & 0o077 == 0  # owner only

        _leeg_maken(media)
        assert database_leeg()
        capsys.readouterr()
        call_command("restore", str(archief))
        out = capsys.readouterr()

        assert "hersteld" in out.out
        assert "rijen hersteld" in out.err or "Hersteld:" in out.err
        assert _exports(tmp_path, "na") == voor_exports
        assert _media(media) == voor_media
        na_tabellen = _alle_tabellen()
        # The one difference: the restore appended its own audit event to the chain.
        herstel = na_tabellen["common.auditevent"].pop()
        assert '"beheer.herstel"' in herstel
        assert na_tabellen == voor_tabellen
        assert audit_verify().ok
        assert AuditEvent.objects.order_by("-seq")[1].action == "beheer.backup"
        # New rows get fresh ids after the restored ones (PostgreSQL's sequences were reset).
        hoogste = max(Organisatie.objects.values_list("pk", flat=True))
        nieuw = organisatie_create(
            acting_user=None,
            gegevens=OrganisatieGegevens(code="NIEUW", naam="Nieuw", soort=Soort.RIJK, parent=None),
        )
        assert nieuw.pk > hoogste
