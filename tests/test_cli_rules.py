"""`rasid rules`, `rasid extract --explain` and `--disable` as a user meets them."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from rasid.cli import app

runner = CliRunner()
REPORT = "قصفت قوات النظام بلدة حطلة في ريف دير الزور مساء أمس، ما أدى إلى مقتل ثلاثة مدنيين."


def _report(tmp_path: Path) -> Path:
    path = tmp_path / "report.jsonl"
    path.write_text(json.dumps({"id": "r1", "text": REPORT, "published": "2024-03-05"}, ensure_ascii=False) + "\n")
    return path


def test_rules_lists_each_rule_with_its_home() -> None:
    result = runner.invoke(app, ["rules", "dates"])
    assert result.exit_code == 0
    assert "dates.relative_day" in result.stdout and "dates.yaml" in result.stdout
    assert "numbers.calibre" not in result.stdout


def test_explain_names_the_rule_behind_the_date(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", "--explain", str(_report(tmp_path))])
    assert result.exit_code == 0, result.stdout
    assert "event 1: why" in result.stdout
    assert "dates.relative_day" in result.stdout and "event_date" in result.stdout


def test_disable_switches_a_rule_off_and_refuses_unknown_names(tmp_path: Path) -> None:
    report = _report(tmp_path)
    on = json.loads(runner.invoke(app, ["extract", str(report)]).stdout)
    off = json.loads(runner.invoke(app, ["extract", "--disable", "dates.relative_day", str(report)]).stdout)
    assert on["events"][0]["event_date"] == "2024-03-04"
    assert off["events"][0]["event_date"] != "2024-03-04"
    bad = runner.invoke(app, ["extract", "--disable", "dates.nope", str(report)])
    assert bad.exit_code == 2 and "dates.nope" in bad.output
