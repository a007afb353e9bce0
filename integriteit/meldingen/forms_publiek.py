"""Forms of the public report pages: the report, the receipt code, the reporter's reply —
and the upload handler that keeps attachments in memory.

Attachments never touch the disk in the clear: Django would spool a file over 2.5 MB to a
temporary file; :class:`GeheugenUploadHandler` keeps each file in memory (at most the size
limit plus one byte of it; the rest is counted, not kept, so the size check still sees the
real size) and stores nothing of files beyond the maximum number. The service encrypts
them before they are written.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile, UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from integriteit.common.forms import RADIO_ATTRS, StyledForm
from integriteit.kluis.crypto import ontvangstcode_normaliseer
from integriteit.meldingen.constants import (
    BIJLAGE_MAX_BYTES,
    BIJLAGE_TYPES,
    BIJLAGEN_MAX,
    Meldingsoort,
)
from integriteit.meldingen.services import MAX_TEKST, bijlagen_controleren

FILE_CLASS = "utrecht-textbox utrecht-textbox--html-input igt-file"


class GeheugenUploadHandler(FileUploadHandler):
    """Keep uploaded files in memory only, bounded (see the module docstring)."""

    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self.aantal = 0
        self.buffer: BytesIO | None = None

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.aantal += 1
        self.buffer = BytesIO() if self.aantal <= BIJLAGEN_MAX else None

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if self.buffer is not None and self.buffer.tell() <= BIJLAGE_MAX_BYTES:
            self.buffer.write(raw_data[: BIJLAGE_MAX_BYTES + 1 - self.buffer.tell()])
        return None  # no later handler gets the data

    def file_complete(self, file_size: int) -> UploadedFile:
        buffer = self.buffer or BytesIO()
        buffer.seek(0)
        return InMemoryUploadedFile(
            file=buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )


class MeerdereBestandenInput(forms.FileInput):
    allow_multiple_selected = True


class BijlagenField(forms.FileField):
    """Zero or more files; the limits are checked by the service's rules."""

    def __init__(self, **kwargs: Any) -> None:
        accept = ",".join(sorted(BIJLAGE_TYPES))
        kwargs.setdefault(
            "widget", MeerdereBestandenInput(attrs={"class": FILE_CLASS, "accept": accept})
        )
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", gettext_lazy("Bijlagen"))
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        bestanden = data if isinstance(data, list | tuple) else [data]
        bestanden = [b for b in bestanden if b]
        if fouten := bijlagen_controleren(bestanden):
            raise ValidationError(fouten)
        return bestanden


def bijlagen_uitleg() -> str:
    return _(
        "U kunt tot %(n)d bestanden meesturen van elk hoogstens %(mb)d MB. "
        "Toegestaan: %(types)s. Bestanden worden versleuteld bewaard. Let op: een foto of "
        "document kan gegevens over u bevatten, zoals uw naam als auteur of de plaats waar "
        "een foto is gemaakt."
    ) % {
        "n": BIJLAGEN_MAX,
        "mb": BIJLAGE_MAX_BYTES // (1024 * 1024),
        "types": ", ".join(t.lstrip(".") for t in sorted(BIJLAGE_TYPES)),
    }


class _MetBijlagen(StyledForm):
    # No ``required`` attribute: the design system would paint empty fields red at once
    # (":invalid"); the server checks, and optional fields say "(niet verplicht)".
    use_required_attribute = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bijlagen"].help_text = bijlagen_uitleg()  # in the request's language


class MeldForm(_MetBijlagen):
    soort = forms.ChoiceField(
        label=gettext_lazy("Waar gaat uw melding over?"),
        help_text=gettext_lazy("Twijfelt u? Kies dan ‘Weet ik niet’."),
        choices=Meldingsoort.choices,
        widget=forms.RadioSelect(attrs=RADIO_ATTRS),
        error_messages={"required": gettext_lazy("Kies waar uw melding over gaat.")},
    )
    wat = forms.CharField(
        label=gettext_lazy("Wat is er gebeurd?"),
        help_text=gettext_lazy(
            "Beschrijf zo precies mogelijk wat u heeft gezien of gehoord. U hoeft het niet "
            "te bewijzen."
        ),
        max_length=MAX_TEKST,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": gettext_lazy("Beschrijf wat er is gebeurd.")},
    )
    wanneer = forms.CharField(
        label=gettext_lazy("Wanneer was dat?"),
        help_text=gettext_lazy("Een datum of periode, bijvoorbeeld ‘voorjaar 2025’."),
        max_length=200,
        required=False,
    )
    waar = forms.CharField(
        label=gettext_lazy("Waar was dat?"),
        help_text=gettext_lazy("Bijvoorbeeld een afdeling, locatie of project."),
        max_length=500,
        required=False,
    )
    betrokkenen = forms.CharField(
        label=gettext_lazy("Wie zijn erbij betrokken?"),
        help_text=gettext_lazy("Namen of functies, als u die weet."),
        max_length=MAX_TEKST,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    bijlagen = BijlagenField()
    naam = forms.CharField(
        label=gettext_lazy("Uw naam"),
        help_text=gettext_lazy("Laat leeg om anoniem te melden."),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    contact = forms.CharField(
        label=gettext_lazy("Hoe kunnen wij u bereiken?"),
        help_text=gettext_lazy(
            "Een e-mailadres of telefoonnummer. Laat leeg om anoniem te melden; u leest "
            "onze berichten dan in uw postbus met de ontvangstcode."
        ),
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class OntvangstcodeForm(StyledForm):
    use_required_attribute = False
    code = forms.CharField(
        label=gettext_lazy("Uw ontvangstcode"),
        help_text=gettext_lazy("De 16 cijfers die u kreeg toen u de melding deed."),
        max_length=40,
        error_messages={"required": gettext_lazy("Vul uw ontvangstcode in.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "inputmode": "numeric",
                "spellcheck": "false",
                "autocapitalize": "off",
            }
        ),
    )

    def clean_code(self) -> str:
        code = ontvangstcode_normaliseer(self.cleaned_data["code"])
        if code is None:
            raise ValidationError(
                _("Een ontvangstcode bestaat uit 16 cijfers, bijvoorbeeld 1234 5678 9012 3456.")
            )
        return code


class ReactieForm(_MetBijlagen):
    tekst = forms.CharField(
        label=gettext_lazy("Uw bericht"),
        max_length=MAX_TEKST,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": gettext_lazy("Schrijf een bericht.")},
    )
    bijlagen = BijlagenField()
