"""``integriteit meldingen_termijnen [--dry-run] [--vandaag JJJJ-MM-DD]``: the escalation of the
legal clock. Run it daily (cron, systemd timer): for every open report whose acknowledgement or
feedback deadline is within the organisation's warning period, or passed, and not signalled
yet, the handlers get one e-mail (number, deadline and a link; never content) and the day is
recorded so the signal goes out once."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse
from django.utils import timezone, translation

from integriteit.meldingen import services
from integriteit.meldingen.selectors_register import Signaal, te_signaleren

#: Where the links in the mails point; set MELDINGEN_BASIS_URL in production.
BASIS_URL_STANDAARD = "http://localhost:8000"


def _dag(waarde: str) -> date:
    try:
        return date.fromisoformat(waarde)
    except ValueError as error:
        raise CommandError(f"Ongeldige datum {waarde!r}; gebruik JJJJ-MM-DD.") from error


class Command(BaseCommand):
    help = (
        "Waarschuwt de behandelaars (één keer per termijn) wanneer de ontvangstbevestiging of "
        "de terugkoppeling van een open melding bijna of al verlopen is."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Alleen tonen welke signalen zouden uitgaan; niets versturen of vastleggen.",
        )
        parser.add_argument(
            "--vandaag", type=_dag, default=None, help="Rekenen alsof het deze dag is."
        )
        parser.add_argument(
            "--basis-url",
            default=None,
            help="Begin van de link in de e-mail (standaard MELDINGEN_BASIS_URL).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        vandaag: date = options["vandaag"] or timezone.localdate()
        basis = (
            options["basis_url"] or getattr(settings, "MELDINGEN_BASIS_URL", BASIS_URL_STANDAARD)
        ).rstrip("/")
        with translation.override(settings.LANGUAGE_CODE):
            signalen = te_signaleren(vandaag)
            verstuurd = 0
            for signaal in signalen:
                verstuurd += self._signaal(signaal, vandaag, basis, dry_run=options["dry_run"])
        prefix = "[dry-run] " if options["dry_run"] else ""
        self.stdout.write(
            f"{prefix}{len(signalen)} termijnsignalen, {verstuurd} e-mails verstuurd "
            f"(peildatum {vandaag.isoformat()})."
        )

    def _signaal(self, signaal: Signaal, vandaag: date, basis: str, *, dry_run: bool) -> int:
        melding = signaal.melding
        ontvangers = [u for u in melding.behandelaars.all() if u.is_active]
        regel = (
            f"{melding.nummer}: {signaal.termijn} uiterlijk {signaal.uiterlijk.isoformat()}, "
            f"{sum(1 for u in ontvangers if u.email)} ontvanger(s)"
        )
        if dry_run:
            self.stdout.write(f"[dry-run] {regel}")
            return 0
        link = basis + reverse("meldingen:register_detail", args=[melding.pk])
        verstuurd = services.termijn_signaleren(
            melding=melding,
            termijn=signaal.termijn,
            vandaag=vandaag,
            link=link,
            ontvangers=ontvangers,
        )
        if verstuurd:
            self.stdout.write(regel)
        else:
            self.stderr.write(
                f"{melding.nummer}: geen behandelaar met een e-mailadres; later opnieuw."
            )
        return verstuurd
