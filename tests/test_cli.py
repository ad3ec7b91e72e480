"""The command line as a user meets it: formats, batches with bad lines, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from rasid.cli import app

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
