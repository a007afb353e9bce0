"""Synthetic responses to the employee survey ``ark-2023`` (issue 4, item 6).

The report ("Integriteit als basis", Algemene Rekenkamer 2024) publishes no microdata, only
percentages and two correlations. :func:`generate_survey` draws respondents from a
latent-variable model calibrated so that *analysing* the draw with
``analysis.report.survey_analyze`` reproduces those figures within sampling error. The data
are synthetic and must be labelled as such wherever they are shown.

Model
-----
* Respondents are spread over the leaf units of the demo tree
  (``organisaties/fixtures/demo_organisaties.csv``, units valid on 6 November 2023, i.e. the
  12 ministries before the EZK split) with probability proportional to headcount, so the
  ministries get responses in proportion to their (leaf) headcount. :class:`Profile`
  ``ark-2023`` holds the wave's figures: 20,144 invitations over the 12 ministries, 22.3 %
  response (summary, "Enquête rijksambtenaren"; appendix B3.1), hence n = 4,492 by default;
  ``Profile.invitations_per_ministry`` spreads the invitations by largest remainder.
* Each respondent has seven standard-normal latent factors (``FACTORS``: communicatie,
  bekendheid, cultuur, voorbeeldgedrag, inzet_departement, meldklimaat, risico) with the
  correlation matrix ``latent_correlation()``. A share ``unit_icc`` = 4 % of every factor's
  variance lies between units (unit effects with the same correlations, centred on the
  headcount-weighted mean), so units differ a little, as talk sheets need.
* An ordinal item is ``y = λ·factor + √(1−λ²)·ε`` cut at thresholds onto the codes
  (``ITEM_MODELS``). "Weet niet" (and other codes outside the ordered ones) is drawn
  independently of ``y`` with its own share; the thresholds of the ordered codes are the
  normal quantiles of their cumulative shares among the rest. Because ``y`` is standard normal,
  the expected share of every code equals its target (``Ordinal.shares``). Reversed items
  (``dep_na_incident``) have a negative loading.
* Routing follows the questionnaire's ``ask_if``: a follow-up is drawn only where the
  condition holds and is empty (NaN) elsewhere; the manager items only for
  ``leidinggevende`` = 1 (15 % of respondents), ``role`` = leidinggevende / medewerker
  accordingly. The follow-up ``mel_gemeld`` is thresholded at the empirical quantiles of
  those asked (``rank``), because they are a selected group whose latent values are no longer
  standard normal. ``mel_reden`` (several answers): each reason is chosen when its own latent
  value (driven by a poor reporting climate for the culture reasons) exceeds a threshold;
  whoever would choose none gets the reason nearest its threshold. Free text is empty.

Calibration (targets from the report; figures measured with seed 1, n = 20,000, in
``tests/test_synthetic.py``)
-----------
* 4.3, figure 6: 76 % (volledig) eens "mijn leidinggevende geeft het goede voorbeeld"
  (``vb_goed_voorbeeld``: codes 4+5 = 76 %); "2 op de 3" agree there is enough opportunity to
  discuss a dilemma (``cul_dilemma``: 67 %); about half neutral or weet niet on the visible
  efforts (``vb_open_bespreken``, ``vb_aanspreken``, ``vb_steunen``: codes 3+9 = 48-52 %).
* 4.3, figure 7: integrity in (bijna) geen van de werkoverleggen 33 %
  (``cul_werkoverleg`` = 1), voortgangsgesprekken 40 % (``cul_voortgangsgesprek`` = 1).
* 4.3, figure 8, managers only: structureel 15 %, "als ik erom vraag" 53 % ("iets meer dan
  de helft"), onvoldoende 18 %, weet niet 14 % (``lg_ondersteuning``).
* 4.5.2, figure 10: 11 % suspected a violation (``mel_vermoeden`` = 1); 3 % of all
  respondents reported it and 8 % did not (``mel_gemeld`` 1 / 2 among the 11 %, i.e.
  3/11 yes); reasons asked of the 8 %.
* 4.4, figure 9 (no figures given): ``dep_belangrijk`` 83 % agree, ``dep_voorkomen`` 48 %.
* 4.3, "Samenhang voorbeeldgedrag en cultuur": scale-score correlations 0.6
  (voorbeeldgedrag–cultuur) and 0.7 (communicatie–cultuur). Ordinal five-point items with
  loadings 0.75-0.8 and independent "weet niet" attenuate a latent correlation to about
  0.80 of it in the analysed scale means (alpha ≈ 0.82-0.84). The latent correlations were
  therefore set to 0.75 and 0.875 and checked by simulation (seed 1, n = 20,000: 0.60 and
  0.70; seeds 2-4: 0.59-0.60 and 0.70-0.71).
* Everything else (communication, awareness, risks, reasons) is plausible but ours: the
  report gives no figures for it.

Deterministic: one ``numpy.random.Generator(PCG64(seed))`` draws everything in a fixed order.
"""

from integriteit.medewerkersonderzoek.synthetic.model import (
    FACTORS,
    ITEM_MODELS,
    generate_survey,
    latent_correlation,
)
from integriteit.medewerkersonderzoek.synthetic.output import (
    data_columns,
    survey_response_data,
    survey_write_csv,
)
from integriteit.medewerkersonderzoek.synthetic.units import (
    PROFILES,
    Profile,
    Unit,
    demo_units,
)

__all__ = [
    "FACTORS",
    "ITEM_MODELS",
    "PROFILES",
    "Profile",
    "Unit",
    "data_columns",
    "demo_units",
    "generate_survey",
    "latent_correlation",
    "survey_response_data",
    "survey_write_csv",
]
