"""Fixed choices of the government-wide dashboard and the talking points (ADR 0018)."""

from __future__ import annotations

from integriteit.normenkader.constants import Soort

#: The level that meets a norm, and the levels that do not (ark-2024 scale).
VOLDOET = "voldoet"
NIET_VOLDAAN: frozenset[str] = frozenset({"stap", "kleine-stap"})

#: Which final assessment of a cycle counts when a ministry has several: the independent
#: ones first (the auditor's, then the coordinator's), then the self-assessment.
SOORT_VOORKEUR: tuple[str, ...] = (Soort.AUDITOR, Soort.COORDINATOR, Soort.ZELFEVALUATIE)

#: The survey scale the dashboard shows per ministry: the experienced integrity culture,
#: which the report (ch. 4) relates to exemplary behaviour (r = 0.6).
KERNSCHAAL = "cultuur"

#: Key items of the ``ark-2023`` questionnaire, each one the report discusses (figure 6,
#: footnote 3, figure 9, §4.5). Items missing from a questionnaire are skipped.
KERNITEMS: tuple[str, ...] = (
    "vb_goed_voorbeeld",
    "cul_vrij_bespreken",
    "cul_dilemma",
    "dep_voorkomen",
    "mel_veilig",
)

#: A risk analysis older than this (years) is not current (as on the policy "samenhang" page).
RISICOANALYSE_JAREN = 3
#: Without an evaluation in this many years the policy cycle is not closed (norm 15).
EVALUATIE_JAREN = 4

#: The first year the year selector offers (the report's assessments are of 2023).
EERSTE_JAAR = 2020
