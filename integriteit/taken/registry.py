"""Job kinds register a function here; the runner looks them up by name (ADR 0009).

A job function takes the :class:`~integriteit.taken.models.Taak` row and a progress callback
and returns a :class:`TaakUitkomst`. It raises :class:`TaakFout` with Dutch messages when the
input is refused; anything else is an unexpected failure that the runner logs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from django.utils.module_loading import autodiscover_modules

if TYPE_CHECKING:
    from integriteit.taken.models import Taak


class Voortgang(Protocol):
    def __call__(self, gedaan: int, totaal: int, stap: str = "") -> None: ...


@dataclass(frozen=True)
class TaakUitkomst:
    """What a finished job leaves: a summary, optionally a file, optionally where to go next."""

    resultaat: dict[str, Any] = field(default_factory=dict)
    bestand: bytes | None = None
    bestandsnaam: str = ""
    volgende_url: str = ""


class TaakFout(Exception):  # noqa: N818 (Dutch name: "job error"; helpers and apps use it)
    """The job refused its input; ``fouten`` are Dutch messages naming row, column or field."""

    def __init__(self, fouten: list[str]) -> None:
        super().__init__("; ".join(fouten))
        self.fouten = fouten


TaakFunctie = Callable[["Taak", Voortgang], TaakUitkomst]
_REGISTRY: dict[str, TaakFunctie] = {}


def taak(soort: str) -> Callable[[TaakFunctie], TaakFunctie]:
    """Register ``fn`` as the job ``soort`` (e.g. ``"enquete.import"``)."""

    def decorator(fn: TaakFunctie) -> TaakFunctie:
        if soort in _REGISTRY and _REGISTRY[soort] is not fn:
            raise ValueError(f"Taaksoort {soort!r} is al geregistreerd.")
        _REGISTRY[soort] = fn
        return fn

    return decorator


def taak_functie(soort: str) -> TaakFunctie:
    """The function of job kind ``soort``; each app's ``jobs`` module is imported first."""
    if soort not in _REGISTRY:
        autodiscover_modules("jobs")
    try:
        return _REGISTRY[soort]
    except KeyError:
        raise LookupError(f"Onbekende taaksoort {soort!r}.") from None
