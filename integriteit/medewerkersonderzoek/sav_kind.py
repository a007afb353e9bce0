"""Reading an SPSS ``.sav`` file in a child process.

pyreadstat (1.3.7) dies with a segmentation fault on some damaged files (found by the fuzz
tests, ``integriteit/tests/fuzz``, ADR 0020): read in the web or job process, one bad upload
would kill that process and the user would never get an error. So the file is read in a
fresh child (``spawn``: nothing of Django is inherited), and a child that dies or hangs is
reported as an unreadable file. This module imports no Django, so the child starts cheaply.
"""

from __future__ import annotations

import io
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from typing import Any

#: Seconds a child may take before the file counts as unreadable.
TIJDSLIMIET = 120


class SavOnleesbaar(Exception):  # noqa: N818 (Dutch: "unreadable")
    """The file could not be read: pyreadstat refused it, or the child died or hung."""


def _lees(data: bytes) -> dict[str, Any]:
    """In the child: the columns and the metadata that matter, as plain, picklable data."""
    import pyreadstat

    try:
        kolommen, meta = pyreadstat.read_sav(
            io.BytesIO(data), output_format="dict", user_missing=True
        )
    except Exception as exc:  # ReadstatError, PyreadstatError, or worse for a damaged file
        raise SavOnleesbaar(str(exc)) from None
    namen = [str(naam) for naam in meta.column_names]
    return {
        "namen": namen,
        "waarden": [list(kolommen[naam]) for naam in meta.column_names],
        "labels": dict(meta.variable_value_labels or {}),
        "ontbrekend": dict(meta.missing_ranges or {}),
    }


def sav_lezen(data: bytes) -> dict[str, Any]:
    """The file's columns (``namen``, ``waarden``), value labels and user-missing ranges;
    :class:`SavOnleesbaar` for anything else, including a crash of the reader."""
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        try:
            return pool.submit(_lees, data).result(timeout=TIJDSLIMIET)
        except SavOnleesbaar:
            raise
        except (BrokenProcessPool, TimeoutError) as exc:
            for proces in list(getattr(pool, "_processes", {}).values()):
                proces.kill()
            raise SavOnleesbaar("het leesproces stopte") from exc
