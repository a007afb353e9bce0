"""Seed the list of measures (norm 14): the disciplinary measures of the civil service rules
for the Rijk (ARAR, art. 81) and the non-disciplinary outcomes. Idempotent (by code); the
reverse leaves the rows (measures registered on cases point at them)."""

from typing import Any

from django.db import migrations

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


def zaaien(apps: Any, schema_editor: Any) -> None:
    Maatregelsoort = apps.get_model("onderzoeken", "Maatregelsoort")
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


class Migration(migrations.Migration):
    dependencies = [("onderzoeken", "0001_onderzoeken")]

    operations = [migrations.RunPython(zaaien, migrations.RunPython.noop)]
