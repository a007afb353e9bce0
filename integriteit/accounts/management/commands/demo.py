from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from integriteit.accounts.demo import demo_load
from integriteit.common.roles import Rol


class Command(BaseCommand):
    help = "Migreert de database en laadt de demowereld (idempotent); toont de demo-logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Ook met productie-instellingen laden (de demowachtwoorden zijn openbaar!).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if getattr(settings, "SESSION_COOKIE_SECURE", False) and not options["force"]:
            raise CommandError(
                "Dit zijn productie-instellingen: de demowereld heeft openbare wachtwoorden. "
                "Gebruik --force als u dit echt wilt."
            )
        call_command("migrate", interactive=False, verbosity=0)
        logins = demo_load()
        out = self.stdout
        port = os.environ.get("PORT", "8000")
        out.write(self.style.SUCCESS(f"Demowereld geladen. Inloggen op http://127.0.0.1:{port}/"))
        out.write("")
        out.write(f"{'gebruikersnaam':<24} {'rol':<26} {'organisatie':<12} tweestaps")
        for login in logins:
            rol = str(Rol(login.rol).label)
            out.write(
                f"{login.username:<24} {rol:<26} {login.organisatie:<12} "
                f"{'ja' if login.needs_otp else 'nee'}"
            )
        out.write("")
        out.write(f"Wachtwoord voor alle demogebruikers: {logins[0].password}")
        out.write("Tweestapscode (TOTP): .venv/bin/integriteit totp <gebruikersnaam>")
        out.write(
            "Liever een echte authenticator-app? '.venv/bin/integriteit totp <naam> --uri' "
            "toont de otpauth-link om over te nemen."
        )
