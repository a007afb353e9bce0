"""The latent-variable model and the draw (see the package docstring for the calibration)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
from numpy.typing import NDArray

from integriteit.medewerkersonderzoek.spec import Item, Questionnaire
from integriteit.medewerkersonderzoek.synthetic.units import PROFILES, Profile, Unit, demo_units

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

FACTORS: tuple[str, ...] = (
    "communicatie",
    "bekendheid",
    "cultuur",
    "voorbeeldgedrag",
    "inzet_departement",
    "meldklimaat",
    "risico",
)

#: Correlations between the latent factors (upper triangle, in the order of ``FACTORS``).
#: Chosen so that the *analysed* scale scores (means of 4 five-point items, "weet niet"
#: missing) correlate 0.7 (communicatie–cultuur) and 0.6 (voorbeeldgedrag–cultuur): the
#: ordinal items attenuate a latent correlation by about 0.85 (package docstring).
LATENT_CORRELATIONS: Mapping[tuple[str, str], float] = {
    ("communicatie", "bekendheid"): 0.55,
    ("communicatie", "cultuur"): 0.875,
    ("communicatie", "voorbeeldgedrag"): 0.60,
    ("communicatie", "inzet_departement"): 0.70,
    ("communicatie", "meldklimaat"): 0.60,
    ("communicatie", "risico"): -0.25,
    ("bekendheid", "cultuur"): 0.45,
    ("bekendheid", "voorbeeldgedrag"): 0.40,
    ("bekendheid", "inzet_departement"): 0.45,
    ("bekendheid", "meldklimaat"): 0.40,
    ("bekendheid", "risico"): -0.10,
    ("cultuur", "voorbeeldgedrag"): 0.75,
    ("cultuur", "inzet_departement"): 0.72,
    ("cultuur", "meldklimaat"): 0.72,
    ("cultuur", "risico"): -0.35,
    ("voorbeeldgedrag", "inzet_departement"): 0.55,
    ("voorbeeldgedrag", "meldklimaat"): 0.60,
    ("voorbeeldgedrag", "risico"): -0.30,
    ("inzet_departement", "meldklimaat"): 0.65,
    ("inzet_departement", "risico"): -0.30,
    ("meldklimaat", "risico"): -0.40,
}

EENS5_ORDER = (1, 2, 3, 4, 5)
AANDEEL5_ORDER = (1, 2, 3, 4, 5)
FREQ4_ORDER = (1, 2, 3, 4)


@dataclass(frozen=True)
class Ordinal:
    """An item answered by thresholding ``loading × factor + noise`` (variance 1).

    ``order`` lists the codes from the lowest to the highest latent value; ``shares`` gives
    the target share of every code among all who were asked. Codes not in ``order`` (weet
    niet) are drawn independently of the latent value with their share. ``rank`` thresholds
    at the empirical quantiles of the asked respondents instead of the normal quantiles: for
    follow-up questions, whose respondents are a selected, no longer standard-normal group.
    """

    factor: str
    loading: float
    order: tuple[int, ...]
    shares: Mapping[int, float]
    rank: bool = False


def _eens(factor: str, loading: float, *shares: float) -> Ordinal:
    """Shares of codes 1, 2, 3, 4, 5 and 9 (weet niet), in percent."""
    codes = (*EENS5_ORDER, 9)
    return Ordinal(factor, loading, EENS5_ORDER, dict(zip(codes, shares, strict=True)))


#: Item models of ``ark-2023``. Percentages with a source are the report's (chapter 4).
ITEM_MODELS: Mapping[str, Ordinal] = {
    "leidinggevende": Ordinal("risico", 0.0, (2, 1), {1: 15.0, 2: 85.0}),  # 15 % managers
    "com_gedragscode": _eens("communicatie", 0.80, 3, 9, 22, 45, 15, 6),
    "com_melden": _eens("communicatie", 0.80, 3, 11, 24, 41, 12, 9),
    "com_vertrouwenspersoon": _eens("communicatie", 0.80, 3, 9, 22, 43, 15, 8),
    "com_aandacht": _eens("communicatie", 0.75, 4, 14, 25, 40, 12, 5),
    "bek_gedragscode": _eens("bekendheid", 0.75, 2, 8, 20, 50, 17, 3),
    "bek_meldprocedure": _eens("bekendheid", 0.75, 4, 15, 20, 40, 16, 5),
    "bek_vertrouwenspersoon": _eens("bekendheid", 0.75, 3, 12, 15, 42, 24, 4),
    "cul_vrij_bespreken": _eens("cultuur", 0.80, 2, 6, 14, 47, 28, 3),
    "cul_dilemma": _eens("cultuur", 0.80, 2, 8, 19, 46, 21, 4),  # 4.3: "2 op de 3"
    "cul_aanspreken": _eens("cultuur", 0.75, 3, 12, 30, 38, 9, 8),
    "cul_fouten": _eens("cultuur", 0.75, 2, 7, 16, 48, 24, 3),
    # 4.3, figure 7: 33 % and 40 % "(bijna) geen"
    "cul_werkoverleg": Ordinal(
        "voorbeeldgedrag", 0.50, AANDEEL5_ORDER, {1: 33, 2: 30, 3: 12, 4: 9, 5: 5, 9: 11}
    ),
    "cul_voortgangsgesprek": Ordinal(
        "voorbeeldgedrag", 0.50, AANDEEL5_ORDER, {1: 40, 2: 22, 3: 8, 4: 10, 5: 10, 9: 10}
    ),
    # 4.4, figure 9: "het overgrote deel" agrees it is important; fewer that enough is done.
    "dep_belangrijk": _eens("inzet_departement", 0.70, 1, 3, 10, 50, 33, 3),
    "dep_voorkomen": _eens("inzet_departement", 0.75, 3, 11, 28, 38, 10, 10),
    "dep_na_incident": _eens("inzet_departement", -0.60, 5, 22, 28, 27, 8, 10),
    # 4.5.2: 11 % suspected a violation; 3 % reported it, 8 % did not (of all respondents).
    "mel_vermoeden": Ordinal("risico", 0.45, (2, 1), {1: 11, 2: 83, 9: 6}),
    "mel_gemeld": Ordinal("meldklimaat", 0.50, (2, 1), {1: 3, 2: 8}, rank=True),
    "mel_veilig": _eens("meldklimaat", 0.80, 3, 9, 22, 42, 16, 8),
    "mel_opvolging": _eens("meldklimaat", 0.80, 4, 11, 25, 38, 12, 10),
    # 4.3, figure 6: 76 % (volledig) eens; about half neutral or weet niet on the visible
    # efforts (open bespreken, aanspreken, steunen en beschermen).
    "vb_goed_voorbeeld": _eens("voorbeeldgedrag", 0.80, 2, 5, 13, 46, 30, 4),
    "vb_aanspreken": _eens("voorbeeldgedrag", 0.80, 2, 6, 30, 28, 13, 21),
    "vb_open_bespreken": _eens("voorbeeldgedrag", 0.80, 3, 9, 32, 30, 10, 16),
    "vb_steunen": _eens("voorbeeldgedrag", 0.80, 1, 4, 27, 30, 13, 25),
    # 4.3, figure 8 (managers): 15 % structureel, "iets meer dan de helft" als ik erom vraag,
    # 18 % onvoldoende, rest weet niet.
    "lg_ondersteuning": Ordinal("inzet_departement", 0.55, (3, 2, 1), {1: 15, 2: 53, 3: 18, 9: 14}),
    "lg_toegerust": _eens("voorbeeldgedrag", 0.50, 2, 8, 22, 50, 16, 2),
    # Risks per type of violation (B3.1; no figures in the report): frequentie4.
    "ris_financieel": Ordinal("risico", 0.60, FREQ4_ORDER, {1: 62, 2: 18, 3: 7, 4: 2, 9: 11}),
    "ris_belangen": Ordinal("risico", 0.65, FREQ4_ORDER, {1: 50, 2: 26, 3: 11, 4: 3, 9: 10}),
    "ris_informatie": Ordinal("risico", 0.65, FREQ4_ORDER, {1: 44, 2: 30, 3: 14, 4: 4, 9: 8}),
    "ris_communicatie": Ordinal("risico", 0.65, FREQ4_ORDER, {1: 38, 2: 32, 3: 17, 4: 6, 9: 7}),
    "ris_bevoegdheden": Ordinal("risico", 0.60, FREQ4_ORDER, {1: 58, 2: 22, 3: 8, 4: 2, 9: 10}),
    "ris_geweld": Ordinal("risico", 0.40, FREQ4_ORDER, {1: 80, 2: 5, 3: 2, 4: 1, 9: 12}),
    "ris_omgangsvormen": Ordinal("risico", 0.65, FREQ4_ORDER, {1: 34, 2: 33, 3: 20, 4: 7, 9: 6}),
    "ris_bedrijfsmiddelen": Ordinal("risico", 0.60, FREQ4_ORDER, {1: 52, 2: 26, 3: 10, 4: 3, 9: 9}),
    "ris_prive": Ordinal("risico", 0.55, FREQ4_ORDER, {1: 60, 2: 20, 3: 6, 4: 2, 9: 12}),
}

#: Reasons for not reporting (figure 10; several answers possible): share choosing each
#: option at an average reporting climate, and how strongly a poor climate raises it.
REASONS: Mapping[int, tuple[float, float]] = {
    1: (0.35, 0.50),  # niet veilig
    2: (0.30, 0.50),  # zorgen over de baan
    3: (0.40, 0.40),  # er gebeurt niets mee
    4: (0.12, 0.10),  # niet weten waar of hoe
    5: (0.30, -0.20),  # zelf opgelost of besproken
    6: (0.10, 0.0),  # anders
}

_NORMAL = NormalDist()


def latent_correlation() -> FloatArray:
    """The factor correlation matrix in the order of ``FACTORS``."""
    k = len(FACTORS)
    matrix = np.eye(k)
    for (a, b), r in LATENT_CORRELATIONS.items():
        i, j = FACTORS.index(a), FACTORS.index(b)
        matrix[i, j] = matrix[j, i] = r
    return matrix


def _draw_units(
    rng: np.random.Generator, units: list[Unit], n: int
) -> tuple[NDArray[np.int64], FloatArray]:
    """Unit index per respondent (in proportion to headcount) and unit effects with the
    factor correlations (unit variance, centred on the headcount-weighted mean)."""
    weights = np.asarray([unit.headcount for unit in units], dtype=np.float64)
    index = rng.choice(len(units), size=n, p=weights / weights.sum())
    chol = np.linalg.cholesky(latent_correlation())
    effects = rng.standard_normal((len(units), len(FACTORS))) @ chol.T
    # Deviations from the government-wide mean: centred with the headcount weights, so that
    # the few unit effects do not shift every item's shares.
    effects -= (weights / weights.sum()) @ effects
    return index.astype(np.int64), effects


def _latent(
    rng: np.random.Generator, n: int, unit_effects: FloatArray, icc: float
) -> dict[str, FloatArray]:
    """Standard-normal factors with correlation ``latent_correlation()``; a share ``icc`` of
    each factor's variance lies between units."""
    chol = np.linalg.cholesky(latent_correlation())
    within = rng.standard_normal((n, len(FACTORS))) @ chol.T
    scores = np.sqrt(1.0 - icc) * within + np.sqrt(icc) * unit_effects
    return {name: np.ascontiguousarray(scores[:, i]) for i, name in enumerate(FACTORS)}


