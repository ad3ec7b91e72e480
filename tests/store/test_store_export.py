"""Exports: ACLED CSV (31 columns, ACLED's order), GeoJSON, JSONL, Parquet."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from rasid.store import EventQuery, Store
from rasid.store.records import ACLED_COLUMNS

ACLED_ORDER = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp"]


def test_acled_csv_parses_with_exactly_the_31_columns(loaded: Store, tmp_path: Path) -> None:
    assert list(ACLED_COLUMNS) == ACLED_ORDER
    out = tmp_path / "events.csv"
    assert loaded.export("acled", out) == 5
    df = pd.read_csv(out)
    assert list(df.columns) == ACLED_ORDER and len(df) == 5
    shelling = df[(df.location == "Al-Mayadin") & (df.event_date == "2021-05-03")].iloc[0]
    assert shelling.source == "نورث برس; SY24" and shelling.fatalities == 3 and shelling.iso == 760
    assert shelling.country == "Syria" and shelling.region == "Middle East"
    assert shelling.disorder_type == "Political violence" and shelling.time_precision == 1
    hatla = df[df.sub_event_type == "Change to group/activity"].sort_values("event_date").iloc[0]
    assert hatla.actor1 == "Fatemiyoun Brigade"
    assert hatla.assoc_actor_1 == "Islamic Revolutionary Guard Corps (IRGC)"


def test_acled_to_an_open_stream_with_a_filter(loaded: Store) -> None:
    buf = io.StringIO()
    assert loaded.export("acled", buf, EventQuery(admin1="Homs")) == 1
    df = pd.read_csv(io.StringIO(buf.getvalue()))
    assert list(df.columns) == ACLED_ORDER and df.location.tolist() == ["Palmyra"]


def test_geojson(loaded: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.geojson"
    loaded.export("geojson", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 5
    feature = next(f for f in data["features"] if f["properties"]["location"] == "Palmyra")
    assert feature["geometry"] == {"type": "Point", "coordinates": [38.28, 34.56]}
    assert set(ACLED_ORDER) <= set(feature["properties"])


def test_jsonl_keeps_everything(loaded: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    loaded.export("jsonl", out)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 5
    hatla = next(r for r in rows if len(r["sources"]) == 2 and r["location"] == "Hatla")
    assert {f["name"] for f in hatla["force"]} == {"Tank", "personnel", "MLRS"}
    assert all(src["evidence"] for src in hatla["sources"])


def test_parquet_keeps_structured_fields(loaded: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    loaded.export("parquet", out)
    table = pq.read_table(out)
    assert table.num_rows == 5
    assert table.column_names[:31] == ACLED_ORDER
    rows = table.to_pylist()
    hatla = next(r for r in rows if r["location"] == "Hatla" and len(r["sources"]) == 2)
    assert {(f["name"], f["count"]) for f in hatla["force"]} == {("Tank", 5), ("personnel", 200), ("MLRS", 3)}
    assert [s["report_id"] for s in hatla["sources"]] == ["r-hatla-1", "r-hatla-2"]


def test_unknown_format(loaded: Store, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        loaded.export("xlsx", tmp_path / "x.xlsx")


def test_parquet_without_pyarrow_says_which_extra(loaded: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from rasid.errors import MissingExtraError

    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if `rasid[parquet]` were not installed
    with pytest.raises(MissingExtraError, match=r"rasid\[parquet\]"):
        loaded.export("parquet", tmp_path / "events.parquet")
