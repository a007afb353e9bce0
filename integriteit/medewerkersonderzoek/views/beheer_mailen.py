"""Mailing invitations and reminders through Django's mail backend.

The organisation keeps the mail-merge export (``eenheid,code,link``) and adds an ``email``
column; uploading it here mails each code's link to its address. Addresses are used once and
never stored (ADR 0008); a reminder skips the codes that have been used to answer, so the
same file serves for every reminder.
"""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from integriteit.common.permissions import Capability, requires
from integriteit.medewerkersonderzoek import selectors, services
from integriteit.medewerkersonderzoek.constants import GolfStatus
from integriteit.medewerkersonderzoek.forms import MailenForm
from integriteit.medewerkersonderzoek.views.beheer_toegang import golf_get

MAX_FOUTEN = 50
EMAIL_KOLOMMEN = ("email", "e-mail", "emailadres", "e-mailadres")


def _rows(data: bytes) -> tuple[list[dict[str, str]], list[str], int]:
    """The file's rows as dicts (lower-case headings) and the file line of the first row."""
    text = data.decode("utf-8-sig")
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    fields = [name.strip().lower() for name in reader.fieldnames or []]
    reader.fieldnames = fields
    return [row for row in reader if any((v or "").strip() for v in row.values())], fields, 2


def adressen_lezen(data: bytes) -> dict[str, str]:
    """``code → address`` from the uploaded file; every problem named by line and column."""
    try:
        rows, fields, first = _rows(data)
    except UnicodeDecodeError as error:
        raise ValidationError(_("Het bestand is geen UTF-8-tekst.")) from error
    email_column = next((name for name in EMAIL_KOLOMMEN if name in fields), None)
    missing = [
        label
        for label, ok in (("code", "code" in fields), ("email", email_column is not None))
        if not ok
    ]
    if missing:
        raise ValidationError(
            _("De kopregel mist de kolom(men) %(kolommen)s.") % {"kolommen": ", ".join(missing)}
        )
    adressen: dict[str, str] = {}
    fouten: list[str] = []
    for line, row in enumerate(rows, start=first):
        code = (row.get("code") or "").strip()
        adres = (row.get(email_column or "") or "").strip()
        if not code:
            fouten.append(_("Regel %(regel)d, kolom code: leeg.") % {"regel": line})
            continue
        try:
            validate_email(adres)
        except ValidationError:
            fouten.append(
                _("Regel %(regel)d, kolom email: '%(adres)s' is geen geldig e-mailadres.")
                % {"regel": line, "adres": adres}
            )
            continue
        if code in adressen:
            fouten.append(_("Regel %(regel)d: code komt al eerder voor.") % {"regel": line})
            continue
        adressen[code] = adres
    if not adressen and not fouten:
        fouten.append(_("Het bestand bevat geen rijen."))
    if fouten:
        extra = len(fouten) - MAX_FOUTEN
        shown = fouten[:MAX_FOUTEN]
        if extra > 0:
            shown.append(_("… en %(n)d andere fouten.") % {"n": extra})
        raise ValidationError(shown)
    return adressen


@require_http_methods(["GET", "POST"])
@requires(Capability.ENQUETE_BEHEREN)
def mailen(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the form and how many invitations are still unused; POST: mail them."""
    golf = golf_get(request, pk, beheren=True)
    form = MailenForm(request.POST or None, request.FILES or None)
    fouten: list[str] = []
    open_golf = golf.status == GolfStatus.OPEN
    if request.method == "POST" and open_golf and form.is_valid():
        herinnering = form.cleaned_data["soort"] == MailenForm.HERINNERING
        try:
            adressen = adressen_lezen(form.cleaned_data["bestand"].read())
            link = request.build_absolute_uri(reverse("medewerkersonderzoek:invullen"))
            verstuurd = services.uitnodigingen_mailen(
                acting_user=request.user,
                golf=golf,
                adressen=adressen,
                link_template=f"{link}?code={{token}}",
                herinnering=herinnering,
            )
        except ValidationError as error:
            fouten = list(error.messages)
        else:
            overgeslagen = len(adressen) - verstuurd
            messages.success(
                request,
                ngettext("%(n)d e-mail verstuurd", "%(n)d e-mails verstuurd", verstuurd)
                % {"n": verstuurd}
                + "; "
                + ngettext(
                    "%(m)d code al gebruikt en overgeslagen.",
                    "%(m)d codes al gebruikt en overgeslagen.",
                    overgeslagen,
                )
                % {"m": overgeslagen},
            )
            return redirect("medewerkersonderzoek:golf_detail", pk=golf.pk)
    context = {
        "golf": golf,
        "form": form,
        "fouten": fouten,
        "open_golf": open_golf,
        "nog_open": selectors.herinneringen_te_sturen(golf=golf).count(),
    }
    return render(request, "medewerkersonderzoek/uitnodigingen_mailen.html", context)
