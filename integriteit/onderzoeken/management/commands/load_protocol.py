from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from integriteit.common.yaml_lines import MAX_BYTES
from integriteit.onderzoeken.protocollen import protocol_laden
from integriteit.organisaties.models import Organisatie


class Command(BaseCommand):
    help = (
        "Laadt het aangescherpte onderzoeksprotocol van een organisatie uit een YAML-bestand "
        "en maakt het het actieve protocol; lopende onderzoeken houden hun protocol. Een "
        "bestand met fouten wordt niet geladen: alle fouten komen op stderr en de exitcode is 1."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, metavar="BESTAND", help="YAML-bestand")
        parser.add_argument(
            "--organisation",
            required=True,
            metavar="CODE",
            help="Code van de organisatie, bijvoorbeeld OCW.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        code: str = options["organisation"]
        organisatie = Organisatie.objects.filter(code=code).first()
        if organisatie is None:
            self.stderr.write(_("Er is geen organisatie met de code %(code)s.") % {"code": code})
            sys.exit(1)
        try:
            with path.open("rb") as file:
                # One byte more than allowed, so that the reader can refuse a file too big.
                data = file.read(MAX_BYTES + 1)
        except OSError as exc:
            message = _("%(pad)s: kan het bestand niet lezen (%(reden)s).")
            self.stderr.write(message % {"pad": path, "reden": exc.strerror})
            sys.exit(1)
        try:
            protocol, nieuw = protocol_laden(
                organisatie=organisatie, data=data, filename=str(path), door=None
            )
        except ValidationError as exc:
            self.stderr.write(_("Niet geladen; niets is opgeslagen:"))
            for message in exc.messages:
                self.stderr.write(f"- {message}")
            sys.exit(1)
        values = {"protocol": protocol, "organisatie": organisatie.code}
        if nieuw:
            message = _("Geladen: %(protocol)s, nu het actieve protocol van %(organisatie)s.")
        else:
            message = _("Al aanwezig: %(protocol)s, het actieve protocol van %(organisatie)s.")
        self.stdout.write(message % values)
