"""Scoring extraction output against gold annotations (`../shared/eval/FORMAT.md`).

The rules are FORMAT.md's, and the figures and error lines agree with the reference scorer
(`../shared/eval/score.py`; a test compares them on every shared set):

- `surfaces`: normalisation, clitic and dual variants (R3), head containment (R2);
- `identity`: which state or group an English actor name stands for (R4);
- `entities`: places, actors and weapons, alias spans (R1), geocoding;
- `events`: "Same …" twins (R6), optimal pairing (R5), sub-type, actor1, fatalities;
- `assignment`: the maximum-weight pairing itself.

Figures are micro-averaged over all reports.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rasid.evaluation.entities import score_mentions
from rasid.evaluation.events import score_events
from rasid.evaluation.surfaces import norm_surface, same_surface
from rasid.evaluation.tally import EventOutcome, Scores, Tally

__all__ = ["EventOutcome", "Scores", "Tally", "norm_surface", "same_surface", "score"]


def score(gold_rows: Iterable[dict[str, Any]], system_rows: Iterable[dict[str, Any]]) -> Scores:
    """Score system output (dicts in rasid's output contract, one per report) against gold rows."""
    by_id = {row.get("id"): row for row in system_rows}
    scores = Scores()
    for gold in gold_rows:
        out = by_id.get(gold["id"], {"mentions": [], "events": []})
        score_mentions(scores, gold, out.get("mentions") or [])
        score_events(scores, gold, out.get("events") or [])
    return scores
