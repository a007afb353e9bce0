"""The state of an organisation's risk analysis in one record, for other modules (the policy
cycle's "samenhang" page, the assessment evidence, later the BZK dashboard)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from integriteit.organisaties.models import Organisatie


@dataclass(frozen=True)
class AnalyseSamenvatting:
    pk: int
    organisatie_id: int
    titel: str
    datum: date
    #: Labels of the methods used (workshop, enquête, interviews, documentstudie).
    methoden: tuple[str, ...]
    #: Did employees take part (a workshop or interviews with staff, or a survey wave)?
    medewerkers_betrokken: bool
    aantal_risicos: int
    #: Risks whose residual score falls in the matrix's highest band.
    aantal_hoog_restrisico: int
    #: Risks in the highest inherent band without any control measure.
    hoog_zonder_maatregel: int
    maatregelen_open: int
    maatregelen_te_laat: int
    kwetsbare_functies: int
    #: Is the analysis finished ("vastgesteld"), not a draft?
    vastgesteld: bool


def analyse_samenvatting(
    *, organisatie: Organisatie, peildatum: date | None = None
) -> AnalyseSamenvatting | None:
    """The newest risk analysis of ``organisatie`` itself dated on or before ``peildatum``
    (today when None), or None when there is none. Not scoped: callers check who may see it.
    """
    from integriteit.risicos.constants import METHODEN_MET_MEDEWERKERS, Methode
    from integriteit.risicos.matrix import Band
    from integriteit.risicos.models import Risicoanalyse
    from integriteit.risicos.selectors import register
    from integriteit.risicos.stappen import hoog_zonder_maatregel

    dag = peildatum or timezone.localdate()
    analyse = (
        Risicoanalyse.objects.filter(organisatie=organisatie, datum__lte=dag)
        .order_by("-datum", "-pk")
        .first()
    )
    if analyse is None:
        return None
    risicos = register(analyse=analyse)
    maatregelen = [m for r in risicos for m in r.maatregelen.all()]
    labels = dict(Methode.choices)
    return AnalyseSamenvatting(
        pk=analyse.pk,
        organisatie_id=analyse.organisatie_id,
        titel=analyse.titel,
        datum=analyse.datum,
        methoden=tuple(str(labels[m]) for m in analyse.methoden if m in labels),
        medewerkers_betrokken=bool(METHODEN_MET_MEDEWERKERS & set(analyse.methoden))
        or analyse.golf_id is not None,
        aantal_risicos=len(risicos),
        aantal_hoog_restrisico=sum(1 for r in risicos if r.rest_band == Band.HOOG),
        hoog_zonder_maatregel=len(hoog_zonder_maatregel(risicos)),
        maatregelen_open=sum(1 for m in maatregelen if m.is_open),
        maatregelen_te_laat=sum(1 for m in maatregelen if m.te_laat_op(dag)),
        kwetsbare_functies=analyse.kwetsbare_functies.count(),
        vastgesteld=analyse.is_vastgesteld,
    )
