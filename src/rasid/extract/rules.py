"""Extraction rules declared with a one-line description of their own (the registry is `rasid.rules`).

The role, count and place rules are small functions whose docstrings explain *how* they
work; `rule` registers each under its dotted name with a separate one-line *what it decides*
for `rasid rules`, and the fields it can set for `rasid extract --explain`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from rasid import rules

F = TypeVar("F", bound=Callable[..., Any])


def rule(name: str, field: str, description: str) -> Callable[[F], F]:
    """Register the decorated function as the rule `name`, which sets `field`."""

    def register(fn: F) -> F:
        rules.declare(name, description, fields=(field,), home=f"{fn.__module__}.{fn.__qualname__}")
        return fn

    return register
