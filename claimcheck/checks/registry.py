"""The registry of flag checks: independent pure functions `Doc -> Iterable[Hit]`.

A check module registers its function with `@register(kind, severity=..., description=...)`.
The flags component (`claimcheck.checks.component`) runs the enabled checks over a Doc whose
claims are already in `doc.spans["claims"]` and writes `doc.spans["flags"]`.

    @register("placeholder", severity="error", description="template leftovers")
    def find_placeholders(doc: Doc) -> Iterator[Hit]:
        yield Hit(start, end, "`XNUMX` is a placeholder ...", suggestion=None)

Offsets are character offsets into `doc.text`; the component aligns them to tokens.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from spacy.tokens import Doc

from ..models import FLAG_KINDS, SEVERITIES


@dataclass(frozen=True)
class Hit:
    """One finding of a check: where, why, and (optionally) how to fix it."""

    start: int
    end: int
    message: str
    suggestion: str | None = None
    severity: str | None = None  # overrides the check's default severity


CheckFunc = Callable[[Doc], Iterable[Hit]]


@dataclass(frozen=True)
class Check:
    kind: str
    severity: str
    description: str
    func: CheckFunc


REGISTRY: dict[str, Check] = {}


def register(kind: str, *, severity: str, description: str) -> Callable[[CheckFunc], CheckFunc]:
    if kind not in FLAG_KINDS:
        raise ValueError(f"unknown flag kind {kind!r}")
    if severity not in SEVERITIES:
        raise ValueError(f"unknown severity {severity!r}")

    def decorator(func: CheckFunc) -> CheckFunc:
        if kind in REGISTRY and REGISTRY[kind].func is not func:
            raise ValueError(f"check {kind!r} registered twice")
        REGISTRY[kind] = Check(kind, severity, description, func)
        return func

    return decorator


def all_checks() -> dict[str, Check]:
    """Every registered check, importing the check modules once."""
    from . import load_all  # noqa: F401  (imports the modules, which register)

    return dict(REGISTRY)


def select_checks(only: Iterable[str] | None = None, skip: Iterable[str] | None = None) -> list[Check]:
    """The checks to run: all, or `only` these, minus `skip`. Unknown names raise ValueError."""
    checks = all_checks()
    names = list(only) if only else list(checks)
    skipped = set(skip or ())
    unknown = [n for n in [*names, *skipped] if n not in checks and n not in FLAG_KINDS]
    if unknown:
        raise ValueError(f"unknown check(s): {', '.join(unknown)}; known: {', '.join(sorted(checks))}")
    return [checks[n] for n in names if n in checks and n not in skipped]
