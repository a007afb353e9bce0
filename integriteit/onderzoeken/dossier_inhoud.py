"""What goes into the case file of an investigation (issue 6): every section of the record,
decrypted with the case key, as a template context, and the numbered attachments. The PDF and
the ZIP are made from it in :mod:`integriteit.onderzoeken.dossier`.

Each field is decrypted with the context name it was encrypted with (``_hulp._versleutel``
callers): ``reden``, ``omschrijving``, ``onafhankelijkheid``, ``tekst``, ``bestandsnaam``,
``bestand``, ``gehoorde``, ``verslag``, ``reactie``, ``motivering``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from integriteit.common.schendingen import Schending
from integriteit.kluis import services as kluis
from integriteit.onderzoeken import poort
from integriteit.onderzoeken._hulp import UITKOMST_VEREISTE
from integriteit.onderzoeken.constants import (
    Gebeurtenis,
    Soort,
    Status,
    Uitkomst,
    VerhoorStatus,
    VerzoekStatus,
    Zaakrol,
)
from integriteit.onderzoeken.models import (
    Afwijkingsverzoek,
    Bewijsstuk,
    Deelnemer,
    Maatregel,
    Onderzoek,
    Overgang,
    Registratie,
    Verhoor,
)
from integriteit.onderzoeken.services import inhoud_lezen
from integriteit.onderzoeken.spec import ProtocolSpec

MAX_NAAM = 80

#: The nine sections, in order: (anchor, title). The template and the tests use these.
SECTIES: tuple[tuple[str, Any], ...] = (
    ("zaak", gettext_lazy("Zaak")),
    ("deelnemers", gettext_lazy("Deelnemers")),
    ("verloop", gettext_lazy("Verloop (fasen en stappen)")),
    ("registraties", gettext_lazy("Registraties per fase")),
    ("verhoren", gettext_lazy("Verhoren")),
    ("bewijslog", gettext_lazy("Bewijslog")),
    ("besluit", gettext_lazy("Rapporten en besluit")),
    ("maatregelen", gettext_lazy("Maatregelen")),
    ("afwijkingen", gettext_lazy("Afwijkingen van het protocol")),
)


@dataclass(frozen=True)
class Bijlage:
    """A decrypted file of the case, numbered as it appears in the ZIP."""

    nummer: int
    pad: str  # path inside the ZIP: bijlagen/NN-<safe name>
    naam: str  # the original name (decrypted)
    bron: str  # where it belongs in the file, in Dutch
    data: bytes = field(repr=False)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def grootte(self) -> int:
        return len(self.data)


@dataclass
class _Lezer:
    """Decrypts the fields of one case with its key."""

    onderzoek: Onderzoek
    sleutel: bytes

    def tekst(self, veld: str, blob: bytes | memoryview | None) -> str:
        if blob is None or not bytes(blob):
            return ""
        return inhoud_lezen(self.sleutel, self.onderzoek, veld, bytes(blob))

    def bestand(self, bestand: FieldFile) -> bytes:
        with bestand.open("rb") as handle:
            versleuteld = handle.read()
        return kluis.inhoud_ontsleutelen(self.onderzoek.kluis, self.sleutel, "bestand", versleuteld)


def veilige_naam(naam: str) -> str:
    """A file name safe in a ZIP on any system: letters, digits, ``._-``; at most
    :data:`MAX_NAAM` characters, keeping the extension."""
    gewoon = unicodedata.normalize("NFKD", naam).encode("ascii", "ignore").decode()
    gewoon = re.sub(r"[^A-Za-z0-9._-]+", "_", gewoon).strip("._") or "bestand"
    if len(gewoon) > MAX_NAAM:
        stam, punt, ext = gewoon.rpartition(".")
        ext = ext[:10] if punt else ""
        gewoon = (stam if punt else gewoon)[: MAX_NAAM - len(ext) - 1].rstrip("._")
        gewoon = f"{gewoon}.{ext}" if ext else gewoon
    return gewoon


def _persoon(gebruiker: Any) -> str:
    if gebruiker is None:
        return ""
    volledig = gebruiker.get_full_name()
    return f"{volledig} ({gebruiker.get_username()})" if volledig else gebruiker.get_username()


def _fase_titel(spec: ProtocolSpec, code: str) -> str:
    if not code:
        return ""
    try:
        return spec.fase(code).titel
    except KeyError:
        return code


def _vereiste_titel(spec: ProtocolSpec, code: str) -> str:
    try:
        return spec.vereiste(code)[1].titel
    except KeyError:
        return code


# --- the sections -----------------------------------------------------------------------------


def _zaak(onderzoek: Onderzoek, spec: ProtocolSpec, lezer: _Lezer) -> dict[str, Any]:
    geopend = onderzoek.overgangen.filter(soort=Gebeurtenis.GEOPEND).first()
    protocol = onderzoek.protocol
    return {
        "nummer": onderzoek.nummer,
        "organisatie": onderzoek.organisatie.naam,
        "soort": Schending(onderzoek.soort).label if onderzoek.soort else "",
        "status": Status(onderzoek.status).label,
        "fase": _fase_titel(spec, onderzoek.fase),
        "fase_uiterlijk": onderzoek.fase_uiterlijk,
        "geopend_op": onderzoek.geopend_op,
        "afgesloten_op": onderzoek.afgesloten_op,
        "uitkomst": Uitkomst(onderzoek.uitkomst).label if onderzoek.uitkomst else "",
        "protocol": f"{spec.titel} ({protocol.code} {protocol.versie})",
        "protocol_sha256": protocol.sha256,
        "meldingen": list(onderzoek.meldingen.order_by("nummer").values_list("nummer", flat=True)),
        "eigen_initiatief": lezer.tekst("reden", geopend.reden) if geopend else "",
    }


def _deelnemers(onderzoek: Onderzoek, lezer: _Lezer) -> list[dict[str, Any]]:
    volgorde = {rol: i for i, rol in enumerate(Zaakrol.values)}
    rijen = sorted(
        Deelnemer.objects.filter(onderzoek=onderzoek).select_related("gebruiker"),
        key=lambda d: (volgorde.get(d.rol, 99), d.pk),
    )
    return [
        {
            "rol": Zaakrol(d.rol).label,
            "wie": _persoon(d.gebruiker)
            if d.gebruiker
            else lezer.tekst("omschrijving", d.omschrijving),
            "toegevoegd_op": d.toegevoegd_op,
            "onafhankelijk_op": d.onafhankelijk_op,
            "onafhankelijkheid": lezer.tekst("onafhankelijkheid", d.onafhankelijkheid),
        }
        for d in rijen
    ]


def _verloop(
    onderzoek: Onderzoek, spec: ProtocolSpec, lezer: _Lezer
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The protocol's phases with how far the case got, and every step of the history."""
    overgangen = list(
        Overgang.objects.filter(onderzoek=onderzoek).select_related("door", "toestemming_door")
    )
    bereikt = {o.naar_fase for o in overgangen if o.naar_fase}
    fasen = []
    for nummer, fase in enumerate(spec.fasen, start=1):
        if onderzoek.status != Status.AFGESLOTEN and fase.code == onderzoek.fase:
            stand = _("huidige fase")
        elif fase.code in bereikt:
            stand = _("doorlopen")
        elif onderzoek.status == Status.AFGESLOTEN or spec.index(fase.code) < spec.index(
            onderzoek.fase
        ):
            stand = _("overgeslagen")
        else:
            stand = _("nog niet bereikt")
        fasen.append(
            {"nummer": nummer, "titel": fase.titel, "termijn": fase.termijn_dagen, "stand": stand}
        )
    stappen = [
        {
            "op": timezone.localtime(o.op),
            "soort": Gebeurtenis(o.soort).label,
            "van": _fase_titel(spec, o.van_fase),
            "naar": _fase_titel(spec, o.naar_fase),
            "door": _persoon(o.door),
            "toestemming": _persoon(o.toestemming_door),
            "reden": lezer.tekst("reden", o.reden),
            "ontbrak": [_vereiste_titel(spec, code) for code in o.ontbrak or []],
            "dagen": o.dagen,
        }
        for o in overgangen
    ]
    return fasen, stappen


