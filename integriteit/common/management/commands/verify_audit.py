from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand

from integriteit.common.audit import audit_verify


class Command(BaseCommand):
    help = (
        "Controleert de hashketen van het auditlog. Exitcode 0 als de keten intact is, "
        "anders 1 met de eerste verbroken gebeurtenis."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = audit_verify()
        if result.ok:
            self.stdout.write(self.style.SUCCESS(result.message))
            return
        self.stderr.write(self.style.ERROR(result.message))
        sys.exit(1)
