"""Making and restoring a backup: the database and the media folder in one archive (ADR 0019).

Records inside the encrypted container (``archief.py``), one type byte each:

``M`` manifest (JSON: format, time, engine, applied migrations) — always first;
``T`` a table begins (JSON: model label, column names); ``R`` a batch of its rows (JSON);
``F`` a media file begins (JSON: relative path, size); ``B`` a block of its bytes;
``E`` the end (JSON: totals) — the final, tagged message.

A restore reads the whole archive inside one database transaction and writes the media files
to a staging folder beside ``MEDIA_ROOT``; only when the final tag has been verified does it
commit and move the folder into place. A wrong key, a tampered or truncated file: nothing
changes.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from django.conf import settings
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from integriteit.beheer import database
from integriteit.beheer.archief import ArchiefFout, ArchiefSchrijver, Kop, Sleutel, records_lezen
from integriteit.common.audit import audit_log

FORMAAT = 1
RIJEN_PER_RECORD = 500
BLOK = 1024 * 1024
VOORTGANG_RIJEN = 10_000

Voortgang = Callable[[str], None]


@dataclass(frozen=True)
class Samenvatting:
    tabellen: int
    rijen: int
    bestanden: int
    bytes: int
    gemaakt_op: str


def _record(soort: bytes, gegevens: Any) -> bytes:
    return soort + json.dumps(gegevens, ensure_ascii=False, separators=(",", ":")).encode()


def _migraties() -> list[list[str]]:
    applied = MigrationRecorder(connection).applied_migrations()
    return sorted([app, naam] for app, naam in applied)


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def _mediabestanden() -> Iterator[tuple[str, Path]]:
    root = _media_root()
    if not root.is_dir():
        return
    for map_, submappen, bestanden in os.walk(root):
        submappen.sort()
        for naam in sorted(bestanden):
            pad = Path(map_) / naam
            if pad.is_file() and not pad.is_symlink():
                yield pad.relative_to(root).as_posix(), pad


# --- making a backup ------------------------------------------------------------------------


def _tabellen_schrijven(schrijver: ArchiefSchrijver, voortgang: Voortgang) -> tuple[int, int]:
    totaal = 0
    gekozen = database.modellen()
    for model in gekozen:
        label = model._meta.label_lower
        namen = [f.attname for f in database.velden(model)]
        schrijver.schrijf(_record(b"T", {"model": label, "velden": namen}))
        batch: list[list[Any]] = []
        aantal = 0
        for rij in database.rijen(model):
            batch.append(rij)
            if len(batch) == RIJEN_PER_RECORD:
                schrijver.schrijf(b"R" + database.rijen_json(batch))
                aantal += len(batch)
                batch = []
                if aantal % VOORTGANG_RIJEN == 0:
                    voortgang(f"  {label}: {aantal} rijen…")
        if batch:
            schrijver.schrijf(b"R" + database.rijen_json(batch))
            aantal += len(batch)
        if aantal:
            voortgang(f"  {label}: {aantal} rijen")
        totaal += aantal
    return len(gekozen), totaal


def _media_schrijven(schrijver: ArchiefSchrijver, voortgang: Voortgang) -> tuple[int, int]:
    aantal = grootte = 0
    for relatief, pad in _mediabestanden():
        with pad.open("rb") as bestand:
            schrijver.schrijf(
                _record(b"F", {"pad": relatief, "grootte": os.fstat(bestand.fileno()).st_size})
            )
            while blok := bestand.read(BLOK):
                schrijver.schrijf(b"B" + blok)
                grootte += len(blok)
        aantal += 1
        if aantal % 100 == 0:
            voortgang(f"  media: {aantal} bestanden…")
    voortgang(f"  media: {aantal} bestanden, {grootte} bytes")
    return aantal, grootte


@contextmanager
def _momentopname() -> Iterator[None]:
    """One consistent view of the database for the whole dump.

    PostgreSQL: a REPEATABLE READ, READ ONLY transaction (writers go on). SQLite: the
    connection's IMMEDIATE transaction holds the write lock until the dump is done.
    """
    buitenste = not connection.in_atomic_block
    with transaction.atomic():
        if buitenste and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def backup_maken(*, uit: BinaryIO, sleutel: Sleutel, voortgang: Voortgang) -> Samenvatting:
    """Write the whole database and the media folder, encrypted, to ``uit``."""
    # The backup records itself before the snapshot, so the copy knows it was taken.
    with transaction.atomic():
        audit_log(actor=None, action="beheer.backup", details={"engine": connection.vendor})
    schrijver = ArchiefSchrijver(uit, sleutel)
    gemaakt_op = timezone.now().isoformat()
    with _momentopname():
        manifest = {
            "formaat": FORMAAT,
            "gemaakt_op": gemaakt_op,
            "engine": connection.vendor,
            "migraties": _migraties(),
        }
        schrijver.schrijf(_record(b"M", manifest))
        voortgang("Database…")
        tabellen, rijen = _tabellen_schrijven(schrijver, voortgang)
    voortgang("Mediabestanden…")
    bestanden, grootte = _media_schrijven(schrijver, voortgang)
    samenvatting = Samenvatting(
        tabellen=tabellen, rijen=rijen, bestanden=bestanden, bytes=grootte, gemaakt_op=gemaakt_op
    )
    schrijver.schrijf(_record(b"E", samenvatting.__dict__), laatste=True)
    return samenvatting


# --- restoring ------------------------------------------------------------------------------


def database_leeg() -> bool:
    """True when the database holds no organisations, users or audit events and the media
    folder no files: what ``migrate`` alone leaves behind (content types, permissions and
    seeded reference lists do not count; a restore replaces them)."""
    from integriteit.accounts.models import Gebruiker
    from integriteit.common.models import AuditEvent
    from integriteit.organisaties.models import Organisatie

    if Gebruiker.objects.exists() or AuditEvent.objects.exists():
        return False
    if Organisatie.objects.exists():
        return False
    return next(_mediabestanden(), None) is None


def _veilig_pad(relatief: str) -> PurePosixPath:
    pad = PurePosixPath(relatief)
    if pad.is_absolute() or not pad.parts or any(deel in ("", ".", "..") for deel in pad.parts):
        raise ArchiefFout(
            f"De back-up bevat een ongeldig bestandspad ({relatief!r}). Er is niets hersteld."
        )
    return pad


class _Herstel:
    """The state of one restore while the records stream past."""

    def __init__(self, staging: Path, voortgang: Voortgang) -> None:
        self.staging = staging
        self.voortgang = voortgang
        self.model: type[models.Model] | None = None
        self.namen: list[str] = []
        self.gebruikt: list[type[models.Model]] = []
        self.rijen = 0
        self.bestand: BinaryIO | None = None
        self.bestanden = 0
        self.bytes = 0

    def tabel(self, gegevens: dict[str, Any]) -> None:
        label = str(gegevens["model"])
        try:
            model = apps_model(label)
        except LookupError as error:
            raise ArchiefFout(
                f"De back-up bevat tabel {label}, die deze versie niet kent. Er is niets hersteld."
            ) from error
        namen = [f.attname for f in database.velden(model)]
        if namen != gegevens["velden"]:
            raise ArchiefFout(
                f"De kolommen van {label} in de back-up wijken af van deze versie. "
                "Er is niets hersteld."
            )
        self.model, self.namen = model, namen
        self.gebruikt.append(model)

    def rijen_invoegen(self, data: bytes) -> None:
        if self.model is None:
            raise ArchiefFout("De back-up is beschadigd (rijen zonder tabel). Niets hersteld.")
        vorig = self.rijen
        self.rijen += database.rijen_invoegen(self.model, self.namen, json.loads(data))
        if self.rijen // VOORTGANG_RIJEN != vorig // VOORTGANG_RIJEN:
            self.voortgang(f"  {self.rijen} rijen hersteld…")

    def bestand_openen(self, gegevens: dict[str, Any]) -> None:
        self.bestand_sluiten()
        doel = self.staging.joinpath(*_veilig_pad(str(gegevens["pad"])).parts)
        doel.parent.mkdir(parents=True, exist_ok=True)
        self.bestand = doel.open("xb")
        self.bestanden += 1

    def blok(self, data: bytes) -> None:
        if self.bestand is None:
            raise ArchiefFout("De back-up is beschadigd (gegevens zonder bestand). Niets hersteld.")
        self.bestand.write(data)
        self.bytes += len(data)

    def bestand_sluiten(self) -> None:
        if self.bestand is not None:
            self.bestand.close()
            self.bestand = None


def apps_model(label: str) -> type[models.Model]:
    from django.apps import apps

    app_label, model_name = label.split(".", 1)
    return apps.get_model(app_label, model_name)


def _manifest_controleren(record: bytes) -> dict[str, Any]:
    if not record.startswith(b"M"):
        raise ArchiefFout("De back-up is beschadigd (geen manifest). Er is niets hersteld.")
    manifest: dict[str, Any] = json.loads(record[1:])
    if manifest.get("formaat") != FORMAAT:
        raise ArchiefFout("Onbekend formaat van de back-up. Er is niets hersteld.")
    if manifest.get("migraties") != _migraties():
        raise ArchiefFout(
            "De back-up is gemaakt met een ander databaseschema (andere migraties) dan deze "
            "database heeft. Herstel met dezelfde versie van integriteit als waarmee de back-up "
            "is gemaakt, en migreer daarna. Er is niets hersteld."
        )
    return manifest


def _records_verwerken(records: Iterator[bytes], herstel: _Herstel) -> dict[str, Any]:
    eind: dict[str, Any] | None = None
    for record in records:
        if eind is not None:
            raise ArchiefFout("De back-up is beschadigd (gegevens na het einde). Niets hersteld.")
        soort, data = record[:1], record[1:]
        if soort == b"T":
            herstel.tabel(json.loads(data))
        elif soort == b"R":
            herstel.rijen_invoegen(data)
        elif soort == b"F":
            herstel.bestand_openen(json.loads(data))
        elif soort == b"B":
            herstel.blok(data)
        elif soort == b"E":
            herstel.bestand_sluiten()
            eind = json.loads(data)
            # The loop goes on once more: the reader then checks that nothing follows.
        else:
            raise ArchiefFout("De back-up is beschadigd (onbekend record). Niets hersteld.")
    herstel.bestand_sluiten()
    if eind is None:
        raise ArchiefFout("De back-up is onvolledig (geen slotstuk). Niets hersteld.")
    if eind["rijen"] != herstel.rijen or eind["bestanden"] != herstel.bestanden:
        raise ArchiefFout("De back-up is onvolledig (aantallen kloppen niet). Niets hersteld.")
    return eind


def backup_herstellen(
    *, invoer: BinaryIO, kop: Kop, sleutel: Sleutel, forceren: bool, voortgang: Voortgang
) -> Samenvatting:
    """Replace the database and the media folder with the archive's. All or nothing."""
    records = records_lezen(invoer, kop, sleutel)
    manifest = _manifest_controleren(next(records))
    if not forceren and not database_leeg():
        raise ArchiefFout(
            "De database of de mediamap is niet leeg. Herstellen vervangt alle gegevens; "
            "gebruik --force als u dat echt wilt. Er is niets hersteld."
        )
    root = _media_root()
    root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".herstel-", dir=root.parent))
    try:
        herstel = _Herstel(staging, voortgang)
        with transaction.atomic():
            voortgang("Database legen en herstellen…")
            database.tabellen_legen()
            eind = _records_verwerken(records, herstel)
            database.na_invoegen(herstel.gebruikt)
            audit_log(
                actor=None,
                action="beheer.herstel",
                details={"backup_van": manifest["gemaakt_op"], "rijen": herstel.rijen},
            )
        _media_plaatsen(staging, root, voortgang)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    voortgang(f"Hersteld: {herstel.rijen} rijen, {herstel.bestanden} bestanden.")
    return Samenvatting(
        tabellen=len(herstel.gebruikt),
        rijen=herstel.rijen,
        bestanden=herstel.bestanden,
        bytes=herstel.bytes,
        gemaakt_op=str(eind["gemaakt_op"]),
    )


def _media_plaatsen(staging: Path, root: Path, voortgang: Voortgang) -> None:
    """Swap the restored media folder in; an old, non-empty one is kept beside it."""
    if root.exists():
        if any(root.iterdir()):
            bewaard = root.with_name(f"{root.name}.voor-herstel-{timezone.now():%Y%m%d%H%M%S}")
            root.rename(bewaard)
            voortgang(f"De vorige mediamap is bewaard als {bewaard}.")
        else:
            root.rmdir()
    staging.rename(root)
