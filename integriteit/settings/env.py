"""The one place where environment variables are read.

Every variable is listed in ``.env.example``. A secret may also come from a file:
``SECRET_KEY_FILE=/run/secrets/key`` is read when ``SECRET_KEY`` is not set (healthchecks).
"""

from __future__ import annotations

import os
from pathlib import Path

_TRUE = {"1", "true", "yes", "on", "ja"}


def env_str(name: str, default: str = "") -> str:
    """Return ``name`` from the environment, or the contents of ``name_FILE``."""
    value = os.environ.get(name)
    if value is not None:
        return value
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return default


def env_bool(name: str, default: bool = False) -> bool:
    raw = env_str(name, "")
    if raw == "":
        return default
    return raw.strip().lower() in _TRUE


def env_int(name: str, default: int) -> int:
    raw = env_str(name, "")
    return int(raw) if raw.strip() else default


def env_list(name: str, default: list[str]) -> list[str]:
    raw = env_str(name, "")
    if not raw.strip():
        return default
    return [part.strip() for part in raw.split(",") if part.strip()]
