"""The demo data: what OCW and FIN get, and that loading twice changes nothing."""

from __future__ import annotations

from integriteit.beleid.constants import Bron, InstrumentSoort
from integriteit.beleid.demo import beleid_demo_load
from integriteit.beleid.models import Beleid, Doel, Instrument, Vervolgactie
from integriteit.beleid.samenhang import samenhang_bepalen
from integriteit.beleid.selectors import beleid_van
from integriteit.beleid.tests.helpers import vandaag
from integriteit.conftest import World


def test_demo_fills_ocw_with_gaps_to_show_and_is_idempotent(world: World) -> None:
    beleid_demo_load()
    beleid_demo_load()
    ocw = Beleid.objects.get(organisatie=world.ocw)
    assert {d.bron for d in Doel.objects.filter(beleid=ocw)} == {
        Bron.ENQUETE_ITEM, Bron.ENQUETE_SCHAAL, Bron.MELDINGEN, Bron.NORM
    }  # fmt: skip
    assert Doel.objects.filter(beleid=ocw).count() == 4
    assert Instrument.objects.filter(beleid=ocw).count() == 7
    assert Vervolgactie.objects.filter(evaluatie__beleid=ocw).count() == 3
    fin = Beleid.objects.get(organisatie=world.fin)
    assert fin.visie and not fin.doelen.exists()
    s = samenhang_bepalen(
        organisatie=world.ocw, beleid=beleid_van(organisatie=world.ocw), peildatum=vandaag()
    )
    assert s.ontbrekend == [str(InstrumentSoort.TRAINING_LEIDINGGEVENDEN.label)]
    assert [i.instrument.naam for i in s.instrumenten if not i.actueel] == ["Gedragscode OCW"]
    assert {"acties_te_laat", "instrument_niet_actueel", "instrument_ontbreekt"} <= s.codes
    assert "geen_recente_evaluatie" not in s.codes
