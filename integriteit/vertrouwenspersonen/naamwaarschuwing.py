"""The name warning: what in a free text looks like it points at a person (ADR 0013).

The contact log, meeting notes, observations and recommendations must name nobody. Before
such a text is saved, :func:`vind_namen` looks for e-mail addresses, Dutch phone numbers,
forms of address followed by a capitalised word ("dhr. Jansen", "mevrouw De Wit",
"collega Pieter"), initials before a surname ("J. de Vries") and pairs of capitalised words
that are not simply the start of a sentence ("sprak met Jan Jansen"). The writer then has to
confirm that the text names nobody, or take the name out.

It is a warning, not a filter: it will miss names written in lower case or a single surname
("sprak met Jansen"), and some organisation names of two words set in capitals. Words that
often start such names (Ministerie, Raad, Dienst, …) and place names in common use are known
and not reported. Pure Python, no database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

EMAIL = "e-mailadres"
TELEFOON = "telefoonnummer"
AANSPREEKVORM = "aanspreekvorm"
NAAM = "naam"

_HOOFD = r"[A-ZÀ-ÖØ-Þ]"
_KLEIN = r"[a-zß-öø-ÿ]"
_WOORD = rf"{_HOOFD}{_KLEIN}+(?:-{_HOOFD}?{_KLEIN}+)?"
_TUSSEN = r"(?:(?i:van|de|der|den|ter|ten|te|het|in 't|'t|la|le|du|op|d')\s+)"
_NAAMDEEL = rf"{_TUSSEN}*{_WOORD}"

_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TELEFOON_RE = re.compile(r"(?<![\w+])(?:\+|00)?\(?\d[\d\s\-().]{7,}\d(?!\w)")
_TITELS = r"dhr|mevr|mw|mr|dr|drs|ir|ing|prof|mej"
_AANSPREEK_RE = re.compile(
    rf"(?:\b(?i:{_TITELS})\.?\s+|\b(?i:meneer|mevrouw|de heer|juffrouw|collega|mijnheer)\s+)"
    rf"(?:(?:[A-Z]\.)+\s*)?{_NAAMDEEL}"
)
_INITIALEN_RE = re.compile(rf"(?<![\w.])(?:[A-Z]\.){{1,4}}\s?{_NAAMDEEL}")
_PAAR_RE = re.compile(rf"(?<![\w-])({_WOORD})\s+({_TUSSEN}*)({_WOORD})")
_ZINSGRENS_RE = re.compile(r"(?:^|[.!?:;]\s+|\n\s*|[\"'‘“(]\s*)$")

#: Capitalised words that usually belong to names of organisations, places, days and the like,
#: not of persons: a pair containing one is not reported.
GEEN_PERSOON: frozenset[str] = frozenset(
    (
        "ministerie",
        "ministeries",
        "raad",
        "state",
        "dienst",
        "directie",
        "directoraat",
        "rijk",
        "rijks",
        "rijksoverheid",
        "rijksdienst",
        "den",
        "haag",
        "amsterdam",
        "rotterdam",
        "utrecht",
        "groningen",
        "nederland",
        "nederlandse",
        "europese",
        "unie",
        "algemene",
        "rekenkamer",
        "tweede",
        "eerste",
        "kamer",
        "kabinet",
        "koninkrijk",
        "koninklijke",
        "huis",
        "klokkenluiders",
        "inspectie",
        "autoriteit",
        "bureau",
        "centrum",
        "team",
        "afdeling",
        "onderwijs",
        "cultuur",
        "wetenschap",
        "financiën",
        "binnenlandse",
        "buitenlandse",
        "zaken",
        "justitie",
        "veiligheid",
        "defensie",
        "belastingdienst",
        "douane",
        "politie",
        "openbaar",
        "ministerie",
        "staat",
        "provincie",
        "gemeente",
        "waterschap",
        "vertrouwenspersoon",
        "vertrouwenspersonen",
        "integriteit",
        "integriteitscoördinator",
        "bevoegd",
        "gezag",
        "secretaris",
        "generaal",
        "directeur",
        "minister",
        "staatssecretaris",
        "kader",
        "uniforme",
        "basiseisen",
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
        "kerst",
        "pasen",
        "pinksteren",
        "arbodienst",
        "bedrijfsarts",
        "personeelszaken",
        "juridische",
        "communicatie",
        "financieel",
        "economische",
        "hoofd",
        "programma",
        "project",
        "wet",
        "regeling",
        "beleid",
        "protocol",
        "gedragscode",
    )
)

#: Words that often open a sentence and may be followed by a capitalised proper noun
#: ("In Utrecht", "Bij Financiën"): at a sentence start, such a pair is not a name.
ZINSBEGIN: frozenset[str] = frozenset(
    (
        "de",
        "het",
        "een",
        "in",
        "bij",
        "op",
        "met",
        "voor",
        "naar",
        "van",
        "over",
        "na",
        "als",
        "toen",
        "omdat",
        "ook",
        "dan",
        "daarna",
        "gisteren",
        "vandaag",
        "morgen",
        "volgens",
        "tijdens",
        "door",
        "uit",
        "aan",
        "om",
        "zij",
        "hij",
        "wij",
        "ze",
        "ik",
        "u",
        "er",
        "dit",
        "dat",
        "deze",
        "die",
        "wat",
        "wie",
        "waar",
        "hoe",
        "mijn",
        "zijn",
        "haar",
        "onze",
        "hun",
        "elke",
        "iedere",
        "alle",
        "veel",
        "sommige",
        "geen",
        "binnen",
        "buiten",
        "sinds",
        "tot",
        "tussen",
        "zonder",
        "via",
        "namens",
        "vanuit",
        "per",
        "rond",
        "eind",
        "begin",
        "medio",
        "afgelopen",
        "vorige",
        "volgende",
        "komende",
        "nadat",
        "voordat",
        "hoewel",
        "maar",
        "en",
        "of",
        "want",
        "dus",
        "toch",
        "nog",
        "wel",
        "niet",
        "mede",
    )
)


@dataclass(frozen=True)
class Vondst:
    """Something in the text that may point at a person: its kind and the text found."""

    soort: str
    tekst: str


def _is_telefoon(kandidaat: str) -> bool:
    """A Dutch number: ten digits from a leading 0 (+31 and 0031 count as that 0)."""
    cijfers = re.sub(r"\D", "", kandidaat)
    if kandidaat.lstrip("(").startswith("+") and cijfers.startswith("31"):
        cijfers = "0" + cijfers[2:]
    elif cijfers.startswith("0031"):
        cijfers = "0" + cijfers[4:]
    if cijfers.startswith("00"):  # "+31 (0)6 …"
        cijfers = cijfers[1:]
    return len(cijfers) == 10 and cijfers[0] == "0" and cijfers[1] != "0"


def _zinsbegin(tekst: str, positie: int) -> bool:
    return bool(_ZINSGRENS_RE.search(tekst[:positie]))


def _paren(tekst: str) -> list[str]:
    gevonden: list[str] = []
    for match in _PAAR_RE.finditer(tekst):
        eerste, tussen, tweede = match.group(1), match.group(2), match.group(3)
        woorden = {eerste.lower(), tweede.lower(), *(d.lower() for d in eerste.split("-"))}
        if woorden & GEEN_PERSOON:
            continue
        if _zinsbegin(tekst, match.start()) and eerste.lower() in ZINSBEGIN:
            continue
        gevonden.append(f"{eerste} {tussen}{tweede}".replace("  ", " "))
    return gevonden


def _kandidaten(tekst: str) -> list[tuple[str, str]]:
    """(kind, text) of everything that may be a person, e-mail addresses first."""
    uit = [(EMAIL, m.group(0)) for m in _EMAIL_RE.finditer(tekst)]
    rest = _EMAIL_RE.sub(" ", tekst)
    uit += [
        (TELEFOON, m.group(0).strip(" -.()"))
        for m in _TELEFOON_RE.finditer(rest)
        if _is_telefoon(m.group(0))
    ]
    uit += [(AANSPREEKVORM, m.group(0)) for m in _AANSPREEK_RE.finditer(rest)]
    uit += [(NAAM, m.group(0)) for m in _INITIALEN_RE.finditer(rest)]
    eerder = [t for _s, t in uit]
    uit += [(NAAM, paar) for paar in _paren(rest) if not any(paar in t for t in eerder)]
    return uit


def vind_namen(tekst: str) -> list[Vondst]:
    """What in ``tekst`` looks like a person, in order of kind, each text once."""
    vondsten: list[Vondst] = []
    gezien: set[str] = set()
    for soort, gevonden in _kandidaten(tekst or ""):
        gevonden = " ".join(gevonden.split())
        if gevonden and gevonden not in gezien:
            gezien.add(gevonden)
            vondsten.append(Vondst(soort=soort, tekst=gevonden))
    return vondsten


def samenvatting(vondsten: list[Vondst]) -> str:
    """The findings as one Dutch phrase for a warning: "e-mailadres ‘a@b.nl’, naam ‘Jan Jansen’"."""
    return ", ".join(f"{v.soort} ‘{v.tekst}’" for v in vondsten)
