"""Rating one norm: the rating form, evidence upload and download, and adding actions."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from integriteit.accounts.models import Gebruiker
from integriteit.accounts.tests.factories import LidmaatschapFactory
from integriteit.common.models import AuditEvent
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World
from integriteit.normenkader import forms, services
from integriteit.normenkader.constants import BewijsSoort, Status
from integriteit.normenkader.models import Beoordeling, Bewijs, Niveau, Oordeel, Verbeteractie
from integriteit.normenkader.tests import world as data

Login = Callable[[Client, Gebruiker], Client]


@pytest.fixture(autouse=True)
def media(tmp_path: Path) -> Iterator[None]:
    with override_settings(MEDIA_ROOT=tmp_path):
        yield


@pytest.fixture
def as_role(world: World, make_user: MakeUser, login: Login) -> Callable[..., Client]:
    def make(rol: str, org: str = "ocw") -> Client:
        return login(Client(), make_user(rol, getattr(world, org)))

    return make


@pytest.fixture
def coordinator(as_role: Callable[..., Client]) -> Client:
    return as_role(Rol.INTEGRITEITSCOORDINATOR)


@pytest.fixture
def negen(world: World) -> Oordeel:
    return data.oordeel(world.ocw, "9")


def _niveau(code: str) -> Niveau:
    return Niveau.objects.get(normenkader=data.ark_2024(), code=code)


def _url(name: str, pk: int) -> str:
    return reverse(f"normenkader:{name}", kwargs={"pk": pk})


def _messages(response: Any) -> list[str]:
    """The messages a response left, then shown (and so used up) on the start page."""
    said = [str(m) for m in get_messages(response.wsgi_request)]
    response.client.get(reverse("home"))
    return said


def _final(beoordeling: Beoordeling) -> Beoordeling:
    for oordeel in beoordeling.oordelen.all():
        services.oordeel_update(
            acting_user=None, oordeel=oordeel, niveau=_niveau("onbekend"), bevinding=""
        )
    for naar in (Status.INGEDIEND, Status.DEFINITIEF):
        beoordeling = services.beoordeling_transition(
            acting_user=None, beoordeling=beoordeling, naar=naar
        )
    return beoordeling


def _pdf(name: str = "protocol.pdf", content: bytes = b"%PDF-1.4 protocol") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _bewijs(oordeel: Oordeel, **kwargs: object) -> dict[str, object]:
    post: dict[str, object] = {
        "bewijs-omschrijving": "Onderzoeksprotocol",
        "bewijs-peildatum": "2024-03-01",
    }
    post.update({f"bewijs-{k}": v for k, v in kwargs.items()})
    return post


# --- the rating form ------------------------------------------------------------------


def test_rating_page_shows_the_norm_the_scale_and_the_previous_level(
    world: World, coordinator: Client, negen: Oordeel
) -> None:
    response = coordinator.get(_url("oordeel_edit", negen.pk))
    content = response.content.decode()
    assert response.status_code == 200
    assert negen.norm.tekst in content and negen.norm.toelichting[:40] in content
    assert content.count('type="radio" name="niveau"') == 4
    for label in (
        "Voldoet",
        "In mindere mate nog een stap te zetten",
        "Onbekend / niet beoordeeld",
    ):
        assert label in content
    assert "geen oordeel in de vorige cyclus" in content
    assert "Opslaan en volgende norm" in content
    assert 'name="bewijs-bestand"' in content and 'name="actie-eigenaar"' in content


def test_saving_a_rating_returns_to_the_assessment(coordinator: Client, negen: Oordeel) -> None:
    response = coordinator.post(
        _url("oordeel_edit", negen.pk),
        {"niveau": _niveau("voldoet").pk, "bevinding": "Protocol actueel", "bron": "Intranet"},
    )
    assert response["Location"] == _url("beoordeling", negen.beoordeling_id)
    assert _messages(response) == ["Het oordeel op norm 9 is opgeslagen."]
    negen.refresh_from_db()
    assert (negen.niveau, negen.bevinding, negen.bron) == (
        _niveau("voldoet"),
        "Protocol actueel",
        "Intranet",
    )


def test_save_and_next_opens_the_next_norm_and_after_the_last_the_assessment(
    world: World, coordinator: Client, negen: Oordeel
) -> None:
    post = {"niveau": _niveau("onbekend").pk, "volgende": "1"}
    response = coordinator.post(_url("oordeel_edit", negen.pk), post)
    assert response["Location"] == _url("oordeel_edit", data.oordeel(world.ocw, "10").pk)
    last = data.oordeel(world.ocw, "15")
    response = coordinator.post(_url("oordeel_edit", last.pk), post)
    assert response["Location"] == _url("beoordeling", negen.beoordeling_id)


def test_a_finding_is_required_unless_the_level_is_onbekend(
    coordinator: Client, negen: Oordeel
) -> None:
    response = coordinator.post(
        _url("oordeel_edit", negen.pk), {"niveau": _niveau("stap").pk, "bevinding": " "}
    )
    assert response.status_code == 200
    required = (
        "Beschrijf de bevinding waarop het oordeel steunt; alleen bij ‘onbekend’ mag die leeg "
        "blijven."
    )
    assert response.context["form"].errors == {"bevinding": [required]}
    assert coordinator.post(_url("oordeel_edit", negen.pk), {}).context["form"].errors == {
        "niveau": ["Kies een oordeel."],
        "bevinding": [required],
    }
    # Shown as required (no "niet verplicht"), with the exception in its description.
    page = coordinator.get(_url("oordeel_edit", negen.pk)).content.decode()
    assert "Bevinding</label>" in page and "Verplicht, behalve bij ‘onbekend’" in page
    negen.refresh_from_db()
    assert negen.niveau is None
    response = coordinator.post(_url("oordeel_edit", negen.pk), {"niveau": _niveau("onbekend").pk})
    assert response.status_code == 302


def test_a_level_of_another_scale_is_not_a_choice(coordinator: Client, negen: Oordeel) -> None:
    response = coordinator.post(_url("oordeel_edit", negen.pk), {"niveau": 99999, "bevinding": "x"})
    assert "niveau" in response.context["form"].errors


def test_a_reader_sees_the_rating_without_forms_and_cannot_post(
    as_role: Callable[..., Client], negen: Oordeel
) -> None:
    services.oordeel_update(
        acting_user=None, oordeel=negen, niveau=_niveau("stap"), bevinding="Verouderd protocol"
    )
    auditor = as_role(Rol.AUDITOR)
    content = auditor.get(_url("oordeel_edit", negen.pk)).content.decode()
    assert "Verouderd protocol" in content
    assert 'name="niveau"' not in content and 'name="bewijs-bestand"' not in content
    assert 'name="actie-eigenaar"' not in content  # auditors do not manage actions
    response = auditor.post(_url("oordeel_edit", negen.pk), {"niveau": _niveau("voldoet").pk})
    assert response["Location"] == _url("oordeel_edit", negen.pk)
    assert _messages(response) == ["U mag deze zelfevaluatie van OCW niet wijzigen."]
    negen.refresh_from_db()
    assert negen.niveau == _niveau("stap")


def test_a_final_rating_cannot_be_changed_but_actions_can_be_added(
    world: World, coordinator: Client
) -> None:
    final = _final(data.beoordeling(world.ocw))
    oordeel = final.oordelen.get(norm__code="9")
    content = coordinator.get(_url("oordeel_edit", oordeel.pk)).content.decode()
    assert 'name="niveau"' not in content and 'name="actie-eigenaar"' in content
    assert "maak een correctie" in content
    response = coordinator.post(_url("oordeel_edit", oordeel.pk), {"niveau": _niveau("voldoet").pk})
    assert _messages(response) == [
        "Deze beoordeling is definitief; alleen een concept kan worden gewijzigd."
    ]
    response = coordinator.post(
        _url("actie_add", oordeel.pk),
        {"actie-omschrijving": "Protocol", "actie-eigenaar": "SG", "actie-deadline": "2030-01-01"},
    )
    assert response["Location"] == _url("oordeel_edit", oordeel.pk) + "#acties"
    assert Verbeteractie.objects.filter(oordeel=oordeel).count() == 1


def test_rating_pages_outside_the_scope_are_not_found(
    as_role: Callable[..., Client], negen: Oordeel
) -> None:
    fin = as_role(Rol.INTEGRITEITSCOORDINATOR, "fin")
    assert fin.get(_url("oordeel_edit", negen.pk)).status_code == 404
    for name in ("oordeel_edit", "bewijs_add", "actie_add"):
        assert fin.post(_url(name, negen.pk), {}).status_code == 404


# --- evidence -------------------------------------------------------------------------


def test_a_file_is_added_as_evidence(coordinator: Client, negen: Oordeel) -> None:
    response = coordinator.post(_url("bewijs_add", negen.pk), _bewijs(negen, bestand=_pdf()))
    assert response["Location"] == _url("oordeel_edit", negen.pk) + "#bewijs"
    bewijs = Bewijs.objects.get(oordeel=negen)
    assert (bewijs.soort, bewijs.omschrijving, bewijs.peildatum) == (
        BewijsSoort.BESTAND,
        "Onderzoeksprotocol",
        date(2024, 3, 1),
    )
    assert bewijs.bestand.read() == b"%PDF-1.4 protocol"
    content = coordinator.get(_url("oordeel_edit", negen.pk)).content.decode()
    assert _url("bewijs_download", bewijs.pk) in content


def test_a_link_is_added_as_evidence_and_shown_as_a_link(
    coordinator: Client, negen: Oordeel
) -> None:
    url = "https://intranet.example/integriteit/protocol"
    coordinator.post(_url("bewijs_add", negen.pk), _bewijs(negen, url=url))
    bewijs = Bewijs.objects.get(oordeel=negen)
    assert (bewijs.soort, bewijs.url) == (BewijsSoort.LINK, url)
    content = coordinator.get(_url("oordeel_edit", negen.pk)).content.decode()
    assert f'href="{url}" rel="noopener noreferrer nofollow"' in content


@pytest.mark.parametrize(
    ("extra", "field", "error"),
    [
        ({}, "bestand", "Kies een bestand of vul een link in."),
        (
            {"bestand": _pdf(), "url": "https://example.org/"},
            "bestand",
            "Kies een bestand óf vul een link in, niet allebei.",
        ),
        (
            {"bestand": SimpleUploadedFile("x.html", b"<script>")},
            "bestand",
            "Bestanden van het type ‘html’ worden niet aangenomen.",
        ),
        ({"bestand": SimpleUploadedFile("setup", b"MZ")}, "bestand", "type ‘?’"),
        ({"url": "ftp://example.org/a.pdf"}, "url", "http(s)://"),
        ({"url": "javascript:alert(1)"}, "url", "http(s)://"),
    ],
)
def test_bad_evidence_is_refused_with_a_message_on_the_field(
    coordinator: Client, negen: Oordeel, extra: dict[str, object], field: str, error: str
) -> None:
    response = coordinator.post(_url("bewijs_add", negen.pk), _bewijs(negen, **extra))
    assert response.status_code == 200
    assert error in " ".join(response.context["bewijs_form"].errors[field])
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Bewijs.objects.exists()


def test_a_file_over_the_size_limit_is_refused(
    coordinator: Client, negen: Oordeel, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(forms, "BEWIJS_MAX_BYTES", 10)
    response = coordinator.post(_url("bewijs_add", negen.pk), _bewijs(negen, bestand=_pdf()))
    assert response.context["bewijs_form"].errors["bestand"] == ["Het bestand is groter dan 20 MB."]
    assert forms.BEWIJS_MAX_BYTES == 10 and not Bewijs.objects.exists()


def test_a_long_file_name_is_shortened_and_keeps_its_type(
    coordinator: Client, negen: Oordeel
) -> None:
    coordinator.post(_url("bewijs_add", negen.pk), _bewijs(negen, bestand=_pdf("a" * 150 + ".PDF")))
    name = Path(Bewijs.objects.get().bestand.name)
    assert name.suffix == ".pdf" and len(name.name) <= 60
    assert len(Bewijs.objects.get().bestand.name) <= 100


def test_a_reader_cannot_add_evidence(as_role: Callable[..., Client], negen: Oordeel) -> None:
    response = as_role(Rol.AUDITOR).post(
        _url("bewijs_add", negen.pk), _bewijs(negen, bestand=_pdf())
    )
    assert _messages(response) == ["U mag deze zelfevaluatie van OCW niet wijzigen."]
    assert not Bewijs.objects.exists()


def _stored(oordeel: Oordeel, **kwargs: object) -> Bewijs:
    return services.bewijs_add(
        acting_user=None,
        oordeel=oordeel,
        omschrijving="P",
        peildatum=date(2024, 1, 1),
        **kwargs,  # type: ignore[arg-type]
    )


def test_download_serves_the_file_as_an_attachment_and_is_audited(
    as_role: Callable[..., Client], negen: Oordeel
) -> None:
    bewijs = _stored(negen, bestand=ContentFile(b"%PDF-1.4 inhoud", name="protocol.pdf"))
    response = as_role(Rol.BEVOEGD_GEZAG).get(_url("bewijs_download", bewijs.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 inhoud"  # type: ignore[attr-defined]
    assert response["Content-Disposition"].startswith("attachment;")
    assert "protocol" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    event = AuditEvent.objects.get(action="bewijs.gelezen")
    assert (event.object_type, event.object_id) == ("bewijs", str(bewijs.pk))
    assert event.organisatie_id == negen.beoordeling.organisatie_id
    assert event.details["norm"] == "9"


def test_download_of_a_link_or_a_missing_file_or_outside_the_scope_is_not_found(
    as_role: Callable[..., Client], negen: Oordeel
) -> None:
    link = _stored(negen, url="https://example.org/")
    bestand = _stored(negen, bestand=ContentFile(b"x", name="weg.pdf"))
    coordinator = as_role(Rol.INTEGRITEITSCOORDINATOR)
    assert coordinator.get(_url("bewijs_download", link.pk)).status_code == 404
    fin = as_role(Rol.INTEGRITEITSCOORDINATOR, "fin")
    assert fin.get(_url("bewijs_download", bestand.pk)).status_code == 404
    bestand.bestand.delete(save=False)
    assert coordinator.get(_url("bewijs_download", bestand.pk)).status_code == 404
    assert not AuditEvent.objects.filter(action="bewijs.gelezen").exists()


# --- actions --------------------------------------------------------------------------


def test_an_action_is_added_to_the_rating(coordinator: Client, negen: Oordeel) -> None:
    response = coordinator.post(
        _url("actie_add", negen.pk),
        {
            "actie-omschrijving": "Onderzoeksprotocol actualiseren",
            "actie-eigenaar": "Integriteitscoördinator",
            "actie-deadline": "2025-06-30",
        },
    )
    assert _messages(response) == ["De verbeteractie is vastgelegd."]
    actie = Verbeteractie.objects.get()
    assert (actie.oordeel, actie.norm, actie.deadline) == (negen, negen.norm, date(2025, 6, 30))
    content = coordinator.get(_url("oordeel_edit", negen.pk)).content.decode()
    assert "Onderzoeksprotocol actualiseren" in content
    assert _url("actie_edit", actie.pk) in content


def test_an_incomplete_action_shows_the_errors_on_the_page(
    coordinator: Client, negen: Oordeel
) -> None:
    response = coordinator.post(_url("actie_add", negen.pk), {"actie-omschrijving": "Iets"})
    assert response.status_code == 200
    assert set(response.context["actie_form"].errors) == {"eigenaar", "deadline"}
    assert not Verbeteractie.objects.exists()


def test_actions_need_the_capability_to_manage_them(
    as_role: Callable[..., Client], negen: Oordeel
) -> None:
    post = {"actie-omschrijving": "x", "actie-eigenaar": "y", "actie-deadline": "2030-01-01"}
    assert as_role(Rol.AUDITOR).post(_url("actie_add", negen.pk), post).status_code == 403
    bzk = as_role(Rol.RIJKSCOORDINATOR, "rijk")
    assert bzk.post(_url("actie_add", negen.pk), post).status_code == 302
    assert Verbeteractie.objects.count() == 1


def test_reading_an_organisation_is_not_managing_its_actions(
    world: World, make_user: MakeUser, login: Login, negen: Oordeel
) -> None:
    """Managing actions on FIN and reading OCW does not let one add actions to OCW."""
    user = make_user(Rol.BEVOEGD_GEZAG, world.ocw)
    LidmaatschapFactory.create(gebruiker=user, organisatie=world.fin, rol=Rol.RIJKSCOORDINATOR)
    client = login(Client(), user)
    post = {"actie-omschrijving": "x", "actie-eigenaar": "y", "actie-deadline": "2030-01-01"}
    assert client.post(_url("actie_add", negen.pk), post).status_code == 404
    assert not Verbeteractie.objects.exists()
