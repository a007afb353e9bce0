"""Answering the survey with a personal code (token), without an account.

``start`` takes the code (typed, or filled from ``?code=`` in the invitation's link — never
submitted automatically), checks it with ``uitnodiging_redeem`` and keeps it in the
server-side session under a fresh session key. ``blok`` shows one block of the wave's
questionnaire per page; the answers so far live in the session (seeded from a saved draft)
and go to ``concept_opslaan`` ("Opslaan en later verder") or, from the last block, to
``respons_submit``, after which the session is flushed. ``klaar`` thanks, and says nothing
about the answers. Routing (``ask_if``) is explained in ``forms_invullen``.

The code is never logged: it is a sensitive POST parameter and variable for Django's error
reports, and the services write no audit event with it (ADR 0008). The pages are not cached,
so the browser's back button on a shared computer does not show someone's answers.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_http_methods

from integriteit.common.permissions import public
from integriteit.medewerkersonderzoek.forms_invullen import (
    BlokForm,
    CodeForm,
    block_columns,
    initial_from,
    prune,
)
from integriteit.medewerkersonderzoek.models import Golf
from integriteit.medewerkersonderzoek.selectors import concept_antwoorden
from integriteit.medewerkersonderzoek.services import (
    antwoorden_clean,
    concept_opslaan,
    respons_submit,
    uitnodiging_redeem,
)
from integriteit.medewerkersonderzoek.spec import Questionnaire

CODE_KEY = "medewerkersonderzoek_code"
ANTWOORDEN_KEY = "medewerkersonderzoek_antwoorden"


def _code_error(error: ValidationError) -> list[str]:
    """The message for a refused code. Unknown and used codes get one message, worded for a
    code rather than a link; a wave that is not open keeps the service's own message."""
    unknown_or_used = {
        _("Deze link is onbekend. Controleer of u de hele link gebruikt."),
        _("Met deze link is al geantwoord. Elke link kan maar één keer worden gebruikt."),
    }
    if set(error.messages) <= unknown_or_used:
        return [_("Deze code is onbekend of al gebruikt.")]
    return list(error.messages)


@public
@sensitive_variables("token")
@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = CodeForm(request.POST)
        if form.is_valid():
            token = form.cleaned_data["code"].strip()
            try:
                uitnodiging_redeem(token=token)
            except ValidationError as error:
                form.add_error("code", _code_error(error))
            else:
                return _begin(request, token)
    else:
        form = CodeForm(initial={"code": request.GET.get("code", "")[:200]})
    return render(request, "medewerkersonderzoek/invullen_start.html", {"form": form})


@sensitive_variables("token")
def _begin(request: HttpRequest, token: str) -> HttpResponse:
    # A new session key before the code goes in: whoever knew the old key (fixation) or
    # shares the browser's earlier session learns nothing.
    request.session.cycle_key()
    antwoorden = concept_antwoorden(token=token)
    request.session[CODE_KEY] = token
    request.session[ANTWOORDEN_KEY] = antwoorden
    if antwoorden:
        messages.info(request, _("Welkom terug. Uw opgeslagen antwoorden staan al ingevuld."))
    return redirect("medewerkersonderzoek:invullen_blok", stap=1)


def _to_start(request: HttpRequest, message: str, *, error: bool = False) -> HttpResponse:
    if CODE_KEY in request.session:
        request.session.flush()
    (messages.error if error else messages.info)(request, message)
    return redirect("medewerkersonderzoek:invullen")


def _service_errors(form: BlokForm, antwoorden: dict[str, Any], earlier: set[str]) -> None:
    """Let the services judge the answers, and name each problem at its own question: each
    item of the block is checked with the answers of the earlier blocks and of the items
    before it, so a message lands at the item it is about."""
    spec = form.spec
    base = {column: value for column, value in antwoorden.items() if column in earlier}
    for item in form.items:
        trial = base | {c: antwoorden[c] for c in item.columns() if c in antwoorden}
        try:
            antwoorden_clean(spec, trial)
        except ValidationError as error:
            form.add_error(item.code, error.messages)
        else:
            base = trial
    if not form.errors:
        try:
            antwoorden_clean(spec, antwoorden)
        except ValidationError as error:
            form.add_error(None, error.messages)


def _page(
    request: HttpRequest, golf: Golf, spec: Questionnaire, stap: int, form: BlokForm
) -> HttpResponse:
    context = {
        "golf": golf,
        "form": form,
        "stap": stap,
        "aantal": len(spec.blocks),
        "laatste": stap == len(spec.blocks),
    }
    return render(request, "medewerkersonderzoek/invullen_blok.html", context)


@public
@sensitive_variables("token")
@never_cache
@require_http_methods(["GET", "POST"])
def blok(request: HttpRequest, stap: int) -> HttpResponseBase:
    token = request.session.get(CODE_KEY)
    if not token:
        return _to_start(request, _("Vul eerst uw persoonlijke code in."))
    try:
        golf = uitnodiging_redeem(token=token).golf
    except ValidationError as error:
        return _to_start(request, " ".join(error.messages), error=True)
    spec = golf.vragenlijst.spec()
    if not 1 <= stap <= len(spec.blocks):
        raise Http404
    block = spec.blocks[stap - 1]
    antwoorden: dict[str, Any] = dict(request.session.get(ANTWOORDEN_KEY, {}))
    if request.method != "POST":
        initial = initial_from(spec, block, antwoorden)
        form = BlokForm(spec=spec, block=block, eerder=antwoorden, initial=initial)
        return _page(request, golf, spec, stap, form)
    form = BlokForm(request.POST, spec=spec, block=block, eerder=antwoorden)
    if not form.is_valid():
        return _page(request, golf, spec, stap, form)
    own = block_columns(block)
    rest = {column: value for column, value in antwoorden.items() if column not in own}
    antwoorden = prune(spec, rest | form.antwoorden())
    earlier = {c for b in spec.blocks[: stap - 1] for c in block_columns(b)}
    _service_errors(form, antwoorden, earlier)
    if form.errors:
        return _page(request, golf, spec, stap, form)
    request.session[ANTWOORDEN_KEY] = antwoorden
    return _next(request, golf, spec, stap, form, token)


@sensitive_variables("token")
def _next(
    request: HttpRequest, golf: Golf, spec: Questionnaire, stap: int, form: BlokForm, token: str
) -> HttpResponseBase:
    """Where the pressed button leads, once the block's answers are in the session."""
    actie = request.POST.get("actie", "volgende")
    antwoorden = request.session[ANTWOORDEN_KEY]
    if actie == "vorige":
        return redirect("medewerkersonderzoek:invullen_blok", stap=max(stap - 1, 1))
    if actie == "opslaan":
        try:
            concept_opslaan(token=token, antwoorden=antwoorden)
        except ValidationError as error:
            form.add_error(None, error.messages)
            return _page(request, golf, spec, stap, form)
        return _to_start(
            request,
            _(
                "Uw antwoorden zijn opgeslagen. U gaat later verder met dezelfde code: open de "
                "link in uw uitnodiging opnieuw, of vul de code hieronder in."
            ),
        )
    if stap < len(spec.blocks):
        return redirect("medewerkersonderzoek:invullen_blok", stap=stap + 1)
    try:
        respons_submit(token=token, antwoorden=antwoorden)
    except ValidationError as error:
        form.add_error(None, error.messages)
        return _page(request, golf, spec, stap, form)
    request.session.flush()
    return redirect("medewerkersonderzoek:invullen_klaar")


@public
@require_GET
def klaar(request: HttpRequest) -> HttpResponse:
    return render(request, "medewerkersonderzoek/invullen_klaar.html")
