from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.plugins.otp_totp.models import TOTPDevice

from integriteit.accounts.demo import DEMO_USERS
from integriteit.accounts.models import Gebruiker
from integriteit.accounts.totp import current_code, provisioning_uri, seconds_left


class Command(BaseCommand):
    help = "Toont de huidige tweestapscode (TOTP) van een demogebruiker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="Gebruikersnaam van een demogebruiker.")
        parser.add_argument("--uri", action="store_true", help="Toon de otpauth-link.")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"]
        # Only demo users: for real accounts the secret belongs on the user's phone alone.
        if username not in {spec.username for spec in DEMO_USERS}:
            raise CommandError(f"‘{username}’ is geen demogebruiker.")
        gebruiker = Gebruiker.objects.filter(username=username).first()
        device = TOTPDevice.objects.filter(user=gebruiker, confirmed=True).first()
        if gebruiker is None or device is None:
            raise CommandError(
                f"‘{username}’ heeft (nog) geen tweestapsverificatie; draai eerst "
                "'integriteit demo'."
            )
        if options["uri"]:
            self.stdout.write(provisioning_uri(device))
            return
        self.stdout.write(f"{current_code(gebruiker)}  (nog {seconds_left(device)} s geldig)")
