"""Reads of the investigations module: which cases a user sees, the user's roles in one case,
the cases of a report, and the statistics of measures (metadata only, never content).

Who sees which cases: the organisation's coordinators (``ONDERZOEK_OPENEN`` in scope) all
cases of the organisations in their scope, as metadata; a competent authority and an
investigator only the cases they take part in. Everyone needs ``ONDERZOEK_REGISTER``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Count, Max, Q, QuerySet

from integriteit.accounts.selectors import gebruiker_has_capability, scope_for
from integriteit.common.permissions import Capability
from integriteit.meldingen.models import Melding
from integriteit.meldingen.statistiek import KLEINE_AANTALLEN
from integriteit.onderzoeken._hulp import UITKOMST_VEREISTE
from integriteit.onderzoeken.constants import ZAAKROLLEN_GEBRUIKER
from integriteit.onderzoeken.models import Deelnemer, Maatregel, Onderzoek
from integriteit.organisaties.models import Organisatie

K = TypeVar("K")
KLEIN = "<5"


def onderzoek_list(*, gebruiker: Any) -> QuerySet[Onderzoek]:
    """The cases ``gebruiker`` may see (metadata)."""
    if not gebruiker_has_capability(gebruiker=gebruiker, capability=Capability.ONDERZOEK_REGISTER):
        return Onderzoek.objects.none()
    scope = scope_for(gebruiker=gebruiker, capability=Capability.ONDERZOEK_OPENEN)
    deelname = Deelnemer.objects.filter(
        gebruiker_id=gebruiker.pk, rol__in=sorted(ZAAKROLLEN_GEBRUIKER)
    ).values("onderzoek_id")
    condition = Q(pk__in=deelname)
    if not scope.is_empty:
        condition |= scope.q(prefix="organisatie__")
    return Onderzoek.objects.filter(condition).select_related("organisatie", "protocol")


def onderzoek_get(*, gebruiker: Any, pk: Any) -> Onderzoek | None:
    """One case, or None when ``gebruiker`` may not see it (the view answers 404)."""
    try:
        return onderzoek_list(gebruiker=gebruiker).filter(pk=pk).first()
    except (TypeError, ValueError):
        return None


def rollen_van(onderzoek: Onderzoek, gebruiker: Any) -> set[str]:
    """The staff roles of ``gebruiker`` in ``onderzoek`` (bevoegd gezag, onderzoeker,
    coördinator)."""
    if not getattr(gebruiker, "pk", None):
        return set()
    return set(
        Deelnemer.objects.filter(
            onderzoek=onderzoek, gebruiker_id=gebruiker.pk, rol__in=sorted(ZAAKROLLEN_GEBRUIKER)
        ).values_list("rol", flat=True)
    )


def is_deelnemer(onderzoek: Onderzoek, gebruiker: Any) -> bool:
    return bool(rollen_van(onderzoek, gebruiker))


def onderzoeken_van_melding(melding: Melding) -> QuerySet[Onderzoek]:
    """The investigations that came from ``melding`` (for the registry)."""
    return melding.onderzoeken.order_by("geopend_op", "nummer")


# --- statistics of measures (norm 14) ---------------------------------------------------------


def klein_afschermen(aantal: int) -> int | str:
    """A count shown outside the organisation: 1 to 4 becomes "<5" (0 stays 0)."""
    return KLEIN if 0 < aantal < KLEINE_AANTALLEN else aantal


def tellingen_afschermen(tellingen: Mapping[K, int]) -> dict[K, int | str]:
    return {sleutel: klein_afschermen(aantal) for sleutel, aantal in tellingen.items()}


@dataclass(frozen=True)
class MaatregelStatistiek:
    """Plain counts. ``per_soort``: (violation type, measure code) → measures;
    ``per_uitkomst``: outcome → decided cases; ``per_maatregel``: measure code → measures;
    ``geopend`` / ``afgesloten``: cases opened / closed."""

    per_soort: dict[tuple[str, str], int]
    per_uitkomst: dict[str, int]
    per_maatregel: dict[str, int]
    #: Cases opened / closed (in the year, when one is given).
    geopend: int = 0
    afgesloten: int = 0

    def afgeschermd(self) -> dict[str, dict[Any, int | str]]:
        """The same counts with 1–4 shown as "<5", for readers outside the organisation."""
        return {
            "per_soort": dict(tellingen_afschermen(self.per_soort)),
            "per_uitkomst": dict(tellingen_afschermen(self.per_uitkomst)),
            "per_maatregel": dict(tellingen_afschermen(self.per_maatregel)),
        }


def _binnen(organisaties: Iterable[Organisatie], prefix: str) -> Q:
    condition = Q(pk__in=[])
    for organisatie in organisaties:
        condition |= Q(**{f"{prefix}pad__startswith": organisatie.pad})
    return condition


def maatregel_statistiek(
    *, organisaties: Iterable[Organisatie], jaar: int | None = None
) -> MaatregelStatistiek:
    """Counts of measures by violation type × kind of measure, of decided cases by outcome,
    and of cases opened and closed, over the cases of ``organisaties`` and their units. With
    ``jaar``: measures dated in that year, cases decided in it (the newest registration of the
    outcome), opened in it, closed in it. Five queries."""
    lijst = list(organisaties)
    maatregelen = Maatregel.objects.filter(_binnen(lijst, "onderzoek__organisatie__"))
    onderzoeken = Onderzoek.objects.filter(_binnen(lijst, "organisatie__"))
    besloten = onderzoeken.exclude(uitkomst="")
    geopend, afgesloten = onderzoeken, onderzoeken.filter(afgesloten_op__isnull=False)
    if jaar is not None:
        maatregelen = maatregelen.filter(datum__year=jaar)
        besloten = besloten.annotate(
            besloten_op=Max(
                "registraties__geregistreerd_op",
                filter=Q(registraties__vereiste=UITKOMST_VEREISTE),
            )
        ).filter(besloten_op__year=jaar)
        geopend = geopend.filter(geopend_op__year=jaar)
        afgesloten = afgesloten.filter(afgesloten_op__year=jaar)
    per_soort = {
        (rij["onderzoek__soort"], rij["soort__code"]): rij["n"]
        for rij in maatregelen.values("onderzoek__soort", "soort__code")
        .annotate(n=Count("pk"))
        .order_by()
    }
    per_maatregel = {
        rij["soort__code"]: rij["n"]
        for rij in maatregelen.values("soort__code").annotate(n=Count("pk")).order_by()
    }
    per_uitkomst: dict[str, int] = {}
    for uitkomst in besloten.values_list("uitkomst", flat=True).order_by():
        per_uitkomst[uitkomst] = per_uitkomst.get(uitkomst, 0) + 1
    return MaatregelStatistiek(
        per_soort=per_soort,
        per_uitkomst=per_uitkomst,
        per_maatregel=per_maatregel,
        geopend=geopend.count(),
        afgesloten=afgesloten.count(),
    )
