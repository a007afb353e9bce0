"""The legal clock of a report (Wet bescherming klokkenluiders; EU directive 2019/1937):
acknowledgement within 7 days and feedback within 3 months of receipt, in calendar days or
working days as the organisation's reporting procedure says.

Working days skip weekends and Dutch public holidays as the ``holidays`` package lists them
(Liberation Day only in lustrum years), except Good Friday, which is not a day off for civil
servants. Months are calendar months (7 March + 3 months = 7 June; 31 August + 3 months =
30 November); in working-day mode a month deadline on a weekend or holiday moves to the next
working day. Pure functions, no database.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import cache

import holidays

GOEDE_VRIJDAG = "Good Friday"


@cache
def _feestdagen(jaar: int) -> frozenset[date]:
    dagen = holidays.country_holidays("NL", years=jaar, language="en_US")
    return frozenset(d for d, naam in dagen.items() if naam != GOEDE_VRIJDAG)


def is_werkdag(dag: date) -> bool:
    return dag.weekday() < 5 and dag not in _feestdagen(dag.year)


def volgende_werkdag(dag: date) -> date:
    while not is_werkdag(dag):
        dag += timedelta(days=1)
    return dag


def plus_dagen(start: date, dagen: int, *, werkdagen: bool) -> date:
    if not werkdagen:
        return start + timedelta(days=dagen)
    dag = start
    for _ in range(dagen):
        dag = volgende_werkdag(dag + timedelta(days=1))
    return dag


def plus_maanden(start: date, maanden: int, *, werkdagen: bool) -> date:
    totaal = start.month - 1 + maanden
    jaar, maand = start.year + totaal // 12, totaal % 12 + 1
    dag = start.replace(
        year=jaar, month=maand, day=min(start.day, calendar.monthrange(jaar, maand)[1])
    )
    return volgende_werkdag(dag) if werkdagen else dag


@dataclass(frozen=True)
class Termijnen:
    bevestiging_uiterlijk: date
    terugkoppeling_uiterlijk: date


def termijnen(ontvangen_op: date, *, dagen: int, maanden: int, werkdagen: bool) -> Termijnen:
    return Termijnen(
        bevestiging_uiterlijk=plus_dagen(ontvangen_op, dagen, werkdagen=werkdagen),
        terugkoppeling_uiterlijk=plus_maanden(ontvangen_op, maanden, werkdagen=werkdagen),
    )


class TermijnStand(StrEnum):
    OP_TIJD = "op_tijd"  # done on or before the deadline
    TE_LAAT = "te_laat"  # done, but after the deadline
    LOOPT = "loopt"  # not done, deadline more than the warning period away
    BIJNA = "bijna"  # not done, deadline within the warning period
    VERLOPEN = "verlopen"  # not done, deadline passed


def termijn_stand(
    uiterlijk: date, gedaan_op: date | None, vandaag: date, waarschuwen_dagen: int
) -> TermijnStand:
    if gedaan_op is not None:
        return TermijnStand.OP_TIJD if gedaan_op <= uiterlijk else TermijnStand.TE_LAAT
    if vandaag > uiterlijk:
        return TermijnStand.VERLOPEN
    if (uiterlijk - vandaag).days <= waarschuwen_dagen:
        return TermijnStand.BIJNA
    return TermijnStand.LOOPT
