"""Errors and warnings of an import: Dutch messages, collected so that a user sees them all
at once, capped so that a file with a systematic mistake does not produce a million lines."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

#: At most this many messages are shown; the rest are counted.
MAX_FOUTEN = 50


class ImportFout(Exception):  # noqa: N818 (Dutch name: "import error", like TaakFout)
    """The file (or the mapping) is refused; nothing was saved. ``fouten`` are Dutch messages
    naming the row and the column; ``waarschuwingen`` what was noticed before that."""

    def __init__(self, fouten: list[str], waarschuwingen: list[str] | None = None) -> None:
        super().__init__("; ".join(fouten))
        self.fouten = fouten
        self.waarschuwingen = waarschuwingen or []


class Fouten:
    """Every problem of a file, in the order found (row order); the first 50 are kept."""

    def __init__(self) -> None:
        self.teksten: list[str] = []
        self.aantal = 0

    def add(self, tekst: str) -> None:
        self.aantal += 1
        if len(self.teksten) < MAX_FOUTEN:
            self.teksten.append(tekst)

    def lijst(self) -> list[str]:
        rest = self.aantal - len(self.teksten)
        if rest <= 0:
            return list(self.teksten)
        meer = ngettext("… en %(n)d andere fout", "… en %(n)d andere fouten", rest) % {"n": rest}
        return [*self.teksten, meer]

    def raise_if_any(self, waarschuwingen: list[str]) -> None:
        if self.aantal:
            raise ImportFout(self.lijst(), waarschuwingen)


def plaats(regelwoord: str, nummer: int, kolom: str = "") -> str:
    """ "Regel 12, kolom ‘G02Q02’" (CSV) or "Rij 12" (spreadsheet, SPSS)."""
    if kolom:
        return _("%(woord)s %(nummer)d, kolom ‘%(kolom)s’") % {
            "woord": regelwoord,
            "nummer": nummer,
            "kolom": kolom[:60],
        }
    return f"{regelwoord} {nummer}"