def _waarde(
    registratie: Registratie,
    opties: Mapping[str, str],
    lezer: _Lezer,
    bijlagen: dict[int, Bijlage],
) -> dict[str, Any]:
    if registratie.keuze:
        return {"keuze": opties.get(registratie.keuze, registratie.keuze)}
    if registratie.datum:
        return {"datum": registratie.datum}
    if registratie.bestand:
        return {"bijlage": bijlagen.get(registratie.pk)}
    return {"tekst": lezer.tekst("tekst", registratie.tekst)}


def _bijlagen_van_registraties(
    registraties: list[Registratie], spec: ProtocolSpec, lezer: _Lezer
) -> dict[int, Bijlage]:
    uit: dict[int, Bijlage] = {}
    documenten = [r for r in registraties if r.bestand]
    documenten.sort(key=lambda r: (_fase_index(spec, r.fase), r.geregistreerd_op, r.pk))
    for nummer, registratie in enumerate(documenten, start=1):
        naam = lezer.tekst("bestandsnaam", registratie.bestandsnaam) or "document"
        uit[registratie.pk] = Bijlage(
            nummer=nummer,
            pad="",
            naam=naam,
            bron=_("%(vereiste)s (fase %(fase)s), vastgelegd %(op)s")
            % {
                "vereiste": _vereiste_titel(spec, registratie.vereiste),
                "fase": _fase_titel(spec, registratie.fase),
                "op": timezone.localtime(registratie.geregistreerd_op).strftime("%d-%m-%Y %H:%M"),
            },
            data=lezer.bestand(registratie.bestand),
        )
    return uit


