"""The memory commands: ingest, events, search, report, export, posture (exit codes and formats)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from store_fakes import CORPUS, fake_extract
from typer.testing import CliRunner

from rasid.cli import app
from rasid.store.records import ACLED_COLUMNS

runner = CliRunner()


@pytest.fixture
def batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """CORPUS as a JSONL batch; extraction by the stand-in extractor."""
    monkeypatch.setattr("rasid.store.ingest.default_extractor", fake_extract)
    path = tmp_path / "batch.jsonl"
    path.write_text(
        "\n".join(
            json.dumps({"id": rid, "outlet": o, "published": p, "text": t}, ensure_ascii=False)
            for rid, o, p, t in CORPUS
        )
        + "\n",
        encoding="utf-8",
    )
    return path


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(batch: Path, db_url: str) -> str:
    code, out, err = _run("ingest", str(batch), "--db", db_url, "--workers", "2", "--no-progress")
    assert code == 1  # the English report failed, and is listed
    assert "7 new, 0 duplicate, 0 near-duplicate, 1 failed" in out
    assert "events: 5 created, 2 merged" in out
    assert "batch.jsonl:8: the report is not in Arabic" in err
    return db_url


def test_ingest_again_adds_nothing(db: str, batch: Path) -> None:
    code, out, _ = _run("ingest", str(batch), "--db", db, "--no-progress")
    assert "0 new, 7 duplicate" in out and "events: 0 created, 0 merged" in out
    assert code == 1  # the refused report is read again (the extractor may have improved) and fails again


def test_events_formats_and_filters(db: str) -> None:
    code, out, _ = _run("events", "--db", db, "--format", "json", "--actor", "Iran")
    assert code == 0
    (event,) = json.loads(out)
    assert event["location"] == "Hatla" and len(event["sources"]) == 2
    code, out, _ = _run("events", "--db", db, "--format", "csv", "--since", "2021-05-01", "--until", "2021-05-31")
    df = pd.read_csv(io.StringIO(out))
    assert list(df.columns) == list(ACLED_COLUMNS) and len(df) == 3
    code, out, _ = _run("events", "--db", db, "--near", "Palmyra", "--within", "20")
    assert code == 0 and "1 of 1 events" in out and "Palmyra" in out
    code, _, err = _run("events", "--db", db, "--near", "Atlantis")
    assert code == 2 and "unknown place" in err
    code, _, err = _run("events", "--db", db, "--since", "yesterday")
    assert code == 2 and "not a date" in err


def test_search_report_and_posture(db: str) -> None:
    code, out, _ = _run("search", "الميادين", "--db", db, "--format", "json")
    assert code == 0 and all("«الميادين»" in h["snippet"] for h in json.loads(out))
    code, out, _ = _run("search", "الميادين", "--db", db)
    assert code == 0 and "r-mayadin-1" in out
    code, out, _ = _run("report", "r-hatla-1", "--db", db, "--format", "json")
    rec = json.loads(out)
    assert code == 0 and rec["outlet"] == "SY24" and len(rec["event_ids"]) == 1
    code, out, _ = _run("report", "r-hatla-1", "--db", db)
    assert code == 0 and "mentions" in out
    code, _, err = _run("report", "nope", "--db", db)
    assert code == 1 and "no report" in err
    code, out, _ = _run("posture", "--db", db, "--actor", "Iran", "--format", "json")
    records = json.loads(out)
    assert {r["actor"] for r in records} == {"Islamic Revolutionary Guard Corps (IRGC)", "Fatemiyoun Brigade"}
    code, out, _ = _run("posture", "--db", db, "--admin1", "Deir ez-Zor", "--as-of", "2021-06-30")
    assert code == 0 and "withdrawn" in out and "reinforced" in out


def test_export(db: str, tmp_path: Path) -> None:
    out_file = tmp_path / "acled.csv"
    code, _, err = _run("export", "--format", "acled", "--out", str(out_file), "--db", db)
    assert code == 0 and "5 events" in err
    assert list(pd.read_csv(out_file).columns) == list(ACLED_COLUMNS)
    code, out, _ = _run("export", "--format", "geojson", "--db", db, "--type", "Battles")
    assert code == 0 and len(json.loads(out)["features"]) == 1
    code, _, err = _run("export", "--format", "parquet", "--db", db)
    assert code == 2 and "--out" in err
    code, _, _ = _run("export", "--format", "parquet", "--out", str(tmp_path / "e.parquet"), "--db", db)
    assert code == 0 and (tmp_path / "e.parquet").stat().st_size > 0


def test_a_foreign_file_is_refused_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not a database")
    for command in (["events"], ["search", "x"], ["posture"], ["export"], ["ingest", str(path)]):
        code, _, err = _run(*command, "--db", str(path))
        assert code == 2 and "not a rasid database" in err and "Traceback" not in err


def test_an_unreachable_feed_is_a_clear_error(tmp_path: Path) -> None:
    code, out, err = _run("ingest", "http://127.0.0.1:9/feed.xml", "--db", str(tmp_path / "f.db"), "--no-progress")
    assert code == 1 and "0 new" in out
    assert "failed: http://127.0.0.1:9/feed.xml: unreachable:" in err and "Traceback" not in err


def test_bad_arguments_are_one_line_errors(db: str, tmp_path: Path) -> None:
    """No traceback: a number past the database's integers, an --out that is a folder or has none."""
    for args in (
        ("events", "--db", db, "--offset", "99999999999999999999"),
        ("events", "--db", db, "--limit", "99999999999999999999"),
        ("export", "--db", db, "--out", str(tmp_path)),
        ("export", "--db", db, "--out", str(tmp_path / "missing" / "events.csv")),
    ):
        code, out, err = _run(*args)
        assert code == 2 and "Traceback" not in err and len(err.strip().splitlines()) == 1, (args, err)
        assert err.startswith("rasid: ")


def test_gazetteer_import_of_a_file_not_in_utf8_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "places.tsv"
    path.write_bytes(b"geonameid\tname\n1\t" + "حلب".encode("cp1256") + b"\n")
    result = runner.invoke(app, ["gazetteer", "import", str(path)])
    assert result.exit_code == 2 and not isinstance(result.exception, UnicodeError)
    assert "not UTF-8" in result.stderr
