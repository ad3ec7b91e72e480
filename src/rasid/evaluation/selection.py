"""Choosing which gold reports to score: by id pattern, by country, and grouping by id prefix."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from fnmatch import fnmatchcase
from typing import Any

GoldRow = dict[str, Any]


def report_countries(row: GoldRow) -> set[str]:
    """The ISO country (or countries, on a tie) that most of the report's gold places lie in."""
    counts = Counter(p["country"] for p in row.get("places") or [] if p.get("country"))
    if not counts:
        return set()
    top = max(counts.values())
    return {c for c, n in counts.items() if n == top}


def select_reports(rows: Sequence[GoldRow], id_patterns: Sequence[str] = (), country: str | None = None) -> list[GoldRow]:
    """The rows whose id matches one of the glob patterns (all when none) and that lie mostly in `country`."""
    chosen = [r for r in rows if not id_patterns or any(fnmatchcase(str(r["id"]), p) for p in id_patterns)]
    if country:
        chosen = [r for r in chosen if country.upper() in report_countries(r)]
    return chosen


def id_prefix(report_id: str) -> str:
    """The part of an id up to its first underscore (s2_04 → s2_), or "" for an id without one."""
    head, sep, _ = str(report_id).partition("_")
    return head + sep if sep else ""


def group_by_prefix(rows: Sequence[GoldRow]) -> dict[str, list[GoldRow]]:
    """Rows grouped by id prefix, groups in the order their first row appears."""
    groups: dict[str, list[GoldRow]] = {}
    for row in rows:
        groups.setdefault(id_prefix(row["id"]), []).append(row)
    return groups