def _fase_index(spec: ProtocolSpec, code: str) -> int:
    try:
        return spec.index(code)
    except ValueError:
        return len(spec.fasen)


def _registraties(
    registraties: list[Registratie],
    spec: ProtocolSpec,
    lezer: _Lezer,
    bijlagen: dict[int, Bijlage],
) -> list[dict[str, Any]]:
    """Per phase of the protocol, per requirement: every row, newest first and marked."""
    per_vereiste: dict[str, list[Registratie]] = {}
    for registratie in sorted(registraties, key=lambda r: (r.geregistreerd_op, r.pk), reverse=True):
        per_vereiste.setdefault(registratie.vereiste, []).append(registratie)
    fasen = []
    for nummer, fase in enumerate(spec.fasen, start=1):
        vereisten = []
        for vereiste in fase.vereisten:
            rijen = per_vereiste.pop(vereiste.code, [])
            if vereiste.soort not in {Soort.TEKST, Soort.DATUM, Soort.KEUZE, Soort.DOCUMENT}:
                continue
            opties = dict(vereiste.opties)
            vereisten.append(
                {
                    "titel": vereiste.titel,
                    "soort": Soort(vereiste.soort).label,
                    "rijen": [
                        {
                            "geldend": i == 0,
                            "op": timezone.localtime(r.geregistreerd_op),
                            "door": _persoon(r.geregistreerd_door),
                            **_waarde(r, opties, lezer, bijlagen),
                        }
                        for i, r in enumerate(rijen)
                    ],
                }
            )
        fasen.append({"nummer": nummer, "titel": fase.titel, "vereisten": vereisten})
    if per_vereiste:  # registrations the protocol no longer names (never expected)
        fasen.append(
            {
                "nummer": "",
                "titel": _("Overige registraties"),
                "vereisten": [
                    {
                        "titel": code,
                        "soort": "",
                        "rijen": [
                            {
                                "geldend": i == 0,
                                "op": timezone.localtime(r.geregistreerd_op),
                                "door": _persoon(r.geregistreerd_door),
                                **_waarde(r, {}, lezer, bijlagen),
                            }
                            for i, r in enumerate(rijen)
                        ],
                    }
                    for code, rijen in per_vereiste.items()
                ],
            }
        )
    return fasen