def _ordinal(
    rng: np.random.Generator, model: Ordinal, factor: FloatArray, asked: BoolArray
) -> FloatArray:
    """Answer codes for the asked rows (NaN elsewhere); see :class:`Ordinal`."""
    n = len(factor)
    noise = rng.standard_normal(n)
    aside = rng.random(n)
    y = model.loading * factor + np.sqrt(1.0 - model.loading**2) * noise
    total = sum(model.shares.values())
    independent = {c: s / total for c, s in model.shares.items() if c not in model.order}
    ordered = np.asarray([model.shares[c] for c in model.order], dtype=np.float64)
    cumulative = np.cumsum(ordered / ordered.sum())[:-1]
    codes = np.asarray(model.order, dtype=np.float64)
    if model.rank:
        cuts = np.quantile(y[asked], cumulative) if asked.any() else cumulative
    else:
        cuts = np.asarray([_NORMAL.inv_cdf(float(p)) for p in cumulative])
    values = codes[np.searchsorted(cuts, y)]
    start = 0.0
    for code, share in independent.items():
        values[(aside >= start) & (aside < start + share)] = code
        start += share
    return np.where(asked, values, np.nan)


def _reasons(
    rng: np.random.Generator, item: Item, climate: FloatArray, asked: BoolArray
) -> dict[str, FloatArray]:
    """0/1 per option where asked; whoever would choose none gets the option nearest to its
    threshold (everyone not reporting gives at least one reason)."""
    n = len(climate)
    margins = []
    for option in item.options:
        base, slope = REASONS.get(option.code, (0.1, 0.0))
        y = -slope * climate + np.sqrt(1.0 - slope**2) * rng.standard_normal(n)
        margins.append(y - _NORMAL.inv_cdf(1.0 - base))
    margin = np.column_stack(margins)
    chosen = margin > 0
    chosen[np.arange(n), np.argmax(margin, axis=1)] = True
    return {
        f"{item.code}_{option.code}": np.where(asked, chosen[:, i].astype(np.float64), np.nan)
        for i, option in enumerate(item.options)
    }


