"""Import of a historical registry (a CSV kept in a spreadsheet) into the reports module.

Columns (header row, any order, names case-insensitive): ``received_on, channel, type, status,
description, reporter_name, reporter_contact``; optional ``acknowledged_on, fed_back_on,
closed_on, outcome, triage``. Choice columns take our codes or the Dutch labels. All or
nothing: every row is checked first, and the reports are stored in one transaction; any error
(with its row number and column) stores nothing.

Every report goes through ``services.melding_ontvangen`` with ``kanaal=IMPORT``, so the
description and the reporter's identity are encrypted exactly as on the web intake and nothing
of them is stored in the clear. The original channel is checked and counted in the import's
single audit event; the registry row says "imported". A closed report without an outcome gets
"geen opvolging" (reported as a warning); a missing step date is taken as the day of receipt
(also a warning). The statistics leave imported reports out of the legal-clock figures.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from integriteit.common.audit import audit_log
from integriteit.kluis import services as kluis
from integriteit.meldingen import bewaren, services
from integriteit.meldingen.constants import Afloop, Kanaal, Meldingsoort, Status, Triage
from integriteit.meldingen.models import Melding
from integriteit.meldingen.selectors import ontvangers
from integriteit.organisaties.models import Organisatie

VERPLICHT = (
    "received_on",
    "channel",
    "type",
    "status",
    "description",
    "reporter_name",
    "reporter_contact",
)
OPTIONEEL = ("acknowledged_on", "fed_back_on", "closed_on", "outcome", "triage")
MAX_FOUTEN = 50
MAX_RIJEN = 100_000

Voortgang = Callable[[int, int, str], None]


class ImportFout(Exception):  # noqa: N818 (Dutch: "import error")
    def __init__(self, fouten: list[str]) -> None:
        super().__init__("\n".join(fouten))
        self.fouten = fouten


@dataclass(frozen=True)
class Regel:
    """One checked row."""

    rij: int
    ontvangen_op: date
    kanaal: str
    soort: str
    status: str
    omschrijving: str
    naam: str
    contact: str
    bevestigd_op: date | None
    teruggekoppeld_op: date | None
    afgesloten_op: date | None
    afloop: str
    triage: str


@dataclass
class Uitkomst:
    aantal: int = 0
    per_status: Counter[str] = field(default_factory=Counter)
    per_kanaal: Counter[str] = field(default_factory=Counter)
    waarschuwingen: list[str] = field(default_factory=list)
    geen_opvolging: int = 0
    met_identiteit: int = 0

    def samenvatting(self) -> str:
        delen = ", ".join(f"{status}: {n}" for status, n in sorted(self.per_status.items()))
        return _("%(n)d meldingen geïmporteerd (%(delen)s).") % {"n": self.aantal, "delen": delen}


def _choices(keuzes: Any) -> dict[str, str]:
    """Lookup of a choice column: the code and the Dutch label (lower case) → code."""
    out: dict[str, str] = {}
    with override("nl"):
        for code, label in keuzes.choices:
            out[str(code).lower()] = str(code)
            out[str(label).strip().lower()] = str(code)
    return out


_DATUM_NL = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def _datum(waarde: str) -> date:
    """ISO (2024-03-07) or the Dutch way (7-3-2024, 07/03/2024)."""
    waarde = waarde.strip()
    if m := _DATUM_NL.match(waarde):
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return date.fromisoformat(waarde)


def _lees(data: bytes) -> list[dict[str, str]]:
    try:
        tekst = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFout(
            [_("Het bestand is geen UTF-8-tekst (sla het op als CSV UTF-8).")]
        ) from error
    eerste = tekst.split("\n", 1)[0]
    scheiding = ";" if eerste.count(";") > eerste.count(",") else ","
    reader = csv.DictReader(io.StringIO(tekst, newline=""), delimiter=scheiding)
    try:
        return _rijen(reader)
    except csv.Error as error:  # e.g. a cell over the csv module's field limit
        raise ImportFout(
            [_("Het bestand is geen leesbare CSV (%(fout)s).") % {"fout": _("te lange cel")}]
        ) from error


def _rijen(reader: csv.DictReader[str]) -> list[dict[str, str]]:
    if reader.fieldnames is None:
        raise ImportFout([_("Het bestand is leeg.")])
    reader.fieldnames = [(naam or "").strip().lower() for naam in reader.fieldnames]
    ontbreekt = [k for k in VERPLICHT if k not in reader.fieldnames]
    if ontbreekt:
        raise ImportFout(
            [_("Kolommen ontbreken: %(k)s.") % {"k": ", ".join(ontbreekt)}]
            + [_("Verwacht: %(k)s.") % {"k": ",".join(VERPLICHT)}]
        )
    onbekend = [k for k in reader.fieldnames if k and k not in VERPLICHT + OPTIONEEL]
    if onbekend:
        raise ImportFout([_("Onbekende kolommen: %(k)s.") % {"k": ", ".join(onbekend)}])
    rijen = [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]
    if not rijen:
        raise ImportFout([_("Het bestand bevat geen meldingen.")])
    if len(rijen) > MAX_RIJEN:
        raise ImportFout([_("Meer dan %(n)d rijen: splits het bestand.") % {"n": MAX_RIJEN}])
    return rijen


class _Controle:
    """Checks the rows one by one, collecting Dutch messages with row number and column."""

    def __init__(self, vandaag: date) -> None:
        self.vandaag = vandaag
        self.fouten: list[str] = []
        self.lijsten = {
            "channel": _choices(Kanaal),
            "type": _choices(Meldingsoort),
            "status": _choices(Status),
            "outcome": _choices(Afloop),
            "triage": _choices(Triage),
        }

    def fout(self, rij: int, kolom: str, tekst: str) -> None:
        self.fouten.append(
            _("Rij %(rij)d, kolom %(kolom)s: %(tekst)s")
            % {"rij": rij, "kolom": kolom, "tekst": tekst}
        )

    def keuze(self, rij: int, kolom: str, waarde: str, verplicht: bool = True) -> str:
        lijst = self.lijsten[kolom]
        if not waarde:
            if verplicht:
                self.fout(rij, kolom, _("leeg."))
            return ""
        if waarde.lower() in lijst:
            return lijst[waarde.lower()]
        codes = sorted(set(lijst.values()))
        self.fout(
            rij,
            kolom,
            _("onbekende waarde ‘%(w)s’; kies uit %(codes)s.")
            % {"w": waarde[:60], "codes": ", ".join(codes)},
        )
        return ""

    def datum(self, rij: int, kolom: str, waarde: str, verplicht: bool = False) -> date | None:
        if not waarde:
            if verplicht:
                self.fout(rij, kolom, _("leeg."))
            return None
        try:
            dag = _datum(waarde)
        except ValueError:
            self.fout(
                rij,
                kolom,
                _("‘%(w)s’ is geen datum (gebruik 2024-03-07 of 7-3-2024).") % {"w": waarde[:40]},
            )
            return None
        if dag > self.vandaag:
            self.fout(rij, kolom, _("datum in de toekomst."))
            return None
        return dag

    def regel(self, rij: int, row: Mapping[str, str]) -> Regel | None:
        aantal = len(self.fouten)
        ontvangen = self.datum(rij, "received_on", row["received_on"], verplicht=True)
        kanaal = self.keuze(rij, "channel", row["channel"])
        soort = self.keuze(rij, "type", row["type"])
        status = self.keuze(rij, "status", row["status"])
        afloop = self.keuze(rij, "outcome", row.get("outcome", ""), verplicht=False)
        triage = self.keuze(rij, "triage", row.get("triage", ""), verplicht=False)
        bevestigd = self.datum(rij, "acknowledged_on", row.get("acknowledged_on", ""))
        teruggekoppeld = self.datum(rij, "fed_back_on", row.get("fed_back_on", ""))
        afgesloten = self.datum(rij, "closed_on", row.get("closed_on", ""))
        if not row["description"]:
            self.fout(rij, "description", _("leeg; beschrijf wat er is gemeld."))
        elif len(row["description"]) > services.MAX_TEKST:
            self.fout(rij, "description", _("langer dan %(n)d tekens.") % {"n": services.MAX_TEKST})
        if afloop and status and status != Status.AFGESLOTEN:
            self.fout(rij, "outcome", _("alleen bij status ‘afgesloten’."))
        if ontvangen:
            for kolom, dag in (
                ("acknowledged_on", bevestigd),
                ("fed_back_on", teruggekoppeld),
                ("closed_on", afgesloten),
            ):
                if dag and dag < ontvangen:
                    self.fout(rij, kolom, _("ligt vóór de dag van ontvangst."))
        if len(self.fouten) > aantal or ontvangen is None:
            return None
        return Regel(
            rij=rij,
            ontvangen_op=ontvangen,
            kanaal=kanaal,
            soort=soort,
            status=status,
            omschrijving=row["description"],
            naam=row["reporter_name"],
            contact=row["reporter_contact"],
            bevestigd_op=bevestigd,
            teruggekoppeld_op=teruggekoppeld,
            afgesloten_op=afgesloten,
            afloop=afloop,
            triage=triage,
        )


def controleren(data: bytes, *, vandaag: date | None = None) -> list[Regel]:
    """Every row checked; :class:`ImportFout` with all messages (at most 50) if any fails."""
    rijen = _lees(data)
    controle = _Controle(vandaag or timezone.localdate())
    regels = [controle.regel(i, row) for i, row in enumerate(rijen, start=2)]
    if controle.fouten:
        raise ImportFout(_ingekort(controle.fouten))
    return [r for r in regels if r is not None]


def _ingekort(fouten: list[str]) -> list[str]:
    if len(fouten) <= MAX_FOUTEN:
        return fouten
    rest = len(fouten) - MAX_FOUTEN
    return [*fouten[:MAX_FOUTEN], _("… en %(n)d andere fouten.") % {"n": rest}]


def _toegang_controleren(organisatie: Organisatie) -> None:
    """Refuse an import nobody could ever read: no coordinator with a key, no recovery key."""
    lezers = [g for g in ontvangers(organisatie) if kluis.publieke_sleutel(g) is not None]
    if not lezers and kluis.herstelsleutel_van(organisatie) is None:
        raise ImportFout(
            [
                _(
                    "Niemand zou de inhoud kunnen lezen: %(org)s heeft geen coördinator met "
                    "een sleutel (eenmaal ingelogd) en geen herstelsleutel."
                )
                % {"org": organisatie.code}
            ]
        )


def _stappen(melding: Melding, regel: Regel, uitkomst: Uitkomst) -> None:
    """The handling steps the old registry recorded, as metadata on the new report."""
    if regel.status == Status.ONTVANGEN:
        return
    if regel.bevestigd_op is None:
        uitkomst.waarschuwingen.append(
            _("Rij %(rij)d: geen datum van bevestiging; de dag van ontvangst is aangenomen.")
            % {"rij": regel.rij}
        )
    melding.bevestigd_op = regel.bevestigd_op or regel.ontvangen_op
    melding.teruggekoppeld_op = regel.teruggekoppeld_op
    melding.triage = regel.triage
    melding.status = regel.status
    if regel.status == Status.AFGESLOTEN:
        if not regel.afloop:
            uitkomst.geen_opvolging += 1
            uitkomst.waarschuwingen.append(
                _("Rij %(rij)d: afgesloten zonder afloop; vastgelegd als ‘geen opvolging’.")
                % {"rij": regel.rij}
            )
        if regel.afgesloten_op is None:
            uitkomst.waarschuwingen.append(
                _("Rij %(rij)d: geen datum van afsluiten; de dag van ontvangst is aangenomen.")
                % {"rij": regel.rij}
            )
        melding.afloop = regel.afloop or Afloop.GEEN_OPVOLGING
        melding.afgesloten_op = regel.afgesloten_op or regel.ontvangen_op
        bewaren.bewaren_tot_zetten(melding, save=False)
    melding.save(
        update_fields=[
            "bevestigd_op",
            "teruggekoppeld_op",
            "triage",
            "status",
            "afloop",
            "afgesloten_op",
            "bewaren_tot",
        ]
    )


def meldingen_importeren(
    *,
    organisatie: Organisatie,
    data: bytes,
    acting_user: Any = None,
    voortgang: Voortgang | None = None,
) -> Uitkomst:
    """Check, then store every row of ``data`` as a report of ``organisatie``; all or nothing.
    One audit event with the counts (no content)."""
    melden = voortgang or (lambda gedaan, totaal, stap: None)
    regels = controleren(data)
    _toegang_controleren(organisatie)
    uitkomst = Uitkomst()
    fouten: list[str] = []
    totaal = len(regels)
    with transaction.atomic():
        for i, regel in enumerate(regels, start=1):
            invoer = services.Invoer(
                organisatie=organisatie,
                soort=regel.soort,
                inhoud=services.Inhoud(wat=regel.omschrijving),
                identiteit=services.Identiteit(naam=regel.naam, contact=regel.contact),
                kanaal=Kanaal.IMPORT,
                ontvangen_op=regel.ontvangen_op,
            )
            try:
                melding = services.melding_ontvangen(invoer=invoer).melding
            except ValidationError as error:
                fouten += [
                    _("Rij %(rij)d: %(tekst)s") % {"rij": regel.rij, "tekst": tekst}
                    for tekst in error.messages
                ]
                continue
            _stappen(melding, regel, uitkomst)
            uitkomst.aantal += 1
            uitkomst.per_status[regel.status] += 1
            uitkomst.per_kanaal[regel.kanaal] += 1
            uitkomst.met_identiteit += 0 if melding.anoniem else 1
            melden(i, totaal, _("Meldingen versleutelen en opslaan"))
        if fouten:  # leaving the block by the exception rolls every row back
            raise ImportFout(_ingekort(fouten))
        audit_log(
            actor=acting_user,
            action="melding.geimporteerd",
            object_type="organisatie",
            object_id=organisatie.pk,
            organisatie_id=organisatie.pk,
            details={
                "aantal": uitkomst.aantal,
                "per_status": dict(uitkomst.per_status),
                "oorspronkelijk_kanaal": dict(uitkomst.per_kanaal),
                "geen_opvolging_aangenomen": uitkomst.geen_opvolging,
                "met_identiteit": uitkomst.met_identiteit,
            },
        )
    return uitkomst
