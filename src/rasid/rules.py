"""Rules as named units: a registry, a switch for each rule, and a trace for `--explain`.

Every decision rasid takes on the words of a report (this number is a year, this date
is "yesterday", this phrase names the agent) is a *rule*: it has a dotted name
(``dates.relative_day``), the output fields it can set, a home (a declarative pattern in a
data file, or one small registered function) and a one-line doc. Rules are

* listed: `rasid rules` prints the registry;
* switched off: ``rasid extract --disable dates.weekday`` or
  ``extract_report(text, disable=["dates.weekday"])``; a stage prefix (``dates``) switches
  off all its rules; an unknown name is an error, so a typo never silently does nothing;
* traced: while `tracing()` is on, a rule that fires records its name, the fields it sets
  and the evidence span; `rasid extract --explain` shows them for every event field.

This module is the lowest layer (it imports nothing from rasid), so the text layer and the
extraction rules register here alike. See `rasid/lang/ar/README.md`, "Adding a rule".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True, slots=True)
class Rule:
    """A named rule: what it decides, which fields it can set, and where it lives."""

    name: str
    doc: str
    fields: tuple[str, ...]
    home: str

    @property
    def stage(self) -> str:
        """The component it belongs to: the name up to the first dot (``dates``)."""
        return self.name.split(".", 1)[0]


@dataclass(frozen=True, slots=True)
class Firing:
    """One application of a rule: the fields it set and the span of the words it read."""

    rule: str
    fields: tuple[str, ...]
    start: int
    end: int


class UnknownRuleError(ValueError):
    """A rule name that is not registered (a typo in --disable, or a stale name)."""


_REGISTRY: dict[str, Rule] = {}
_DISABLED: ContextVar[frozenset[str]] = ContextVar("rasid_disabled_rules", default=frozenset())
_TRACE: ContextVar[list[Firing] | None] = ContextVar("rasid_rule_trace", default=None)


def declare(name: str, doc: str, *, fields: Iterable[str] = (), home: str) -> Rule:
    """Register a rule that lives as data (a pattern in a YAML file named by `home`)."""
    rule = Rule(name, " ".join(doc.split()), tuple(fields), home)
    known = _REGISTRY.get(name)
    if known is not None and known != rule:
        raise ValueError(f"rule {name!r} is registered twice ({known.home} and {home})")
    _REGISTRY[name] = rule
    return rule


def register(name: str, *, fields: Iterable[str] = ()) -> Callable[[F], F]:
    """Decorator: register a function as the rule `name`; its docstring's first line is its doc."""

    def wrap(func: F) -> F:
        doc = (func.__doc__ or "").strip().split("\n\n", 1)[0]
        declare(name, doc, fields=fields, home=f"{func.__module__}.{func.__qualname__}")
        return func

    return wrap


def registered(stage: str | None = None) -> list[Rule]:
    """The rules in registration order, all or those of one stage."""
    return [r for r in _REGISTRY.values() if stage is None or r.stage == stage]


def get(name: str) -> Rule:
    """The rule `name`, or UnknownRuleError."""
    try:
        return _REGISTRY[name]
    except KeyError:
        raise UnknownRuleError(f"no rule named {name!r} (see `rasid rules`)") from None


def enabled(name: str) -> bool:
    """False when the rule or its stage is switched off in the current context."""
    off = _DISABLED.get()
    return not off or (name not in off and name.split(".", 1)[0] not in off)


def check_names(names: Iterable[str]) -> frozenset[str]:
    """The names, stripped, or UnknownRuleError for any that is neither a rule nor a stage."""
    stages = {r.stage for r in _REGISTRY.values()}
    names = frozenset(n.strip() for n in names if n.strip())
    unknown = sorted(n for n in names if n not in _REGISTRY and n not in stages)
    if unknown:
        raise UnknownRuleError(f"no rule or stage named {', '.join(map(repr, unknown))} (see `rasid rules`)")
    return names


@contextmanager
def disabled(names: Iterable[str]) -> Iterator[None]:
    """Switch the named rules (or whole stages) off inside the block."""
    token = _DISABLED.set(_DISABLED.get() | check_names(names))
    try:
        yield
    finally:
        _DISABLED.reset(token)


@contextmanager
def tracing() -> Iterator[list[Firing]]:
    """Record every rule that fires inside the block, in order."""
    firings: list[Firing] = []
    token = _TRACE.set(firings)
    try:
        yield firings
    finally:
        _TRACE.reset(token)


def fired(name: str, start: int, end: int, fields: Iterable[str] | None = None) -> None:
    """Note that rule `name` read the original span [start, end) (a no-op unless tracing)."""
    trace = _TRACE.get()
    if trace is not None:
        rule = get(name)
        trace.append(Firing(name, tuple(fields) if fields is not None else rule.fields, start, end))
