"""Rate limits of the reporter's mailbox, without any IP address (issue 5).

A wrong receipt code is counted twice:

- **globally**, over all visitors together, in Django's cache: at most
  :data:`GLOBAAL_MAX` failed attempts per window of :data:`VENSTER` seconds; once reached,
  every attempt — right or wrong, from anyone — is refused until the window ends. A fixed
  window (a counter per minute, ``cache.incr`` is atomic), not a per-visitor bucket: knowing
  nothing about the visitor is the point.
- **per browser session**: after :data:`SESSIE_MAX` failures the session waits
  :data:`SESSIE_WACHT` seconds. Trivial to evade by dropping the cookie — the global limit
  is what holds; this one spares an honest reporter who mistypes from the global lock-out
  of everybody.

The trade-off (docs/meldingen.md): an attacker can keep everyone's mailbox shut by failing
20 times a minute; in exchange no visitor is ever identified, and each guess costs an
Argon2id computation against 10¹⁶ codes anyway. The check runs *before* the code is hashed,
so a refused attempt costs the server nothing.

The cache must be shared by all server processes (``CACHES``: database or Redis) for the
global limit to be global; the default local-memory cache counts per process.
"""

from __future__ import annotations

import time
from collections.abc import MutableMapping
from typing import Any

from django.core.cache import cache

GLOBAAL_MAX = 20
VENSTER = 60
SESSIE_MAX = 5
SESSIE_WACHT = 5 * 60

SESSIE_TELLER = "meldingen_postbus_mislukt"
SESSIE_WACHT_TOT = "meldingen_postbus_wacht_tot"

Sessie = MutableMapping[str, Any]

#: The clock (seconds); tests replace it.
klok = time.time


def _sleutel(nu: float) -> str:
    return f"meldingen:postbus:mislukt:{int(nu // VENSTER)}"


def _nu(nu: float | None) -> float:
    return klok() if nu is None else nu


def globaal_geblokkeerd(*, nu: float | None = None) -> bool:
    """Whether the failures of all visitors together used up this window."""
    return int(cache.get(_sleutel(_nu(nu)), 0)) >= GLOBAAL_MAX


def sessie_geblokkeerd(sessie: Sessie, *, nu: float | None = None) -> bool:
    """Whether this browser session must still wait after too many failures."""
    tot = sessie.get(SESSIE_WACHT_TOT)
    if tot is None:
        return False
    if _nu(nu) < float(tot):
        return True
    sessie.pop(SESSIE_WACHT_TOT, None)
    return False


def mislukt(sessie: Sessie, *, nu: float | None = None) -> None:
    """Count one failed attempt, globally and in the session."""
    moment = _nu(nu)
    sleutel = _sleutel(moment)
    cache.add(sleutel, 0, timeout=2 * VENSTER)
    try:
        cache.incr(sleutel)
    except ValueError:  # expired between add and incr
        cache.set(sleutel, 1, timeout=2 * VENSTER)
    teller = int(sessie.get(SESSIE_TELLER, 0)) + 1
    if teller >= SESSIE_MAX:
        sessie.pop(SESSIE_TELLER, None)
        # At least SESSIE_WACHT, rounded up to a whole minute: no precise moment is kept.
        sessie[SESSIE_WACHT_TOT] = (int(moment // 60) + 1) * 60 + SESSIE_WACHT
    else:
        sessie[SESSIE_TELLER] = teller


def gelukt(sessie: Sessie) -> None:
    """A correct code clears the session's count (not the global one)."""
    sessie.pop(SESSIE_TELLER, None)
    sessie.pop(SESSIE_WACHT_TOT, None)
