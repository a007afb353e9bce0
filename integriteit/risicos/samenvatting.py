"""The state of an organisation's risk analysis in one record, for other modules (the policy
cycle's "samenhang" page, the assessment evidence, later the BZK dashboard)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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
    raise NotImplementedError  # filled in by the risicos app (issue 7)
