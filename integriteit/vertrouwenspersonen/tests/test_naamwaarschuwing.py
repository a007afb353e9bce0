"""The name warning, without a database: what it finds, and what it leaves alone."""

from __future__ import annotations

import pytest

from integriteit.vertrouwenspersonen.naamwaarschuwing import (
    AANSPREEKVORM,
    EMAIL,
    NAAM,
    TELEFOON,
    samenvatting,
    vind_namen,
)


@pytest.mark.parametrize(
    ("tekst", "soort", "gevonden"),
    [
        ("Graag contact via p.jansen@minocw.nl over de kwestie.", EMAIL, "p.jansen@minocw.nl"),
        ("Bel 06-12345678 terug.", TELEFOON, "06-12345678"),
        ("Bel 0612345678 terug.", TELEFOON, "0612345678"),
        ("Nummer: +31 6 1234 5678.", TELEFOON, "+31 6 1234 5678"),
        ("Nummer: +31 (0)70 123 4567.", TELEFOON, "+31 (0)70 123 4567"),
        ("Haar nummer is 070-1234567.", TELEFOON, "070-1234567"),
        ("Gesprek met dhr. Pietersen over zijn leidinggevende.", AANSPREEKVORM, "dhr. Pietersen"),
        ("Mevrouw De Wit voelt zich buitengesloten.", AANSPREEKVORM, "Mevrouw De Wit"),
        ("Volgens mevr. Bakker gebeurde het vaker.", AANSPREEKVORM, "mevr. Bakker"),
        ("Het ging over collega Anouk en het team.", AANSPREEKVORM, "collega Anouk"),
        ("Zij noemde meneer Van den Berg.", AANSPREEKVORM, "meneer Van den Berg"),
        ("J. de Vries kwam langs.", NAAM, "J. de Vries"),
        ("Het gesprek met Jan Jansen was lastig.", NAAM, "Jan Jansen"),
        ("Daarna belde Piet van der Berg nog.", NAAM, "Piet van der Berg"),
    ],
)
def test_vindt_wat_op_een_persoon_lijkt(tekst: str, soort: str, gevonden: str) -> None:
    vondsten = vind_namen(tekst)
    assert (soort, gevonden) in [(v.soort, v.tekst) for v in vondsten]


@pytest.mark.parametrize(
    "tekst",
    [
        "",
        "Medewerker voelt zich buitengesloten door het team. Leidinggevende reageert niet.",
        "Het gesprek ging over de Raad van State en het Ministerie van Financiën.",
        "In Utrecht was op 12-03-2026 een bijeenkomst met 25 mensen.",
        "Afspraak op 12 maart 2026, duur 45 minuten, bedrag 1250000 euro.",
        "Een medewerker van DG Cultuur en Media vroeg advies over de Algemene Rekenkamer.",
        "Bij Financiën speelt iets rond declaraties.",
        "Advies gegeven over de meldregeling en het Huis voor Klokkenluiders.",
        "Overleg met de secretaris-generaal op Dinsdag 4 maart over de Gedragscode.",
        "Vermoeden van belangenverstrengeling bij een aanbesteding; doorverwezen naar de "
        "integriteitscoördinator.",
        "Zie het Kader Uniforme Basiseisen Vertrouwenspersonen voor de opleiding.",
    ],
)
def test_gewone_zinnen_geven_geen_waarschuwing(tekst: str) -> None:
    assert vind_namen(tekst) == []


def test_elke_vondst_een_keer_en_samenvatting_noemt_ze() -> None:
    vondsten = vind_namen("Mail a@b.nl, nogmaals a@b.nl, en sprak met Jan Jansen.")
    assert [v.tekst for v in vondsten] == ["a@b.nl", "Jan Jansen"]
    assert samenvatting(vondsten) == f"{EMAIL} ‘a@b.nl’, {NAAM} ‘Jan Jansen’"


def test_een_datum_of_jaartal_is_geen_telefoonnummer() -> None:
    assert vind_namen("Periode 2025-2026, gesprek op 01-02-2026 en 2026-02-01.") == []
