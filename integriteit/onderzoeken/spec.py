"""The parsed form of an investigation protocol (YAML, ``protocollen/``): phases in order,
each with what must be registered before the next may start. Plain data, no database.

A requirement may hold only under a condition on a choice registered earlier
(``when: {requirement: besluit, equals: onderzoeken}``); a phase may jump ahead when a choice
has a given value (``skip_to``: "do not investigate" goes straight to closing).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Voorwaarde:
    """Holds when the newest registration of ``vereiste`` (a choice) equals ``is_gelijk``."""

    vereiste: str
    is_gelijk: tuple[str, ...]


@dataclass(frozen=True)
class Vereiste:
    code: str
    titel: str
    soort: str  # constants.Soort value
    uitleg: str = ""
    opties: tuple[tuple[str, str], ...] = ()  # (code, label) for a choice
    minimum: int = 1  # for counted kinds: investigators, interviews, evidence, sanctions
    voorwaarde: Voorwaarde | None = None
    #: Case roles that may register it; empty: the phase's actors.
    door: tuple[str, ...] = ()
    #: For a date: may lie in the future (a planned date); otherwise a day that has been.
    toekomst: bool = False


@dataclass(frozen=True)
class Sprong:
    """Leave the phase for ``naar`` (instead of the next) when ``voorwaarde`` holds."""

    voorwaarde: Voorwaarde
    naar: str


@dataclass(frozen=True)
class Fase:
    code: str
    titel: str
    uitleg: str
    termijn_dagen: int | None
    #: Case roles that register and move on in this phase.
    actoren: tuple[str, ...]
    vereisten: tuple[Vereiste, ...]
    sprongen: tuple[Sprong, ...] = ()


@dataclass(frozen=True)
class Afwijking:
    """A recorded loosening of the baseline by a tightened protocol: what and why."""

    wat: str  # "fase:<code>", "vereiste:<code>", "minimum:<code>", "termijn:<code>"
    reden: str


@dataclass(frozen=True)
class ProtocolSpec:
    code: str
    versie: str
    titel: str
    bron: str
    basis: str  # code of the baseline it tightens; empty for a baseline
    fasen: tuple[Fase, ...]
    afwijkingen: tuple[Afwijking, ...] = field(default=())

    def fase(self, code: str) -> Fase:
        for fase in self.fasen:
            if fase.code == code:
                return fase
        raise KeyError(code)

    def index(self, code: str) -> int:
        return [f.code for f in self.fasen].index(code)

    def vereiste(self, code: str) -> tuple[Fase, Vereiste]:
        for fase in self.fasen:
            for vereiste in fase.vereisten:
                if vereiste.code == code:
                    return fase, vereiste
        raise KeyError(code)

    @property
    def eerste(self) -> Fase:
        return self.fasen[0]

    @property
    def laatste(self) -> Fase:
        return self.fasen[-1]
