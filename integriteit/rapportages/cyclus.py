"""Completeness of the risk analysis and the policy cycle per ministry, for the dashboard.

"Compleet" asks only whether each link of the chain exists (report §3.3, norms 1, 2, 15): a
risk analysis that is adopted ("vastgesteld") and at most three years old, a policy with a
vision and at least one goal, and an evaluation in the last four years. Whether the links
are also *in order* (current instruments, goals with values, actions in time) is the
"samenhang" of ``beleid.samenhang``, which the ministry page shows in full. Two queries for
all ministries, read-only on the risk analysis and policy records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max, Q

from integriteit.beleid.models import Beleid, maanden_later
from integriteit.organisaties.models import Organisatie
from integriteit.rapportages.constants import EVALUATIE_JAREN, RISICOANALYSE_JAREN
from integriteit.risicos.constants import AnalyseStatus
from integriteit.risicos.models import Risicoanalyse


@dataclass(frozen=True)
class Cyclusstand:
    peildatum: date
    risicoanalyse_datum: date | None = None
    risicoanalyse_vastgesteld: bool = False
    heeft_beleid: bool = False
    heeft_visie: bool = False
    doelen: int = 0
    laatste_evaluatie: date | None = None

    @property
    def risicoanalyse_actueel(self) -> bool:
        """An adopted risk analysis of at most three years old on the reference date."""
        grens = maanden_later(self.peildatum, -12 * RISICOANALYSE_JAREN)
        datum = self.risicoanalyse_datum
        return self.risicoanalyse_vastgesteld and datum is not None and datum >= grens

    @property
    def evaluatie_recent(self) -> bool:
        grens = maanden_later(self.peildatum, -12 * EVALUATIE_JAREN)
        return self.laatste_evaluatie is not None and self.laatste_evaluatie >= grens

    @property
    def beleid_compleet(self) -> bool:
        return self.heeft_visie and self.doelen > 0

    @property
    def compleet(self) -> bool:
        return self.risicoanalyse_actueel and self.beleid_compleet and self.evaluatie_recent


def cyclusstanden(*, ministeries: list[Organisatie], peildatum: date) -> dict[int, Cyclusstand]:
    ids = [m.pk for m in ministeries]
    analyses: dict[int, tuple[date, bool]] = {}
    for org_id, datum, status in (
        Risicoanalyse.objects.filter(organisatie_id__in=ids, datum__lte=peildatum)
        .order_by("organisatie_id", "-datum", "-pk")
        .values_list("organisatie_id", "datum", "status")
    ):
        analyses.setdefault(org_id, (datum, status == AnalyseStatus.VASTGESTELD))
    beleid = {
        row["organisatie_id"]: row
        for row in Beleid.objects.filter(organisatie_id__in=ids)
        .annotate(
            n_doelen=Count("doelen", distinct=True),
            laatste=Max("evaluaties__datum", filter=Q(evaluaties__datum__lte=peildatum)),
        )
        .values("organisatie_id", "visie", "n_doelen", "laatste")
    }
    uit = {}
    for m in ministeries:
        analyse = analyses.get(m.pk)
        b = beleid.get(m.pk)
        uit[m.pk] = Cyclusstand(
            peildatum=peildatum,
            risicoanalyse_datum=analyse[0] if analyse else None,
            risicoanalyse_vastgesteld=bool(analyse and analyse[1]),
            heeft_beleid=b is not None,
            heeft_visie=bool(b and str(b["visie"]).strip()),
            doelen=int(b["n_doelen"]) if b else 0,
            laatste_evaluatie=b["laatste"] if b else None,
        )
    return uit
