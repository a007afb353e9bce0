"""Seed the list of measures (``onderzoeken/maatregelsoorten.py``). Idempotent (by code);
the reverse leaves the rows (measures registered on cases point at them)."""

from typing import Any

from django.db import migrations

from integriteit.onderzoeken.maatregelsoorten import zaaien


def seed(apps: Any, schema_editor: Any) -> None:
    zaaien(apps.get_model("onderzoeken", "Maatregelsoort"))


class Migration(migrations.Migration):
    dependencies = [("onderzoeken", "0001_onderzoeken")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
