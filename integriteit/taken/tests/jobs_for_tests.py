"""Job kinds used only by the tests of the runner."""

from __future__ import annotations

from integriteit.taken.models import Taak
from integriteit.taken.registry import TaakFout, TaakUitkomst, Voortgang, taak


@taak("test.echo")
def echo(taak: Taak, voortgang: Voortgang) -> TaakUitkomst:
    """Counts to ``n`` with progress, then returns the parameters as a file."""
    n = int(taak.parameters.get("n", 3))
    for i in range(n):
        voortgang(i + 1, n, f"Stap {i + 1}")
    tekst = taak.invoer.read().decode() if taak.invoer else ""
    return TaakUitkomst(
        resultaat={"samenvatting": f"{n} stappen gedaan"},
        bestand=f"echo:{tekst}".encode(),
        bestandsnaam="echo.txt",
        volgende_url="/",
    )


@taak("test.weigert")
def weigert(taak: Taak, voortgang: Voortgang) -> TaakUitkomst:
    raise TaakFout(["Rij 3, kolom 'vb1': waarde 7 is niet toegestaan."])


@taak("test.crasht")
def crasht(taak: Taak, voortgang: Voortgang) -> TaakUitkomst:
    raise RuntimeError("stuk")
