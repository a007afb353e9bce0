"""Importing survey responses as a background job (``enquete.import``), started from the
import page. The uploaded file is the job's ``invoer``; the runner deletes it afterwards."""

from __future__ import annotations

from django.urls import reverse

from integriteit.medewerkersonderzoek.imports import ImportFout, responses_import
from integriteit.medewerkersonderzoek.models import Golf
from integriteit.taken.models import Taak
from integriteit.taken.registry import TaakFout, TaakUitkomst, Voortgang, taak


@taak("enquete.import")
def importeren(taak: Taak, voortgang: Voortgang) -> TaakUitkomst:
    """Parameters: ``golf`` (id), ``formaat``, ``koppeling`` (YAML text or empty),
    ``bestandsnaam`` (the uploaded file's name, to recognise the format)."""
    parameters = taak.parameters
    golf = Golf.objects.select_related("vragenlijst").get(pk=parameters["golf"])
    with taak.invoer.open("rb") as handle:
        data = handle.read()
    koppeling = parameters.get("koppeling") or None
    try:
        uitkomst = responses_import(
            acting_user=taak.aangemaakt_door,
            golf=golf,
            data=data,
            bestandsnaam=str(parameters.get("bestandsnaam", "")),
            formaat=str(parameters.get("formaat", "auto")),
            koppeling=koppeling.encode() if koppeling else None,
            koppeling_naam=str(parameters.get("koppeling_naam", "")) or "koppeling.yaml",
            voortgang=voortgang,
        )
    except ImportFout as fout:
        raise TaakFout(fout.fouten) from fout
    samenvatting = " ".join([f"{uitkomst.samenvatting()}.", *uitkomst.waarschuwingen])
    return TaakUitkomst(
        resultaat={
            "samenvatting": samenvatting,
            "aantal": uitkomst.aantal,
            "formaat": uitkomst.formaat,
            "waarschuwingen": uitkomst.waarschuwingen,
        },
        volgende_url=reverse("medewerkersonderzoek:golf_detail", kwargs={"pk": golf.pk}),
    )
