"""Services of the risk analysis: the rules of the data and their Dutch messages; nothing is
saved when input is refused; one audit event per write."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from integriteit.common.models import AuditEvent
from integriteit.conftest import World
from integriteit.risicos import services
from integriteit.risicos.constants import AnalyseStatus
from integriteit.risicos.models import Beheersmaatregel, Risico, Risicoanalyse
from integriteit.risicos.tests.helpers import (
    analyse,
    functie,
    gegevens,
    maatregel,
    risico,
)


def _fouten(error: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return error.value.message_dict


def test_create_writes_analysis_and_one_audit_event(world: World) -> None:
    voor = AuditEvent.objects.count()
    a = analyse(world.ocw, grootte=4)
    assert a.matrix_grootte == 4 and a.status == AnalyseStatus.CONCEPT
    assert a.methoden == ["workshop", "enquete"]
    assert AuditEvent.objects.count() == voor + 1
    event = AuditEvent.objects.latest("seq")
    assert event.action == "risicoanalyse.aangemaakt" and event.organisatie_id == world.ocw.pk


def test_matrix_size_other_than_4_or_5_is_refused(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        analyse(world.ocw, grootte=3)
    assert "Matrix" in _fouten(error)["matrix_grootte"][0]
    assert not Risicoanalyse.objects.exists()


@pytest.mark.parametrize(
    ("grootte", "veld", "waarde", "tekst"),
    [
        (4, "kans", 5, "Kans: kies een waarde van 1 tot en met 4."),
        (4, "impact", 5, "Impact: kies een waarde van 1 tot en met 4."),
        (5, "kans", 0, "Kans: kies een waarde van 1 tot en met 5."),
        (5, "impact", 6, "Impact: kies een waarde van 1 tot en met 5."),
        (4, "rest_kans", 5, "Restkans: kies een waarde van 1 tot en met 4."),
    ],
)
def test_likelihood_or_impact_off_the_matrix_is_refused(
    world: World, grootte: int, veld: str, waarde: int, tekst: str
) -> None:
    a = analyse(world.ocw, grootte=grootte)
    voor = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        risico(a, **{veld: waarde})
    assert _fouten(error)[veld] == [tekst]
    assert not Risico.objects.exists()
    assert AuditEvent.objects.count() == voor


def test_residual_above_inherent_is_refused(world: World) -> None:
    a = analyse(world.ocw)
    with pytest.raises(ValidationError) as error:
        risico(a, kans=2, impact=4, rest_kans=3, rest_impact=4)
    assert _fouten(error)["rest_kans"] == ["Restkans: mag niet hoger zijn dan de kans (2)."]
    with pytest.raises(ValidationError) as error:
        risico(a, kans=None, impact=None, rest_kans=1, rest_impact=1)
    assert "beoordeel eerst" in _fouten(error)["rest_kans"][0]
    with pytest.raises(ValidationError) as error:
        risico(a, rest_kans=2, rest_impact=None)
    assert "rest_impact" in _fouten(error)
    assert not Risico.objects.exists()


def test_risk_without_assessment_is_allowed_and_numbered(world: World) -> None:
    a = analyse(world.ocw)
    eerste = risico(a, kans=None, impact=None, rest_kans=None, rest_impact=None)
    tweede = risico(a)
    assert (eerste.code, tweede.code) == ("R1", "R2")
    assert eerste.band is None and tweede.score == 16 and tweede.rest_score == 9


def test_required_texts_name_their_field(world: World) -> None:
    a = analyse(world.ocw)
    with pytest.raises(ValidationError) as error:
        risico(a, titel=" ", eigenaar="", schending="onbekend")
    fouten = _fouten(error)
    assert fouten["titel"][0].startswith("Titel:")
    assert fouten["eigenaar"][0].startswith("Eigenaar:")
    assert fouten["schending"][0].startswith("Soort schending:")


def test_new_measure_due_in_the_past_is_refused_but_done_ones_may_be(world: World) -> None:
    r = risico(analyse(world.ocw))
    with pytest.raises(ValidationError) as error:
        maatregel(r, dagen=-1)
    assert _fouten(error)["uiterlijk"][0].startswith("Uiterlijk:")
    assert not Beheersmaatregel.objects.exists()
    gereed = maatregel(r, dagen=-10, status="gereed")
    assert not gereed.te_laat


def test_existing_measure_becomes_overdue(world: World) -> None:
    m = maatregel(risico(analyse(world.ocw)), dagen=1)
    assert not m.te_laat
    assert m.te_laat_op(timezone.localdate() + timedelta(days=2))
    m.status = "gereed"
    assert not m.te_laat_op(timezone.localdate() + timedelta(days=2))


def test_establishing_needs_steps_1_to_3_then_freezes(world: World) -> None:
    a = analyse(world.ocw, betrokkenheid="")
    with pytest.raises(ValidationError) as error:
        services.analyse_vaststellen(analyse=a, acting_user=None)
    teksten = " ".join(error.value.messages)
    assert "betrokkenheid" in teksten or "werkvloer" in teksten
    assert "register" in teksten
    services.analyse_update(
        analyse=a,
        opzet=services.AnalyseOpzet(
            titel=a.titel,
            datum=a.datum,
            methoden=("workshop",),
            deelnemers_aantal=10,
            deelnemers_omschrijving="Inkoop",
            betrokkenheid="Workshop",
        ),
        acting_user=None,
    )
    r = risico(a)
    a = services.analyse_vaststellen(analyse=a, acting_user=None)
    assert a.is_vastgesteld and a.vastgesteld_op == timezone.localdate()
    with pytest.raises(ValidationError, match="vastgesteld"):
        risico(a)
    with pytest.raises(ValidationError, match="vastgesteld"):
        functie(a)
    # Measures are the follow-up: a new one can still be added after establishing.
    assert maatregel(r).risico_id == r.pk


def test_measure_progress_after_establishing(world: World) -> None:
    a = analyse(world.ocw)
    r = risico(a)
    m = maatregel(r)
    services.analyse_vaststellen(analyse=a, acting_user=None)
    m = services.maatregel_update(
        maatregel=m,
        gegevens=services.MaatregelGegevens(
            omschrijving=m.omschrijving, eigenaar=m.eigenaar, uiterlijk=m.uiterlijk, status="gereed"
        ),
        acting_user=None,
    )
    assert Beheersmaatregel.objects.get().status == "gereed"


def test_adopting_from_the_catalogue_copies_and_keeps_the_code(world: World) -> None:
    a = analyse(world.ocw)
    risico(a)
    nieuw = services.catalogus_overnemen(
        analyse=a, codes=["INK-01", "TH-03", "INK-01"], acting_user=None
    )
    assert [r.catalogus_code for r in nieuw] == ["INK-01", "TH-03"]
    assert [r.nummer for r in nieuw] == [2, 3]
    kopie = Risico.objects.get(catalogus_code="TH-03")
    assert kopie.schending == "geweld" and kopie.kwetsbaar_gebied == "toezicht_handhaving"
    assert kopie.kans is None and "Training" in kopie.bestaande_beheersing
    # Adapting the copy changes only the ministry's own risk.
    services.risico_update(risico=kopie, gegevens=gegevens(titel="Eigen titel"), acting_user=None)
    assert Risico.objects.get(pk=kopie.pk).catalogus_code == "TH-03"
    assert services.catalogus_overnemen(analyse=a, codes=["INK-01"], acting_user=None) == []
    with pytest.raises(ValidationError, match="onbekende code"):
        services.catalogus_overnemen(analyse=a, codes=["XX-99"], acting_user=None)


def test_wave_of_another_organisation_is_refused(world: World) -> None:
    from integriteit.risicos.tests.test_enquete import golf_met_antwoorden

    golf = golf_met_antwoorden(world, {})
    with pytest.raises(ValidationError) as error:
        analyse(world.fin, golf=golf)
    assert _fouten(error)["golf"][0].startswith("Onderzoeksgolf:")
    assert analyse(world.ocw, golf=golf).golf == golf


def test_future_date_is_refused(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        analyse(world.ocw, datum=timezone.localdate() + timedelta(days=1))
    assert _fouten(error)["datum"][0].startswith("Datum:")
