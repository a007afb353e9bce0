"""The phase map of a case: the protocol's phases as a readable diagram (issue 6), each with
its state, its deadline, what it requires and whether that is met. Built from the protocol,
the case's history and the gate's ``Stand`` — metadata only.

The template (``onderzoeken/_fasekaart.html``) draws it as an ordered list of boxes joined by
arrows in CSS, so a screen reader reads the same order as the eye; a skip ("geen onderzoek →
afsluiting") is written out under its phase.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from integriteit.onderzoeken import poort
from integriteit.onderzoeken.spec import ProtocolSpec

#: (code, label) of the states a phase can be in.
KLAAR = ("klaar", _("afgerond"))
HUIDIG = ("huidig", _("huidige fase"))
OVERGESLAGEN = ("overgeslagen", _("overgeslagen"))
LATER = ("later", _("nog niet"))


@dataclass(frozen=True)
class Eis:
    titel: str
    geldt: bool
    voldaan: bool
    melding: str  # what is missing, when it holds and is not met


@dataclass(frozen=True)
class Vak:
    code: str
    titel: str
    nummer: int
    staat: str
    staat_label: str
    termijn_dagen: int | None
    eisen: tuple[Eis, ...]
    sprongen: tuple[str, ...]  # Dutch sentences: "Bij ‘…’: verder naar ‘…’."


def fasekaart(
    protocol: ProtocolSpec,
    *,
    huidige_fase: str,
    doorlopen: Iterable[str],
    stand: poort.Stand,
    afgesloten: bool = False,
) -> list[Vak]:
    """``doorlopen``: the codes of the phases the case has left (from its history)."""
    verlaten = set(doorlopen)
    index_huidig = protocol.index(huidige_fase)
    vakken = []
    for nummer, fase in enumerate(protocol.fasen, start=1):
        if fase.code in verlaten or (afgesloten and fase.code == huidige_fase):
            staat = KLAAR
        elif fase.code == huidige_fase:
            staat = HUIDIG
        elif nummer - 1 < index_huidig:
            staat = OVERGESLAGEN
        else:
            staat = LATER
        ontbreekt = {o.vereiste.code: o.melding for o in poort.ontbrekend_in(fase, stand)}
        eisen = tuple(
            Eis(
                titel=v.titel,
                geldt=poort.geldt(v.voorwaarde, stand),
                voldaan=v.code not in ontbreekt,
                melding=ontbreekt.get(v.code, ""),
            )
            for v in fase.vereisten
        )
        sprongen = tuple(
            _("Bij ‘%(keuze)s’: verder naar ‘%(naar)s’.")
            % {
                "keuze": ", ".join(
                    _optie(protocol, s.voorwaarde.vereiste, w) for w in s.voorwaarde.is_gelijk
                ),
                "naar": protocol.fase(s.naar).titel,
            }
            for s in fase.sprongen
        )
        vakken.append(
            Vak(
                code=fase.code,
                titel=fase.titel,
                nummer=nummer,
                staat=staat[0],
                staat_label=str(staat[1]),
                termijn_dagen=fase.termijn_dagen,
                eisen=eisen,
                sprongen=sprongen,
            )
        )
    return vakken


def _optie(protocol: ProtocolSpec, vereiste_code: str, waarde: str) -> str:
    _fase, vereiste = protocol.vereiste(vereiste_code)
    return dict(vereiste.opties).get(waarde, waarde)