def _verhoren(onderzoek: Onderzoek, lezer: _Lezer) -> list[dict[str, Any]]:
    return [
        {
            "volgnummer": v.volgnummer,
            "datum": v.datum,
            "gehoorde": lezer.tekst("gehoorde", v.gehoorde),
            "verslag": lezer.tekst("verslag", v.verslag),
            "status": VerhoorStatus(v.status).label,
            "reactie": lezer.tekst("reactie", v.reactie),
            "reactie_op": v.reactie_op,
            "door": _persoon(v.vastgelegd_door),
        }
        for v in Verhoor.objects.filter(onderzoek=onderzoek).select_related("vastgelegd_door")
    ]


def _bewijs(
    onderzoek: Onderzoek, lezer: _Lezer, eerste: int
) -> tuple[list[dict[str, Any]], list[Bijlage]]:
    stukken: list[dict[str, Any]] = []
    bijlagen: list[Bijlage] = []
    for stuk in Bewijsstuk.objects.filter(onderzoek=onderzoek).select_related("vastgelegd_door"):
        bijlage = None
        if stuk.bestand:
            bijlage = Bijlage(
                nummer=eerste + len(bijlagen),
                pad="",
                naam=lezer.tekst("bestandsnaam", stuk.bestandsnaam) or "bewijsstuk",
                bron=_("Bewijsstuk %(n)d") % {"n": stuk.volgnummer},
                data=lezer.bestand(stuk.bestand),
            )
            bijlagen.append(bijlage)
        stukken.append(
            {
                "volgnummer": stuk.volgnummer,
                "verkregen_op": stuk.verkregen_op,
                "omschrijving": lezer.tekst("omschrijving", stuk.omschrijving),
                "bijlage": bijlage,
                "door": _persoon(stuk.vastgelegd_door),
            }
        )
    return stukken, bijlagen


def _besluit(
    onderzoek: Onderzoek, spec: ProtocolSpec, registraties: list[Registratie], lezer: _Lezer
) -> dict[str, Any]:
    """The outcome and the newest registration of each requirement of the decision's phase."""
    try:
        fase, _vereiste = spec.vereiste(UITKOMST_VEREISTE)
    except KeyError:
        return {"uitkomst": "", "fase": "", "punten": []}
    nieuwste: dict[str, Registratie] = {}
    for r in sorted(registraties, key=lambda r: (r.geregistreerd_op, r.pk), reverse=True):
        nieuwste.setdefault(r.vereiste, r)
    punten = []
    for vereiste in fase.vereisten:
        registratie = nieuwste.get(vereiste.code)
        if registratie is None:
            continue
        punten.append(
            {
                "titel": vereiste.titel,
                **_waarde(registratie, dict(vereiste.opties), lezer, {}),
            }
        )
    return {
        "uitkomst": Uitkomst(onderzoek.uitkomst).label if onderzoek.uitkomst else "",
        "fase": fase.titel,
        "punten": punten,
    }


def _maatregelen(onderzoek: Onderzoek, lezer: _Lezer) -> list[dict[str, Any]]:
    return [
        {
            "soort": m.soort.naam,
            "disciplinair": m.soort.disciplinair,
            "bron": m.soort.bron,
            "datum": m.datum,
            "motivering": lezer.tekst("motivering", m.motivering),
            "door": _persoon(m.geregistreerd_door),
        }
        for m in Maatregel.objects.filter(onderzoek=onderzoek).select_related(
            "soort", "geregistreerd_door"
        )
    ]


