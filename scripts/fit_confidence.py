"""Fit the event-confidence weights (src/rasid/extract/confidence.yaml) on the tuning reports.

    PYTHONPATH=src python scripts/fit_confidence.py [../shared/eval]

Extracts dev.jsonl and dev3.jsonl, pairs rasid's events with the gold ones as `rasid eval`
does, and fits a logistic regression (L2-regularised, by gradient descent) of "pairs with a
required gold event" on the cues of `rasid.extract.confidence.Cues`. Events paired with
optional gold events are left out, as precision leaves them out. Prints the weights as YAML,
then the reliability of the fitted confidence on dev2.jsonl, the held-out check.
"""

from __future__ import annotations

import json
import math
import sys
from dataclasses import astuple
from pathlib import Path

from rasid.evaluation import EventOutcome, score
from rasid.evaluation.reliability import reliability_table
from rasid.extract.confidence import Cues, Model, cues_of
from rasid.extract.doc import Doc
from rasid.extract.pipeline import default_pipeline, parse_published

L2 = 1.0
STEPS, RATE = 20_000, 1.0
TUNING, CHECK = ("dev.jsonl", "dev3.jsonl"), ("dev2.jsonl",)


def examples(path: Path) -> tuple[list[dict], list[dict], dict[tuple[str, int], Cues]]:
    """Gold rows, rasid's output rows (no confidence threshold) and each event's cues."""
    gold = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    system, cues = [], {}
    for row in gold:
        doc = default_pipeline()(Doc(row["text"], published=parse_published(row.get("published")), outlet=row.get("outlet")))
        places = {(m.start, m.end): m for m in doc.mentions if m.kind == "place"}
        for i, event in enumerate(doc.events):
            loc = event.location
            cues[(row["id"], i)] = cues_of(event, places.get((loc.start, loc.end)) if loc else None, doc)
        system.append({"id": row["id"], "mentions": [m.model_dump(mode="json") for m in doc.mentions],
                       "events": [e.model_dump(mode="json") for e in doc.events]})
    return gold, system, cues


def labelled(paths: list[Path]) -> list[tuple[list[float], float]]:
    """(cue vector, 1 if the event pairs with a required gold event else 0), optional pairs left out."""
    out = []
    for path in paths:
        gold, system, cues = examples(path)
        for o in score(gold, system).outcomes:
            if o.paired != "optional":
                out.append(([float(v) for v in astuple(cues[(o.report_id, o.index)])], float(o.paired == "required")))
    return out


def fit(data: list[tuple[list[float], float]]) -> list[float]:
    """Bias and weights maximising the L2-penalised log-likelihood (the bias is not penalised)."""
    n, k = len(data), len(data[0][0]) + 1
    w = [0.0] * k
    for _ in range(STEPS):
        grad = [0.0] * k
        for x, y in data:
            xs = [1.0, *x]
            p = 1 / (1 + math.exp(-sum(a * b for a, b in zip(w, xs, strict=True))))
            for j in range(k):
                grad[j] += (p - y) * xs[j]
        w = [wj - RATE * (g + (L2 * wj if j else 0.0)) / n for j, (wj, g) in enumerate(zip(w, grad, strict=True))]
    return w


def auc(outcomes: list[EventOutcome]) -> float:
    """The chance that a right event has a higher confidence than a wrong one (ties count half)."""
    right = [o.confidence or 0.0 for o in outcomes if o.paired == "required"]
    wrong = [o.confidence or 0.0 for o in outcomes if o.paired is None]
    pairs = [(r > w) + 0.5 * (r == w) for r in right for w in wrong]
    return sum(pairs) / len(pairs) if pairs else float("nan")


def main() -> None:
    shared = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/eval")
    w = fit(labelled([shared / name for name in TUNING]))
    names = list(Cues.__dataclass_fields__)
    print(f"bias: {w[0]:.2f}\nweights:")
    for name, value in zip(names, w[1:], strict=True):
        print(f"  {name}: {value:.2f}")
    model = Model(w[0], dict(zip(names, w[1:], strict=True)), threshold=0.0)
    for path in (shared / name for name in CHECK):
        gold, system, cues = examples(path)
        for row in system:
            for i, event in enumerate(row["events"]):
                event["confidence"] = model.chance(cues[(row["id"], i)])
        outcomes = [o for o in score(gold, system).outcomes if o.paired != "optional"]
        print(f"\nranking on {path.name}: AUC {auc(outcomes):.3f}")
        print(f"reliability on {path.name}:")
        for b in reliability_table(score(gold, system).outcomes):
            print(f"  {b.low:.1f}–{b.high:.1f}: {b.events} events, mean confidence {b.mean_confidence:.2f}, right {b.share_right}")


if __name__ == "__main__":
    main()
