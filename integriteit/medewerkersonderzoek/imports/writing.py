"""Importing responses into a wave: read, map, check every row, and — only when the whole file
is valid — store the responses in one transaction.

Imported responses are stored exactly like answers given through the form (ADR 0008): the
cleaned answers, the unit and the role, and as time only the first day of the current month.
Nothing else of the file is kept (no row number, no LimeSurvey id, token, date or IP
address), and they use no invitation. One audit event names the counts and the format.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from integriteit.common.audit import audit_log
from integriteit.medewerkersonderzoek.constants import GolfStatus
from integriteit.medewerkersonderzoek.imports.fouten import ImportFout
from integriteit.medewerkersonderzoek.imports.mapping import Koppeling, koppeling_lezen
from integriteit.medewerkersonderzoek.imports.readers import (
    FORMATEN,
    formaat_bepalen,
    tabel_lezen,
)
from integriteit.medewerkersonderzoek.imports.validation import ImportRij, rijen_controleren
from integriteit.medewerkersonderzoek.models import Golf, Respons
from integriteit.taken.registry import Voortgang

#: Responses per INSERT.
BATCH = 1000


@dataclass(frozen=True)
class ImportUitkomst:
    aantal: int
    formaat: str
    waarschuwingen: list[str] = field(default_factory=list)
    opgeslagen: bool = True

    def samenvatting(self) -> str:
        if self.opgeslagen:
            return _("%(n)d antwoorden geïmporteerd") % {"n": self.aantal}
        return _("%(n)d antwoorden gecontroleerd; niets opgeslagen (proefimport)") % {
            "n": self.aantal
        }


def _geen_voortgang(gedaan: int, totaal: int, stap: str = "") -> None:
    return None


def _check_golf(golf: Golf) -> None:
    if golf.status == GolfStatus.GESLOTEN:
        raise ImportFout([_("Deze golf is gesloten; er kunnen geen antwoorden meer bij.")])


def responses_import(
    *,
    acting_user: Any,
    golf: Golf,
    data: bytes,
    bestandsnaam: str,
    formaat: str = "auto",
    koppeling: bytes | None = None,
    koppeling_naam: str = "koppeling.yaml",
    dry_run: bool = False,
    voortgang: Voortgang | None = None,
) -> ImportUitkomst:
    """Import the responses in ``data`` into ``golf``, all or nothing.

    Raises :class:`ImportFout` with every problem (Dutch, naming row and column; at most 50
    and a count of the rest) when anything is wrong; then nothing is saved. Progress goes to
    ``voortgang(gedaan, totaal, stap)``: checking the rows, then saving them.
    """
    melden = voortgang or _geen_voortgang
    _check_golf(golf)
    formaat = formaat_bepalen(formaat=formaat, bestandsnaam=bestandsnaam, data=data)
    if formaat not in FORMATEN:
        raise ImportFout([_("Onbekend formaat %(f)s.") % {"f": formaat}])
    melden(0, 0, _("Bestand lezen"))
    spec = golf.vragenlijst.spec()
    eenheden = {code: pk for pk, code in golf.eenheden.values_list("pk", "organisatie__code")}
    gekoppeld: Koppeling | None = None
    if koppeling is not None:
        gekoppeld = koppeling_lezen(
            data=koppeling, bestandsnaam=koppeling_naam, spec=spec, eenheid_codes=set(eenheden)
        )
    tabel = tabel_lezen(data=data, formaat=formaat)
    n = len(tabel.rijen)
    totaal = n if dry_run else 2 * n
    stap = _("Antwoorden controleren")
    controle, fouten = rijen_controleren(
        tabel=tabel,
        spec=spec,
        koppeling=gekoppeld,
        eenheden=eenheden,
        voortgang=lambda gedaan: melden(gedaan, totaal, stap),
    )
    fouten.raise_if_any(controle.waarschuwingen)
    if not controle.rijen:
        raise ImportFout([_("Het bestand bevat geen antwoorden.")], controle.waarschuwingen)
    if not dry_run:
        responsen_opslaan(
            acting_user=acting_user,
            golf=golf,
            rijen=controle.rijen,
            formaat=formaat,
            details={
                "genegeerde_kolommen": len(controle.genegeerd),
                "overgeslagen": controle.overgeslagen,
            },
            voortgang=lambda gedaan: melden(n + gedaan, totaal, _("Antwoorden opslaan")),
        )
    melden(totaal, totaal, _("Klaar"))
    return ImportUitkomst(
        aantal=len(controle.rijen),
        formaat=formaat,
        waarschuwingen=controle.waarschuwingen,
        opgeslagen=not dry_run,
    )


@transaction.atomic
def responsen_opslaan(
    *,
    acting_user: Any,
    golf: Golf,
    rijen: list[ImportRij],
    formaat: str,
    details: dict[str, Any],
    voortgang: Callable[[int], None] | None = None,
) -> int:
    """Store checked rows as responses of ``golf`` in one transaction, in batches."""
    locked = Golf.objects.select_for_update().get(pk=golf.pk)
    _check_golf(locked)
    maand = timezone.localdate().replace(day=1)
    for start in range(0, len(rijen), BATCH):
        Respons.objects.bulk_create(
            [
                Respons(
                    golf=locked,
                    golf_eenheid_id=rij.golf_eenheid_id,
                    rol=rij.rol,
                    antwoorden=rij.antwoorden,
                    ingevuld_in=maand,
                )
                for rij in rijen[start : start + BATCH]
            ]
        )
        if voortgang is not None:
            voortgang(min(start + BATCH, len(rijen)))
    audit_log(
        actor=acting_user,
        action="enquete.import",
        object_type="golf",
        object_id=locked.pk,
        organisatie_id=locked.organisatie_id,
        details={"aantal": len(rijen), "formaat": formaat, **details},
    )
    return len(rijen)
