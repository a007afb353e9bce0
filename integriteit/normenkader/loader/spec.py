"""What a framework file says, once checked: frozen values, no database."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LevelSpec:
    """A level of the scale; the highest rank means "meets the norm"."""

    code: str
    label: str
    rank: int
    color: str


@dataclass(frozen=True)
class NormSpec:
    code: str
    text: str
    guidance: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class GroupSpec:
    code: str
    title: str
    #: The group's own ``applies_to``, or the framework's when the group has none.
    applies_to: str
    norms: tuple[NormSpec, ...]


@dataclass(frozen=True)
class FrameworkSpec:
    code: str
    version: int
    title: str
    source: str
    applies_to: str
    scale: tuple[LevelSpec, ...]
    groups: tuple[GroupSpec, ...]

    @property
    def norms(self) -> tuple[NormSpec, ...]:
        """Every norm of the framework, in file order."""
        return tuple(norm for group in self.groups for norm in group.norms)
