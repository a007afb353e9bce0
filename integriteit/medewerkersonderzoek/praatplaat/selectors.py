"""Reads for the talk sheets: which nodes of a wave a user may ask for, and the sheet of one
node assembled from the wave's cached results (``resultaten.py``) and the government-wide
comparison. The content rules themselves are in ``inhoud.py``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from integriteit.common.permissions import Capability
from integriteit.medewerkersonderzoek.models import Golf
from integriteit.medewerkersonderzoek.praatplaat.inhoud import (
    EENHEID,
    ONDERDRUKT,
    ONTBREEKT,
    OUDER,
    RIJK,
    Bron,
    Praatplaat,
    praatplaat_maken,
)
from integriteit.medewerkersonderzoek.praatplaat.vragen import gespreksvragen
from integriteit.medewerkersonderzoek.resultaten import (
    GolfResultaten,
    Json,
    Knoop,
    knopen_in_bereik,
)

CAPABILITY = Capability.ENQUETE_PRAATPLAAT


@dataclass(frozen=True)
class PraatplaatKnoop:
    """A node the user may ask for; ``onderdrukt``: it has no talk sheet."""

    knoop: Knoop
    onderdrukt: bool


def knopen_voor(*, resultaten: GolfResultaten, gebruiker: Any) -> list[PraatplaatKnoop]:
    """The nodes whose talk sheet ``gebruiker`` may ask for, in tree order."""
    codes = knopen_in_bereik(resultaten=resultaten, gebruiker=gebruiker, capability=CAPABILITY)
    knopen = sorted((resultaten.knopen[c] for c in codes), key=lambda k: (k.pad, k.naam))
    return [PraatplaatKnoop(k, onderdrukt=k.code not in resultaten.per_knoop) for k in knopen]


def _rijk_bron(
    golf: Golf, resultaten: GolfResultaten, knoop: Knoop, rijk: tuple[Golf, Json] | None
) -> Bron | None:
    """The government-wide column; None when it would repeat the unit or its parent."""
    if rijk is None:
        return Bron(RIJK, "", None, ONTBREEKT)
    rijk_golf, totaal = rijk
    if rijk_golf.pk == golf.pk:
        if resultaten.top in (knoop.code, knoop.parent):
            return None
        return Bron(RIJK, resultaten.knopen[resultaten.top].naam, totaal)
    return Bron(RIJK, rijk_golf.organisatie.naam, totaal)


def praatplaat_voor(
    *,
    golf: Golf,
    resultaten: GolfResultaten,
    code: str,
    rijk: tuple[Golf, Json] | None,
) -> Praatplaat | None:
    """The talk sheet of node ``code`` (None when the node is suppressed). ``rijk`` is
    ``resultaten.rijksbreed(golf=golf)``, passed in so a job computes it once."""
    eenheid = resultaten.resultaat(code)
    if eenheid is None:
        return None
    knoop = resultaten.knopen[code]
    vergelijkingen: list[Bron] = []
    if knoop.parent is not None:
        ouder = resultaten.knopen[knoop.parent]
        vergelijkingen.append(Bron(OUDER, ouder.naam, resultaten.resultaat(ouder.code), ONDERDRUKT))
    rijk_bron = _rijk_bron(golf, resultaten, knoop, rijk)
    if rijk_bron is not None:
        vergelijkingen.append(rijk_bron)
    return praatplaat_maken(
        questionnaire=golf.vragenlijst.spec(),
        code=code,
        eenheid=Bron(EENHEID, knoop.naam, eenheid),
        vergelijkingen=vergelijkingen,
        min_group_size=resultaten.min_group_size,
        vragen=gespreksvragen(),
    )


def weergave_context(
    *, golf: Golf, resultaten: GolfResultaten, code: str, plaat: Praatplaat | None
) -> dict[str, Any]:
    """What the HTML page and the PDF template of one talk sheet render."""
    return {
        "golf": golf,
        "knoop": resultaten.knopen[code],
        "plaat": plaat,
        "synthetisch": resultaten.synthetisch,
        "min_group_size": resultaten.min_group_size,
    }
