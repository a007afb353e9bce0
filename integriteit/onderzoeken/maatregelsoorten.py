"""The list of measures (norm 14): the disciplinary measures of the civil service rules for
the Rijk (ARAR, art. 81) and the non-disciplinary outcomes. Seeded by migration 0002 and by
the demo (a transactional test flushes seeded rows); idempotent by code."""

from __future__ import annotations

from typing import Any

ARAR = "ARAR art. 81"

#: (code, naam, disciplinair, bron)
SOORTEN = [
    ("schriftelijke_berisping", "Schriftelijke berisping", True, ARAR),
    ("vermindering_vakantieverlof", "Vermindering van vakantieverlof", True, ARAR),
    ("geldboete", "Geldboete", True, ARAR),
    (
        "geen_periodieke_verhoging",
        "Niet toekennen van een periodieke verhoging",
        True,
        ARAR,
    ),
    ("vermindering_salaris", "Vermindering van salaris", True, ARAR),
    ("overplaatsing", "Overplaatsing", True, ARAR),
    ("schorsing", "Schorsing (als straf)", True, ARAR),
    ("ontslag", "Ontslag (als straf)", True, ARAR),
    ("waarschuwing", "Mondelinge waarschuwing of aanspreken", False, ""),
    ("verbetertraject", "Verbetertraject of coaching", False, ""),
    ("functiewijziging", "Functiewijziging", False, ""),
    (
        "aangifte",
        "Aangifte bij politie of Openbaar Ministerie",
        False,
        "Wetboek van Strafvordering, art. 162",
    ),
    ("terugvordering", "Terugvordering van schade", False, ""),
    ("geen_maatregel", "Geen maatregel", False, ""),
]


def zaaien(Maatregelsoort: Any) -> None:  # noqa: N803 - a model class, current or historical
    """Create or update every kind in :data:`SOORTEN`."""
    for volgorde, (code, naam, disciplinair, bron) in enumerate(SOORTEN, start=1):
        Maatregelsoort.objects.update_or_create(
            code=code,
            defaults={
                "naam": naam,
                "disciplinair": disciplinair,
                "bron": bron,
                "volgorde": volgorde * 10,
            },
        )
