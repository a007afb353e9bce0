"""Owns every write of the survey's collection side: questionnaire versions, waves and their
unit lists, invitations (tokens), reminders and mailing, drafts and anonymous responses.

Each service runs in one transaction and writes one audit event in it — never with a token,
an e-mail address or an answer in its details. Anonymity rules (ADR 0008): a response is
created only by :func:`respons_submit`, which marks the invitation used and creates the
response in one transaction *without any reference between them*. Who may call which service
for which organisation is decided by the views through the selectors' scopes.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from integriteit.common.audit import audit_log
from integriteit.common.reference_data import content_hash, existing_version
from integriteit.medewerkersonderzoek.constants import (
    ALLOWED_TRANSITIONS,
    MIN_GROUP_SIZE_FLOOR,
    ROL_ITEM,
    ROL_ITEM_JA,
    TEXT_MAX,
    TOKEN_BYTES,
    GolfStatus,
    Rol,
)
from integriteit.medewerkersonderzoek.models import (
    ConceptAntwoord,
    Golf,
    GolfEenheid,
    Respons,
    Uitnodiging,
    Vragenlijst,
)
from integriteit.medewerkersonderzoek.questionnaire import questionnaire_parse
from integriteit.medewerkersonderzoek.spec import Item, Questionnaire
from integriteit.organisaties.models import Organisatie

#: Upper bound on invitations created in one call (the report's survey had 20,144).
MAX_UITNODIGINGEN = 250_000


def token_hash(token: str) -> str:
    """SHA-256 of a token. Tokens carry 256 random bits, so a slow hash (Argon2) adds nothing:
    nobody can enumerate them, and a fast hash allows a plain indexed lookup (ADR 0008)."""
    return hashlib.sha256(token.encode()).hexdigest()


def _golf_event(actor: Any, action: str, golf: Golf, **details: Any) -> None:
    audit_log(
        actor=actor,
        action=action,
        object_type="golf",
        object_id=golf.pk,
        organisatie_id=golf.organisatie_id,
        details=details,
    )


# --- questionnaires -----------------------------------------------------------------------


@transaction.atomic
def vragenlijst_load(*, acting_user: Any, data: bytes, filename: str) -> Vragenlijst:
    """Store a questionnaire version; the same file again returns the stored version.

    A version is immutable: the same code and version with other content is refused.
    """
    spec = questionnaire_parse(data=data, filename=filename)
    sha256 = content_hash(data)
    existing = existing_version(
        Vragenlijst, code=spec.code, version=spec.version, sha256=sha256, filename=filename
    )
    if existing is not None:
        return existing
    vragenlijst = Vragenlijst.objects.create(
        code=spec.code,
        versie=spec.version,
        titel=spec.title,
        bron=data.decode("utf-8-sig"),
        bestandsnaam=filename[:200],
        sha256=sha256,
    )
    audit_log(
        actor=acting_user,
        action="vragenlijst.geladen",
        object_type="vragenlijst",
        object_id=f"{spec.code} v{spec.version}",
        details={"bestand": vragenlijst.bestandsnaam, "sha256": sha256, "items": len(spec.items)},
    )
    return vragenlijst


# --- waves ---------------------------------------------------------------------------------


def _leaf_units(organisatie: Organisatie, peildatum: date) -> list[Organisatie]:
    """The leaves of the subtree of ``organisatie`` that exist on ``peildatum``."""
    nodes = list(
        Organisatie.objects.filter(pad__startswith=organisatie.pad)
        .geldig_op(peildatum)
        .order_by("pad")
    )
    parents = {node.parent_id for node in nodes}
    return [node for node in nodes if node.pk not in parents]


def _check_golf(*, titel: str, start: date, eind: date, min_group_size: int) -> None:
    errors: dict[str, str] = {}
    if not titel.strip():
        errors["titel"] = _("Geef de golf een titel.")
    if eind < start:
        errors["eind"] = _("De einddatum ligt vóór de startdatum.")
    if min_group_size < MIN_GROUP_SIZE_FLOOR:
        errors["min_group_size"] = _(
            "De minimale groepsgrootte is %(n)d; minder dan %(floor)d mag nooit."
        ) % {"n": min_group_size, "floor": MIN_GROUP_SIZE_FLOOR}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def golf_create(
    *,
    acting_user: Any,
    vragenlijst: Vragenlijst,
    organisatie: Organisatie,
    titel: str,
    start: date,
    eind: date,
    min_group_size: int = 10,
    synthetisch: bool = False,
) -> Golf:
    """A new wave in preparation, with the leaf units under ``organisatie`` and their
    headcounts copied (frozen) as they are on the start date."""
    _check_golf(titel=titel, start=start, eind=eind, min_group_size=min_group_size)
    golf = Golf.objects.create(
        vragenlijst=vragenlijst,
        organisatie=organisatie,
        titel=titel.strip(),
        start=start,
        eind=eind,
        min_group_size=min_group_size,
        synthetisch=synthetisch,
    )
    units = _leaf_units(organisatie, start)
    GolfEenheid.objects.bulk_create(
        [
            GolfEenheid(
                golf=golf, organisatie=unit, aantal_medewerkers=unit.aantal_medewerkers or 0
            )
            for unit in units
        ]
    )
    _golf_event(
        acting_user,
        "golf.aangemaakt",
        golf,
        vragenlijst=f"{vragenlijst.code} v{vragenlijst.versie}",
        eenheden=len(units),
        medewerkers=sum(unit.aantal_medewerkers or 0 for unit in units),
        min_group_size=min_group_size,
        synthetisch=synthetisch,
    )
    return golf


@transaction.atomic
def golf_transition(*, acting_user: Any, golf: Golf, naar: str) -> Golf:
    """Open a prepared wave or close an open one; nothing else."""
    locked = Golf.objects.select_for_update().get(pk=golf.pk)
    if naar not in ALLOWED_TRANSITIONS.get(locked.status, frozenset()):
        raise ValidationError(
            _("Van %(van)s naar %(naar)s kan niet.")
            % {
                "van": GolfStatus(locked.status).label.lower(),
                "naar": GolfStatus(naar).label.lower() if naar in GolfStatus.values else naar,
            }
        )
    van = locked.status
    locked.status = naar
    locked.save(update_fields=["status"])
    _golf_event(acting_user, "golf.status", locked, van=van, naar=naar)
    return locked


# --- invitations ---------------------------------------------------------------------------


@dataclass(frozen=True)
class NieuweUitnodiging:
    """A freshly created invitation with its plain token. The token exists only here: it
    is never stored and cannot be shown again (export or mail it right away)."""

    token: str
    eenheid_code: str
    eenheid_naam: str


def _counts(golf: Golf, per_eenheid: Mapping[int, int] | None) -> list[tuple[GolfEenheid, int]]:
    eenheden = {e.pk: e for e in golf.eenheden.select_related("organisatie")}
    if per_eenheid is None:
        return [(e, e.aantal_medewerkers) for e in eenheden.values()]
    errors = []
    for pk, count in per_eenheid.items():
        if pk not in eenheden:
            errors.append(_("Eenheid %(id)s hoort niet bij deze golf.") % {"id": pk})
        elif count < 0:
            errors.append(
                _("Aantal voor %(code)s is negatief.") % {"code": eenheden[pk].organisatie.code}
            )
    if errors:
        raise ValidationError(errors)
    return [(eenheden[pk], count) for pk, count in per_eenheid.items()]


@transaction.atomic
def uitnodigingen_create(
    *,
    acting_user: Any,
    golf: Golf,
    per_eenheid: Mapping[int, int] | None = None,
    rol_hint: str = "",
) -> list[NieuweUitnodiging]:
    """Invitations per unit (``per_eenheid``: GolfEenheid id → number; ``None``: one per
    employee of the frozen headcount). Returns the plain tokens ONCE; only their hashes are
    stored, so they cannot be shown again."""
    if golf.status == GolfStatus.GESLOTEN:
        raise ValidationError(_("Deze golf is gesloten; er kunnen geen uitnodigingen bij."))
    if rol_hint and rol_hint not in Rol.values:
        raise ValidationError({"rol_hint": _("Onbekende rol.")})
    counts = _counts(golf, per_eenheid)
    if sum(n for _e, n in counts) > MAX_UITNODIGINGEN:
        raise ValidationError(
            _("Meer dan %(max)d uitnodigingen in één keer kan niet.") % {"max": MAX_UITNODIGINGEN}
        )
    nieuw: list[NieuweUitnodiging] = []
    rows: list[Uitnodiging] = []
    for eenheid, count in counts:
        for _i in range(count):
            token = secrets.token_urlsafe(TOKEN_BYTES)
            rows.append(
                Uitnodiging(
                    golf=golf, golf_eenheid=eenheid, token_hash=token_hash(token), rol_hint=rol_hint
                )
            )
            nieuw.append(
                NieuweUitnodiging(token, eenheid.organisatie.code, eenheid.organisatie.naam)
            )
    Uitnodiging.objects.bulk_create(rows, batch_size=2000)
    _golf_event(acting_user, "uitnodigingen.aangemaakt", golf, aantal=len(rows))
    return nieuw


def _invitation(token: str, *, lock: bool) -> Uitnodiging:
    """The open invitation of ``token``; refuses unknown or used tokens and waves not open."""
    queryset = Uitnodiging.objects.select_related("golf", "golf__vragenlijst", "golf_eenheid")
    if lock:
        queryset = queryset.select_for_update()
    uitnodiging = queryset.filter(token_hash=token_hash(token.strip())).first()
    if uitnodiging is None:
        raise ValidationError(_("Deze link is onbekend. Controleer of u de hele link gebruikt."))
    if uitnodiging.gebruikt:
        raise ValidationError(
            _("Met deze link is al geantwoord. Elke link kan maar één keer worden gebruikt.")
        )
    status = uitnodiging.golf.status
    if status == GolfStatus.VOORBEREIDING:
        raise ValidationError(_("Dit onderzoek is nog niet geopend."))
    if status == GolfStatus.GESLOTEN:
        raise ValidationError(_("Dit onderzoek is gesloten; antwoorden kan niet meer."))
    return uitnodiging


def uitnodiging_redeem(*, token: str) -> Uitnodiging:
    """The invitation behind ``token`` if it may still be used to answer.

    Writes nothing, so it writes no audit event either: logging each opening of the form
    would record, per invitation, when someone was answering (ADR 0008).
    """
    return _invitation(token, lock=False)


@transaction.atomic
def herinnering_gestuurd(
    *, acting_user: Any, golf: Golf, uitnodigingen: Iterable[Uitnodiging]
) -> int:
    """Record today as the day of the last reminder for the unused ``uitnodigingen``."""
    ids = [u.pk for u in uitnodigingen if u.golf_id == golf.pk]
    count = Uitnodiging.objects.filter(pk__in=ids, gebruikt=False).update(
        herinnerd_op=timezone.localdate()
    )
    _golf_event(acting_user, "uitnodigingen.herinnerd", golf, aantal=count)
    return count


def _mail_texts(golf: Golf, link: str, herinnering: bool) -> tuple[str, str]:
    subject = _("Herinnering: %(titel)s") if herinnering else _("Uitnodiging: %(titel)s")
    body = _(
        "Wij nodigen u uit mee te doen aan %(titel)s. Het onderzoek is anoniem: uw antwoorden "
        "worden niet aan u of aan deze link gekoppeld.\n\nU kunt antwoorden tot en met "
        "%(eind)s via deze persoonlijke link (één keer te gebruiken):\n\n%(link)s\n"
    )
    values = {"titel": golf.titel, "eind": golf.eind.strftime("%d-%m-%Y"), "link": link}
    return subject % values, body % values


@transaction.atomic
def uitnodigingen_mailen(
    *,
    acting_user: Any,
    golf: Golf,
    adressen: Mapping[str, str],
    link_template: str,
    herinnering: bool = False,
) -> int:
    """Mail each token's link (``link_template`` with ``{token}``) to its address, after
    commit. Addresses are not stored. Tokens of other waves are refused; used tokens are
    skipped; with ``herinnering`` the reminder day is recorded on the invitations mailed."""
    if "{token}" not in link_template:
        raise ValidationError({"link_template": _("De link moet {token} bevatten.")})
    by_hash = {token_hash(token): token for token in adressen}
    found = {
        u.token_hash: u for u in Uitnodiging.objects.filter(golf=golf, token_hash__in=list(by_hash))
    }
    if len(found) != len(by_hash):
        raise ValidationError(
            _("%(n)d van de tokens horen niet bij deze golf; er is niets verstuurd.")
            % {"n": len(by_hash) - len(found)}
        )
    open_hashes = [h for h, u in found.items() if not u.gebruikt]
    messages = []
    for digest in open_hashes:
        token = by_hash[digest]
        subject, body = _mail_texts(golf, link_template.format(token=token), herinnering)
        messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, [adressen[token]]))
    if herinnering:
        Uitnodiging.objects.filter(token_hash__in=open_hashes).update(
            herinnerd_op=timezone.localdate()
        )
    transaction.on_commit(lambda: send_mass_mail(tuple(messages), fail_silently=False))
    action = "uitnodigingen.herinnerd" if herinnering else "uitnodigingen.gemaild"
    _golf_event(acting_user, action, golf, aantal=len(messages))
    return len(messages)


# --- answering -----------------------------------------------------------------------------


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def _allowed(spec: Questionnaire, item: Item) -> tuple[int, ...]:
    if item.kind == "multi":
        return (0, 1)
    if item.kind == "single":
        return tuple(option.code for option in item.options)
    scale = spec.scale_of(item)
    return scale.valid_codes if scale else ()


def _clean_value(spec: Questionnaire, item: Item, column: str, value: Any) -> tuple[Any, str]:
    """The cleaned value, or an error message naming the item."""
    if item.kind == "text":
        if not isinstance(value, str):
            return None, _("Vraag ‘%(item)s’: het antwoord moet tekst zijn.") % {"item": item.code}
        if len(value) > TEXT_MAX:
            return None, _("Vraag ‘%(item)s’: het antwoord is langer dan %(max)d tekens.") % {
                "item": item.code,
                "max": TEXT_MAX,
            }
        return value.strip(), ""
    allowed = _allowed(spec, item)
    code = _as_int(value)
    if code is None or code not in allowed:
        message = _(
            "Vraag ‘%(item)s’ (kolom %(kolom)s): %(waarde)s is geen geldig antwoord; "
            "kies uit %(codes)s."
        )
        return None, message % {
            "item": item.code,
            "kolom": column,
            "waarde": str(value)[:40],
            "codes": ", ".join(map(str, allowed)),
        }
    return code, ""


def antwoorden_clean(spec: Questionnaire, antwoorden: Mapping[str, Any]) -> dict[str, Any]:
    """Check answers against the questionnaire: known columns, valid codes, and ``ask_if``
    routing (answers to questions that were not asked are refused). Empty = missing.
    Raises one ValidationError with every problem, each message naming the item."""
    columns = {column: item for item in spec.items for column in item.columns()}
    errors = [
        _("‘%(kolom)s’ is geen vraag van deze vragenlijst.") % {"kolom": str(column)[:60]}
        for column in antwoorden
        if column not in columns
    ]
    cleaned: dict[str, Any] = {}
    for item in spec.items:  # in questionnaire order, so ask_if sees earlier answers
        given = {c: antwoorden[c] for c in item.columns() if antwoorden.get(c) not in (None, "")}
        ask_if = item.ask_if
        if given and ask_if is not None and cleaned.get(ask_if.item) not in ask_if.values:
            message = _("Vraag ‘%(item)s’ is niet gesteld (alleen bij %(vraag)s = %(codes)s).")
            codes = ", ".join(map(str, ask_if.values))
            errors.append(message % {"item": item.code, "vraag": ask_if.item, "codes": codes})
            continue
        for column, value in given.items():
            clean, error = _clean_value(spec, item, column, value)
            if error:
                errors.append(error)
            elif clean != "":
                cleaned[column] = clean
    if errors:
        raise ValidationError(errors)
    return cleaned


def _rol(cleaned: Mapping[str, Any], hint: str) -> str:
    if ROL_ITEM in cleaned:
        return Rol.LEIDINGGEVENDE if cleaned[ROL_ITEM] == ROL_ITEM_JA else Rol.MEDEWERKER
    return hint or Rol.MEDEWERKER


@transaction.atomic
def concept_opslaan(*, token: str, antwoorden: Mapping[str, Any]) -> ConceptAntwoord:
    """Save answers halfway, keyed by the token's hash; replaced by each save and deleted
    when the response is submitted (ADR 0008)."""
    uitnodiging = _invitation(token, lock=True)
    golf = uitnodiging.golf
    cleaned = antwoorden_clean(golf.vragenlijst.spec(), antwoorden)
    concept, _created = ConceptAntwoord.objects.update_or_create(
        token_hash=uitnodiging.token_hash,
        defaults={"golf": golf, "antwoorden": cleaned, "bijgewerkt_op": timezone.localdate()},
    )
    _golf_event(None, "concept.opgeslagen", golf)
    return concept


@transaction.atomic
def respons_submit(*, token: str, antwoorden: Mapping[str, Any]) -> Respons:
    """Mark the invitation used and store the response — in one transaction, without any
    reference between them. The draft (the only token-keyed copy) is deleted."""
    uitnodiging = _invitation(token, lock=True)
    golf = uitnodiging.golf
    cleaned = antwoorden_clean(golf.vragenlijst.spec(), antwoorden)
    uitnodiging.gebruikt = True
    uitnodiging.save(update_fields=["gebruikt"])
    ConceptAntwoord.objects.filter(token_hash=uitnodiging.token_hash).delete()
    respons = Respons.objects.create(
        golf=golf,
        golf_eenheid_id=uitnodiging.golf_eenheid_id,
        rol=_rol(cleaned, uitnodiging.rol_hint),
        antwoorden=cleaned,
        ingevuld_in=timezone.localdate().replace(day=1),
    )
    # Neither the invitation nor the response nor the unit in the event: its timestamp must
    # not be matchable to one of them (ADR 0008).
    _golf_event(None, "respons.ingediend", golf)
    return respons
