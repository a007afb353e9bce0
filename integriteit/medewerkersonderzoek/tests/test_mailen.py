"""Mailing invitations and reminders from the mail-merge file with an email column."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import DjangoCaptureOnCommitCallbacks

from integriteit.common.models import AuditEvent
from integriteit.common.roles import Rol
from integriteit.conftest import MakeUser, World, login_verified
from integriteit.medewerkersonderzoek.constants import GolfStatus
from integriteit.medewerkersonderzoek.models import Golf, Uitnodiging
from integriteit.medewerkersonderzoek.services import (
    golf_transition,
    respons_submit,
    uitnodigingen_create,
)
from integriteit.medewerkersonderzoek.tests.permission_kwargs import golf as make_golf


@pytest.fixture
def golf(world: World) -> Golf:
    wave = make_golf(world, "eigen")
    return golf_transition(acting_user=None, golf=wave, naar=GolfStatus.OPEN)


@pytest.fixture
def client_coordinator(make_user: MakeUser, world: World) -> Client:
    return login_verified(Client(), make_user(Rol.INTEGRITEITSCOORDINATOR, world.ocw))


def _file(rows: list[str], header: str = "eenheid;code;link;email") -> SimpleUploadedFile:
    text = "\ufeff" + "\n".join([header, *rows]) + "\n"
    return SimpleUploadedFile("uitnodigingen.csv", text.encode(), content_type="text/csv")


def _post(client: Client, golf: Golf, soort: str, upload: SimpleUploadedFile) -> object:
    return client.post(
        reverse("medewerkersonderzoek:mailen", args=[golf.pk]),
        {"soort": soort, "bestand": upload},
    )


def test_invitations_and_then_reminders_only_to_who_has_not_answered(
    golf: Golf,
    client_coordinator: Client,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    eenheid = golf.eenheden.first()
    assert eenheid is not None
    nieuw = uitnodigingen_create(acting_user=None, golf=golf, per_eenheid={eenheid.pk: 3})
    rows = [f"{n.eenheid_code};{n.token};x;medewerker{i}@example.org" for i, n in enumerate(nieuw)]

    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client_coordinator, golf, "uitnodiging", _file(rows))
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert len(mail.outbox) == 3
    assert mail.outbox[0].subject == f"Uitnodiging: {golf.titel}"
    assert f"?code={nieuw[0].token}" in mail.outbox[0].body
    assert mail.outbox[0].to == ["medewerker0@example.org"]

    respons_submit(token=nieuw[0].token, antwoorden={"leidinggevende": 2})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_coordinator.post(
            reverse("medewerkersonderzoek:mailen", args=[golf.pk]),
            {"soort": "herinnering", "bestand": _file(rows)},
            follow=True,
        )
    assert sorted(m.to[0] for m in mail.outbox) == [
        "medewerker1@example.org",
        "medewerker2@example.org",
    ]
    assert mail.outbox[0].subject.startswith("Herinnering:")
    assert "2 e-mails verstuurd; 1 code al gebruikt en overgeslagen." in response.content.decode()
    assert Uitnodiging.objects.filter(herinnerd_op__isnull=False).count() == 2
    events = AuditEvent.objects.filter(action__startswith="uitnodigingen.").values_list(
        "action", flat=True
    )
    assert {"uitnodigingen.gemaild", "uitnodigingen.herinnerd"} <= set(events)
    assert "example.org" not in str(list(AuditEvent.objects.values_list("details", flat=True)))


def test_bad_rows_are_named_and_nothing_is_sent(golf: Golf, client_coordinator: Client) -> None:
    nieuw = uitnodigingen_create(acting_user=None, golf=golf)
    rows = [
        f"x,{nieuw[0].token},y,geen-adres",
        ",,y,a@example.org",
        f"x,{nieuw[1].token},y,b@example.org",
        f"x,{nieuw[1].token},y,c@example.org",
    ]
    response = _post(
        client_coordinator, golf, "uitnodiging", _file(rows, "eenheid,code,link,E-mail")
    )
    page = response.content.decode()  # type: ignore[attr-defined]
    assert "Regel 2, kolom email: &#x27;geen-adres&#x27; is geen geldig e-mailadres." in page
    assert "Regel 3, kolom code: leeg." in page
    assert "Regel 5: code komt al eerder voor." in page
    assert "er is niets verstuurd" in page
    assert mail.outbox == []


def test_codes_of_another_wave_are_refused(
    golf: Golf, world: World, client_coordinator: Client
) -> None:
    other = golf_transition(acting_user=None, golf=make_golf(world, "eigen"), naar="open")
    foreign = uitnodigingen_create(acting_user=None, golf=other)[0]
    response = _post(
        client_coordinator, golf, "uitnodiging", _file([f"x;{foreign.token};y;a@b.nl"])
    )
    assert "horen niet bij deze golf" in response.content.decode()  # type: ignore[attr-defined]
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"eenheid;link\nx;y\n", "De kopregel mist de kolom(men) code, email."),
        ("code;email\n".encode("utf-16"), "Het bestand is geen UTF-8-tekst."),
        (b"code;email\n", "Het bestand bevat geen rijen."),
    ],
)
def test_unusable_files(
    golf: Golf, client_coordinator: Client, content: bytes, message: str
) -> None:
    upload = SimpleUploadedFile("a.csv", content, content_type="text/csv")
    response = _post(client_coordinator, golf, "uitnodiging", upload)
    assert message in response.content.decode()  # type: ignore[attr-defined]


def test_only_csv_files_and_only_while_open(
    world: World, golf: Golf, client_coordinator: Client
) -> None:
    upload = SimpleUploadedFile("a.xlsx", b"PK..", content_type="application/octet-stream")
    response = _post(client_coordinator, golf, "uitnodiging", upload)
    assert "Kies een CSV-bestand (.csv)." in response.content.decode()  # type: ignore[attr-defined]

    prepared = make_golf(world, "eigen")
    page = client_coordinator.get(reverse("medewerkersonderzoek:mailen", args=[prepared.pk]))
    assert "Mailen kan alleen terwijl de golf open is." in page.content.decode()
