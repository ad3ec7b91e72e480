"""Regression guard on the shared evaluation reports (skipped when ../shared is absent).

The floors sit a little below the figures measured under the scoring rules of 2026-12-02
(R1–R6 in ../shared/eval/FORMAT.md), so that a change which loses accuracy on dev fails here.
On every shared set the same output is also scored by the reference scorer, which must agree
exactly: figures and error lines.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from rasid import extract_report
from rasid.evaluation import score

DEV_FLOORS = {
    "place": 0.975,
    "actor": 0.86,
    "weapon": 0.95,
    "events": 0.82,
}
ACCURACY_FLOORS = {"sub_event_type_accuracy": 0.96, "actor1_accuracy": 0.77}
Run = tuple[list[dict], list[dict]]


def _run(path: Path) -> Run:
    gold = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    system = [
        extract_report(g["text"], published=g.get("published"), outlet=g.get("outlet"), id=g["id"]).model_dump(mode="json")
        for g in gold
    ]
    return gold, system


@pytest.fixture(scope="module")
def reference(shared_eval: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("reference_score", shared_eval / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def dev(shared_eval: Path) -> Run:
    return _run(shared_eval / "dev.jsonl")


def test_dev_figures_do_not_regress(dev: Run) -> None:
    figures = score(*dev).as_dict()
    for key, floor in DEV_FLOORS.items():
        assert figures[key]["f1"] >= floor, (key, figures[key])
    for key, floor in ACCURACY_FLOORS.items():
        assert figures[key] >= floor, (key, figures[key])


def _assert_agreement(run: Run, reference: ModuleType) -> None:
    errors: list[str] = []
    figures = reference.score(*run, errors)
    ours = score(*run)
    assert ours.as_dict() == figures
    assert ours.errors == errors


def test_reference_scorer_agrees_on_dev(dev: Run, reference: ModuleType) -> None:
    _assert_agreement(dev, reference)


@pytest.mark.parametrize("name", ["dev2.jsonl", "dev3.jsonl"])
def test_reference_scorer_agrees(name: str, shared_eval: Path, reference: ModuleType) -> None:
    _assert_agreement(_run(shared_eval / name), reference)


def test_seed_events(shared_eval: Path) -> None:
    gold, system = _run(shared_eval / "seed.jsonl")
    figures = score(gold, system).as_dict()
    assert figures["events"]["recall"] == 1.0
    assert figures["sub_event_type_accuracy"] == 1.0 and figures["actor1_accuracy"] == 1.0
    events = system[0]["events"]
    hatla = next(e for e in events if e["location"] and e["location"]["text"] == "حطلة" and e["actor1"]["canonical"] == "Iran-backed militias")
    counts = {(f["category"], f["count"]) for f in hatla["force"]}
    assert ("technical", 5) in counts and ("mlrs", 1) in counts
    assert any(f["kind"] == "personnel" and f["count"] == 40 for f in hatla["force"])
    assert any(f.get("calibre_mm") == 23 for f in hatla["force"])
    assert {a["id"] for a in hatla["assoc_actor_1"]} >= {"fatemiyoun", "irgc"}
    shipment = next(e for e in events if e["location"] and e["location"]["text"] == "معبر السكك")
    roles = {(m["role"], m["location"]["text"]) for m in shipment["movement"]}
    assert ("origin", "العراق") in roles and ("via", "معبر السكك") in roles
