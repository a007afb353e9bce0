"""What every fuzz test asserts: a parser returns a result or raises its own error type with
Dutch messages (nothing else escapes), and a refused import leaves the database unchanged."""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, transaction
from hypothesis import event as hypothesis_event
from hypothesis.control import currently_in_test_context

T = TypeVar("T")

# Words of which every Dutch message of the parsers holds at least one (they name the file,
# the line, the row, the column or the field, or say what is wrong in Dutch).
_DUTCH = re.compile(
    r"\b(regel|rij|kolom|kolommen|veld|bestand|bestanden|geen|moet|ontbreekt|ontbreken|leeg|"
    r"is|zijn|niet|te|van|het|de|een|er|kies|uit|onbekend|onbekende|dubbele|langer|groter|"
    r"meer|dan|al|op|naam|waarde|golf|formaat|niemand|verwacht)\b",
    re.IGNORECASE,
)
# What an unhandled exception leaks into a message: a traceback or a Python error name.
_PYTHON = re.compile(r"Traceback|\b[A-Z][A-Za-z]*Error\(|\bNoneType\b|object has no attribute")


def event(name: str) -> None:
    """Counted by ``--hypothesis-show-statistics`` (how many examples were accepted)."""
    if currently_in_test_context():
        hypothesis_event(name)


def messages_of(exc: BaseException) -> list[str]:
    """The user-facing messages of a parser's own error."""
    if isinstance(exc, ValidationError):
        return [str(m) for m in exc.messages]
    fouten = getattr(exc, "fouten", None)
    if isinstance(fouten, list):
        return [str(m) for m in fouten]
    return [str(exc)]


def assert_dutch(messages: Iterable[str]) -> None:
    texts = list(messages)
    assert texts, "a refusal must say why"
    for text in texts:
        assert text.strip(), f"empty message in {texts!r}"
        assert _DUTCH.search(text), f"not a Dutch message: {text!r}"
        assert not _PYTHON.search(text), f"a Python error leaks into the message: {text!r}"


@dataclass(frozen=True)
class KnownBug:
    """A crash this package found and reported, not yet fixed: ``exception`` raised in
    ``function`` of a file ending in ``path``. Each has its own strict xfail test; the
    property tests step over exactly that crash, so that they keep looking for others."""

    reason: str
    exception: tuple[type[BaseException], ...]
    path: str
    function: str

    def matches(self, exc: BaseException) -> bool:
        if not isinstance(exc, self.exception):
            return False
        frames = traceback.extract_tb(exc.__traceback__)
        return any(f.filename.endswith(self.path) and f.name == self.function for f in frames)


def parses_or_refuses(
    parse: Callable[[], T],
    refusal: type[Exception] | tuple[type[Exception], ...],
    known: Sequence[KnownBug] = (),
) -> T | None:
    """``parse()``'s result, or None when it raised ``refusal`` with Dutch messages. Any other
    exception propagates (unless it is a ``known`` bug): that is the bug hypothesis then
    shrinks."""
    try:
        result = parse()
    except refusal as exc:
        assert_dutch(messages_of(exc))
        event("geweigerd")
        return None
    except Exception as exc:
        if not any(bug.matches(exc) for bug in known):
            raise
        event("bekende fout")
        return None
    event("geaccepteerd")
    return result


def _rows(model: type[models.Model]) -> list[tuple[Any, ...]]:
    return list(model._default_manager.order_by("pk").values_list())


def snapshot(*app_labels: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every model of the apps (and of the audit log), for a before/after check."""
    labels = {*app_labels, "common"}
    return {
        model._meta.label: _rows(model)
        for model in apps.get_models()
        if model._meta.app_label in labels and not model._meta.proxy
    }


def refused_changes_nothing(
    run: Callable[[], T],
    refusal: type[Exception] | tuple[type[Exception], ...],
    app_labels: tuple[str, ...],
    known: Sequence[KnownBug] = (),
) -> T | None:
    """Run an import; when it is refused, every table of ``app_labels`` must be as before."""
    before = snapshot(*app_labels)
    result = parses_or_refuses(run, refusal, known)
    if result is None:
        after = snapshot(*app_labels)
        changed = [label for label in before if before[label] != after[label]]
        assert not changed, f"a refused import changed {changed}"
    return result


@contextmanager
def teruggedraaid() -> Iterator[None]:
    """One hypothesis example in a transaction that is rolled back afterwards, so every
    example starts from the same database (a successful import is undone too)."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


# --- the crashes found so far (see docs/adr/0020-fuzzing.md and the xfail tests) ----------------
# Fixed since (each with its test now passing): read_int on '!!int abc' and huge numbers,
# blank organisation CSVs, the reports CSV's field limit, YAML answer codes written as 0x1,
# a lone carriage return in a survey header, zip versions the zipfile module cannot read.

#: Not an exception: the process dies. Kept as a reason for the xfail test that reads the file
#: in a forked child (fixtures/sav-segfault.sav).
SAV_SEGFAULT = (
    "medewerkersonderzoek/imports/readers._sav(): pyreadstat 1.3.7 (read_sav on a BytesIO) "
    "dies with a segmentation fault on a damaged .sav (fixtures/sav-segfault.sav): the web "
    "worker or job process that reads the upload is killed, no ImportFout"
)
