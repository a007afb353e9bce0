"""The legal clock: calendar and working days, month ends, holidays, and the states."""

from __future__ import annotations

from datetime import date

import pytest

from integriteit.meldingen.termijnen import (
    TermijnStand,
    is_werkdag,
    plus_dagen,
    plus_maanden,
    termijn_stand,
    termijnen,
)


def test_calendar_days_and_months() -> None:
    t = termijnen(date(2026, 3, 7), dagen=7, maanden=3, werkdagen=False)
    assert (t.bevestiging_uiterlijk, t.terugkoppeling_uiterlijk) == (
        date(2026, 3, 14),
        date(2026, 6, 7),
    )


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (date(2026, 8, 31), date(2026, 11, 30)),  # no 31 November
        (date(2025, 11, 30), date(2026, 2, 28)),  # across the year, no 30 February
        (date(2027, 11, 29), date(2028, 2, 29)),  # leap year
    ],
)
def test_months_end_on_the_last_day_when_the_day_does_not_exist(
    start: date, expected: date
) -> None:
    assert plus_maanden(start, 3, werkdagen=False) == expected


def test_working_days_skip_weekends_and_holidays_but_not_good_friday() -> None:
    assert not is_werkdag(date(2026, 4, 6))  # Easter Monday
    assert not is_werkdag(date(2026, 4, 27))  # King's Day
    assert not is_werkdag(date(2026, 12, 26))
    assert is_werkdag(date(2026, 4, 3))  # Good Friday: a working day for civil servants
    # Thursday 2 April 2026 + 7 working days: Fri 3, (Easter Monday) Tue 7 .. Fri 10, Mon 13, Tue 14
    assert plus_dagen(date(2026, 4, 2), 7, werkdagen=True) == date(2026, 4, 14)
    # Friday + 1 working day = Monday
    assert plus_dagen(date(2026, 11, 27), 1, werkdagen=True) == date(2026, 11, 30)


def test_a_month_deadline_on_a_holiday_moves_in_working_day_mode() -> None:
    # 25 September 2026 + 3 months = Friday 25 December (Christmas) -> Monday 28 December
    assert plus_maanden(date(2026, 9, 25), 3, werkdagen=True) == date(2026, 12, 28)
    assert plus_maanden(date(2026, 9, 25), 3, werkdagen=False) == date(2026, 12, 25)


@pytest.mark.parametrize(
    ("gedaan", "vandaag", "stand"),
    [
        (date(2026, 3, 14), date(2026, 5, 1), TermijnStand.OP_TIJD),
        (date(2026, 3, 15), date(2026, 5, 1), TermijnStand.TE_LAAT),
        (None, date(2026, 3, 10), TermijnStand.LOOPT),
        (None, date(2026, 3, 12), TermijnStand.BIJNA),
        (None, date(2026, 3, 14), TermijnStand.BIJNA),
        (None, date(2026, 3, 15), TermijnStand.VERLOPEN),
    ],
)
def test_state_of_a_deadline(gedaan: date | None, vandaag: date, stand: TermijnStand) -> None:
    assert termijn_stand(date(2026, 3, 14), gedaan, vandaag, waarschuwen_dagen=2) == stand
