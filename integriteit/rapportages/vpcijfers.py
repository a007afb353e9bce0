"""The confidential advisers' part of the key figures: contacts per ministry and category.

Only counts leave the advisers' module (``vertrouwenspersonen.selectors.rijksbrede_tellingen``,
one query); the table of all ministries of the year × categories is shielded along its rows
and columns at once (``telling.tabel``, ADR 0013), so every page shows the same cells hidden
and a ministry's row cannot be completed from the totals. The dashboard shows a ministry's
total only; the ministry page its row by category.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from integriteit.organisaties.models import Organisatie
from integriteit.vertrouwenspersonen import telling
from integriteit.vertrouwenspersonen.constants import Categorie
from integriteit.vertrouwenspersonen.selectors import rijksbrede_tellingen


@dataclass(frozen=True)
class Vpcijfers:
    per_ministerie: dict[int, telling.Tabelrij] = field(default_factory=dict)
    kolomtotalen: tuple[telling.Cel, ...] = ()
    totaal: telling.Cel | None = None

    def van(self, organisatie_id: int) -> telling.Tabelrij | None:
        return self.per_ministerie.get(organisatie_id)


def vpcijfers(*, jaar: int, ministeries: list[Organisatie]) -> Vpcijfers:
    tellingen = rijksbrede_tellingen(jaar=jaar, ministerie_lijst=ministeries)
    rijen, kolomtotalen, totaal = telling.tabel(
        [(m.code, m.naam) for m in ministeries],
        [(str(c), str(label)) for c, label in Categorie.choices],
        tellingen,
    )
    by_code = {m.code: m.pk for m in ministeries}
    return Vpcijfers(
        per_ministerie={by_code[r.code]: r for r in rijen},
        kolomtotalen=tuple(kolomtotalen),
        totaal=totaal,
    )
