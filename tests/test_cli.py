"""The command line as a user meets it: formats, batches with bad lines, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from rasid.cli import app
from rasid.extract.confidence import model

runner = CliRunner()
REPORT = "قصفت قوات النظام بقذائف الهاون بلدة كفرنبل جنوبي إدلب، ما أدى إلى مقتل مدني."


def test_jsonl_batch_with_bad_lines_keeps_going(tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "ok1", "text": REPORT, "published": "2024-03-01", "outlet": "test"}, ensure_ascii=False),
        "{broken",
        json.dumps({"id": "empty", "text": "  "}),
        json.dumps({"id": "english", "text": "Shelling hit the town of Kafr Nabl."}),
        json.dumps({"id": "ok2", "text": REPORT}, ensure_ascii=False),
    ]
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(batch)])
    assert result.exit_code == 1
    out = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [o["id"] for o in out] == ["ok1", "ok2"]
    assert out[0]["published"] == "2024-03-01" and out[0]["outlet"] == "test"
    assert ":2:" in result.stderr and "malformed JSON" in result.stderr
    assert ":3:" in result.stderr and "empty" in result.stderr
    assert ":4:" in result.stderr and "not in Arabic" in result.stderr
    assert "Traceback" not in result.stderr


def test_json_and_table_formats(tmp_path: Path) -> None:
    f = tmp_path / "one.txt"
    f.write_text(REPORT, encoding="utf-8")
    as_json = runner.invoke(app, ["extract", "--format", "json", str(f)])
    assert as_json.exit_code == 0
    (obj,) = json.loads(as_json.stdout)
    assert obj["id"] == "one" and obj["events"]
    table = runner.invoke(app, ["extract", "--format", "table", str(f)])
    assert table.exit_code == 0 and "Explosions/Remote violence" in table.stdout


def test_missing_file_is_a_usage_error() -> None:
    result = runner.invoke(app, ["extract", "/nonexistent/reports.jsonl"])
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_invalid_utf8_and_huge_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xd9\x82\xd8\xb5\xd9\x81 \xff\xff")
    huge = tmp_path / "huge.txt"
    huge.write_text("قصف " * 5_000_000, encoding="utf-8")  # 20+ MB
    result = runner.invoke(app, ["extract", str(bad)])
    assert result.exit_code == 1 and "UTF-8" in result.stderr
    result = runner.invoke(app, ["extract", str(huge)])
    assert result.exit_code == 1 and "limit" in result.stderr and "Traceback" not in result.stderr


def test_stdin_through_the_console_script() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "rasid", "extract", "-"], input=REPORT.encode(), capture_output=True, check=False
    )
    assert proc.returncode == 0, proc.stderr.decode()
    obj = json.loads(proc.stdout.decode().splitlines()[0])
    assert obj["events"][0]["event_type"] == "Explosions/Remote violence"


def test_schema_is_json() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert "events" in json.loads(result.stdout)["properties"]


def test_error_messages_show_names_with_brackets_literally(tmp_path: Path) -> None:
    batch = tmp_path / "batch[red].json"
    batch.write_text(json.dumps([{"id": "a", "text": "  "}]), encoding="utf-8")
    result = runner.invoke(app, ["extract", str(batch)])
    assert result.exit_code == 1 and "batch[red].json[0]" in result.stderr


def _gold_file(tmp_path: Path) -> Path:
    """Two tiny gold reports of our own: one in Syria (s2_), one in Yemen (a2_)."""
    shelling = {"event_type": "Explosions/Remote violence", "sub_event_type": ["Shelling/artillery/missile attack"],
                "actor1": "قوات النظام", "location": "كفرنبل", "fatalities": 1, "optional": False}
    rows = [
        {"id": "s2_01", "text": REPORT, "places": [{"surface": "كفرنبل", "kind": "town", "country": "SY"},
                                                  {"surface": "إدلب", "kind": "governorate", "country": "SY"}],
         "actors": [{"surface": "قوات النظام", "name": "Syria"}], "weapons": [], "events": [shelling]},
        {"id": "a2_01", "text": "شنت طائرات التحالف غارات على مدينة صعدة.",
         "places": [{"surface": "صعدة", "kind": "city", "country": "YE"}], "actors": [], "weapons": [], "events": []},
    ]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return gold


def test_eval_filters_by_id_pattern_and_country(tmp_path: Path) -> None:
    gold = _gold_file(tmp_path)
    syria = runner.invoke(app, ["eval", str(gold), "--ids", "s2_*", "--json"])
    assert syria.exit_code == 0, syria.stderr
    assert json.loads(syria.stdout)["events"]["gold"] == 1
    yemen = runner.invoke(app, ["eval", str(gold), "--country", "ye", "--json"])
    assert json.loads(yemen.stdout)["place"]["gold"] == 1
    nothing = runner.invoke(app, ["eval", str(gold), "--ids", "s2_*", "--country", "YE", "--json"])
    assert json.loads(nothing.stdout)["events"]["gold"] == 0


def test_eval_compact_rows_per_prefix(tmp_path: Path) -> None:
    gold = _gold_file(tmp_path)
    rows = json.loads(runner.invoke(app, ["eval", "--by-prefix", "--json", str(gold)]).stdout)
    assert [(r["set"], r["reports"]) for r in rows] == [("gold s2_", 1), ("gold a2_", 1)]
    table = runner.invoke(app, ["eval", "--by-prefix", str(gold)])
    assert table.exit_code == 0
    header, *lines = table.stdout.splitlines()
    assert header.split()[:3] == ["set", "reports", "events"] and len(lines) == 2


def test_eval_bad_gold_line_is_a_usage_error(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "x", "text": "نص"}\n{"text": 3}\n', encoding="utf-8")
    result = runner.invoke(app, ["eval", str(gold)])
    assert result.exit_code == 2 and "gold.jsonl:2:" in result.stderr


def test_extract_explain_names_the_rules(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from rasid.cli import app

    report = tmp_path / "r.txt"
    report.write_text("قصفت القوات التركية قرية أم الكيف شمالي تل تمر.", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(report), "--explain"])
    assert result.exit_code == 0, result.output
    assert "actor1" in result.output and "roles.verb_subject" in result.output


def test_lexicon_unknown_lists_groups_outside_the_lexicon(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from rasid.cli import app

    report = tmp_path / "r.txt"
    report.write_text("هاجم مقاتلو كتيبة الفاروق حاجزا لقوات النظام في مدينة حمص.", encoding="utf-8")
    result = CliRunner().invoke(app, ["lexicon", "unknown", str(report)])
    assert result.exit_code == 0, result.output
    assert "كتيبة الفاروق" in result.output and "قوات النظام" not in result.output


def test_eval_reliability_and_all_confidences(tmp_path: Path) -> None:
    gold = _gold_file(tmp_path)
    result = runner.invoke(app, ["eval", "--reliability", "--json", str(gold)])
    assert result.exit_code == 0, result.stderr
    bins = json.loads(result.stdout)
    assert sum(b["events"] for b in bins) >= 1 and all(0 <= b["low"] < b["high"] <= 1 for b in bins)
    table = runner.invoke(app, ["eval", "--reliability", str(gold)])
    assert table.stdout.split()[:2] == ["confidence", "events"]
    vague = tmp_path / "vague.txt"
    vague.write_text("قصف مدفعي على ريف إدلب.", encoding="utf-8")
    kept = json.loads(runner.invoke(app, ["extract", "--all-confidences", str(vague)]).stdout)["events"]
    default = json.loads(runner.invoke(app, ["extract", str(vague)]).stdout)["events"]
    assert len(kept) == 1 and default == [e for e in kept if e["confidence"] >= model().threshold]