def _asked(item: Item, columns: Mapping[str, FloatArray], n: int) -> BoolArray:
    if item.ask_if is None:
        return np.ones(n, dtype=np.bool_)
    source = columns[item.ask_if.item]
    return np.isin(source, np.asarray(item.ask_if.values, dtype=np.float64))


def generate_survey(
    *,
    questionnaire: Questionnaire,
    n: int,
    seed: int,
    units: list[Unit] | None = None,
    profile: Profile | None = None,
) -> dict[str, NDArray[np.generic]]:
    """Draw ``n`` synthetic responses: one float array per numeric data column (NaN = not
    answered / not asked), the free-text columns as empty strings, and ``unit`` (unit code)
    and ``role`` (``leidinggevende`` / ``medewerker``) as string arrays. Deterministic by
    ``seed`` (numpy ``Generator(PCG64(seed))``)."""
    profile = profile or PROFILES["ark-2023"]
    units = units if units is not None else demo_units(profile.reference_date)
    if not units:
        raise ValueError("Geen eenheden om de respondenten over te verdelen.")
    rng = np.random.Generator(np.random.PCG64(seed))
    unit_index, unit_effects = _draw_units(rng, units, n)
    factors = _latent(rng, n, unit_effects[unit_index], profile.unit_icc)
    columns: dict[str, FloatArray] = {}
    texts: dict[str, NDArray[np.str_]] = {}
    for item in questionnaire.items:
        asked = _asked(item, columns, n)
        if item.kind == "text":
            texts[item.code] = np.full(n, "", dtype=np.str_)
        elif item.kind == "multi":
            columns.update(_reasons(rng, item, factors["meldklimaat"], asked))
        else:
            model = ITEM_MODELS.get(item.code)
            if model is None:
                raise ValueError(
                    f"Geen model voor vraag '{item.code}' in het synthetische profiel."
                )
            columns[item.code] = _ordinal(rng, model, factors[model.factor], asked)
    out: dict[str, NDArray[np.generic]] = {}
    for item in questionnaire.items:
        for name in item.columns():
            out[name] = texts[name] if item.kind == "text" else columns[name]
    codes = np.asarray([unit.code for unit in units], dtype=np.str_)
    out["unit"] = codes[unit_index]
    manager = columns.get("leidinggevende", np.full(n, np.nan)) == 1
    out["role"] = np.where(manager, "leidinggevende", "medewerker").astype(np.str_)
    return out
