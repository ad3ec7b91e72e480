import io
import json
from pathlib import Path

from rasid.reports import ReadError, Report, read_path, read_stream


def test_txt_is_one_report(tmp_path: Path) -> None:
    f = tmp_path / "r1.txt"
    f.write_text("قصفت قوات النظام بلدة كفرنبل.", encoding="utf-8")
    (report,) = read_path(f)
    assert isinstance(report, Report)
    assert report.id is None and report.origin == str(f) and report.text.startswith("قصفت")


def test_jsonl_keeps_fields_and_names_bad_lines(tmp_path: Path) -> None:
    f = tmp_path / "batch.jsonl"
    good = {"id": "a", "text": "اشتباكات في درعا", "published": "2024-01-02", "outlet": "X", "url": "http://x"}
    f.write_text(json.dumps(good, ensure_ascii=False) + "\n{not json\n\n" + json.dumps({"id": "b"}) + "\n", encoding="utf-8")
    items = list(read_path(f))
    assert isinstance(items[0], Report) and items[0].published == "2024-01-02" and items[0].url == "http://x"
    assert isinstance(items[1], ReadError) and items[1].origin.endswith(":2") and "malformed JSON" in items[1].reason
    assert isinstance(items[2], ReadError) and items[2].origin.endswith(":4") and "text" in items[2].reason


def test_invalid_utf8_and_binary_are_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes("قصف".encode() + b"\xff\xfe")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02")
    (e1,) = read_path(bad)
    (e2,) = read_path(binary)
    assert isinstance(e1, ReadError) and "UTF-8" in e1.reason
    assert isinstance(e2, ReadError) and "binary" in e2.reason


def test_directory_is_read_recursively(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("نص أول", encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_text("نص ثان", encoding="utf-8")
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG")
    assert [Path(r.origin).name for r in read_path(tmp_path) if isinstance(r, Report)] == ["a.txt", "b.txt"]


def test_stdin_plain_text_or_jsonl() -> None:
    (plain,) = read_stream(io.BytesIO("هجوم على حاجز".encode()))
    assert isinstance(plain, Report) and plain.text == "هجوم على حاجز"
    items = list(read_stream(io.BytesIO(b'{"id": "x", "text": "t"}\n{"id": "y", "text": "u"}\n')))
    assert [i.id for i in items if isinstance(i, Report)] == ["x", "y"]


def test_bad_bytes_in_one_jsonl_line_lose_only_that_line(tmp_path: Path) -> None:
    f = tmp_path / "batch.jsonl"
    good = json.dumps({"id": "ok", "text": "قصف"}, ensure_ascii=False).encode()
    f.write_bytes(good + b"\n" + b'{"id": "bad", "text": "\xff\xfe"}\n' + good.replace(b'"ok"', b'"ok2"') + b"\n")
    items = list(read_path(f))
    assert [i.id for i in items if isinstance(i, Report)] == ["ok", "ok2"]
    (error,) = [i for i in items if isinstance(i, ReadError)]
    assert error.origin.endswith(":2") and "UTF-8" in error.reason