def _afwijkingen(onderzoek: Onderzoek, spec: ProtocolSpec, lezer: _Lezer) -> list[dict[str, Any]]:
    verzoeken = Afwijkingsverzoek.objects.filter(onderzoek=onderzoek).select_related(
        "aangevraagd_door", "beslist_door"
    )
    return [
        {
            "van": _fase_titel(spec, v.van_fase),
            "naar": _fase_titel(spec, v.naar_fase) or _("afsluiten"),
            "ontbrak": [_vereiste_titel(spec, code) for code in v.ontbrak or []],
            "reden": lezer.tekst("reden", v.reden),
            "aangevraagd_door": _persoon(v.aangevraagd_door),
            "aangevraagd_op": timezone.localtime(v.aangevraagd_op),
            "status": VerzoekStatus(v.status).label,
            "beslist_door": _persoon(v.beslist_door),
            "beslist_op": timezone.localtime(v.beslist_op) if v.beslist_op else None,
        }
        for v in verzoeken.order_by("aangevraagd_op", "pk")
    ]


# --- public API -------------------------------------------------------------------------------


def dossier_context(
    onderzoek: Onderzoek,
    sleutel: bytes,
    *,
    door: Any = None,
    moment: datetime | None = None,
) -> dict[str, Any]:
    """The whole case file, decrypted with the case key ``sleutel``, for the PDF template;
    ``bijlagen`` holds the decrypted files (numbered as in the ZIP). The caller opened the key
    through ``services.kluis_van_deelnemer`` (an audited read)."""
    onderzoek = Onderzoek.objects.select_related("organisatie", "protocol", "kluis").get(
        pk=onderzoek.pk
    )
    spec = poort.spec(onderzoek)
    lezer = _Lezer(onderzoek, sleutel)
    registraties = list(
        Registratie.objects.filter(onderzoek=onderzoek).select_related("geregistreerd_door")
    )
    documenten = _bijlagen_van_registraties(registraties, spec, lezer)
    bewijs, bewijs_bijlagen = _bewijs(onderzoek, lezer, len(documenten) + 1)
    alle = sorted([*documenten.values(), *bewijs_bijlagen], key=lambda b: b.nummer)
    breedte = max(2, len(str(len(alle))))
    genummerd = {
        b.nummer: Bijlage(
            nummer=b.nummer,
            pad=f"bijlagen/{b.nummer:0{breedte}d}-{veilige_naam(b.naam)}",
            naam=b.naam,
            bron=b.bron,
            data=b.data,
        )
        for b in alle
    }
    documenten = {pk: genummerd[b.nummer] for pk, b in documenten.items()}
    for stuk in bewijs:
        if stuk["bijlage"] is not None:
            stuk["bijlage"] = genummerd[stuk["bijlage"].nummer]
    fasen, stappen = _verloop(onderzoek, spec, lezer)
    moment = moment or timezone.now()
    return {
        "onderzoek": onderzoek,
        "secties": [
            {"nummer": i, "anker": anker, "titel": str(titel)}
            for i, (anker, titel) in enumerate(SECTIES, start=1)
        ],
        "zaak": _zaak(onderzoek, spec, lezer),
        "deelnemers": _deelnemers(onderzoek, lezer),
        "fasen": fasen,
        "stappen": stappen,
        "registraties": _registraties(registraties, spec, lezer, documenten),
        "documenten": sorted(documenten.values(), key=lambda b: b.nummer),
        "verhoren": _verhoren(onderzoek, lezer),
        "bewijs": bewijs,
        "besluit": _besluit(onderzoek, spec, registraties, lezer),
        "maatregelen": _maatregelen(onderzoek, lezer),
        "protocol_afwijkingen": [{"wat": a.wat, "reden": a.reden} for a in spec.afwijkingen],
        "afwijkingen": _afwijkingen(onderzoek, spec, lezer),
        "bijlagen": [genummerd[n] for n in sorted(genummerd)],
        "geexporteerd_op": timezone.localtime(moment),
        "geexporteerd_door": _persoon(door),
    }
