"""Reading reports from files and streams: `.txt` (one report), `.jsonl`/`.json`, directories, stdin.

Bad input never stops a batch: each unreadable report becomes a `ReadError` with the file
and line it came from, and the caller reports it and goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

MAX_FILE_BYTES = 50 * 1024 * 1024
"""A single .txt report larger than this is refused before it is read into memory."""
TEXT_SUFFIXES = (".txt",)
JSON_SUFFIXES = (".jsonl", ".json", ".ndjson")


@dataclass(frozen=True, slots=True)
class Report:
    """A report as it arrives: its text and what is known about where it came from."""

    text: str
    id: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    origin: str = "-"


@dataclass(frozen=True, slots=True)
class ReadError:
    """A report that could not be read, and why (with file and line)."""

    origin: str
    reason: str


def _decode(data: bytes, origin: str) -> str | ReadError:
    if b"\x00" in data[:8192]:
        return ReadError(origin, "binary file (NUL bytes), not UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return ReadError(origin, f"not valid UTF-8 (byte {err.start}: {data[err.start:err.start + 1]!r})")


def _from_json_object(obj: object, origin: str) -> Report | ReadError:
    if not isinstance(obj, dict):
        return ReadError(origin, "expected a JSON object with a 'text' field")
    text = obj.get("text")
    if not isinstance(text, str):
        return ReadError(origin, "missing or non-string 'text' field")

    def field(name: str) -> str | None:
        value = obj.get(name)
        return None if value is None else str(value)

    return Report(text, field("id"), field("published"), field("outlet"), field("url"), origin)


def parse_jsonl(text: str, name: str) -> Iterator[Report | ReadError]:
    """One report per non-empty line; a malformed line is an error with its line number."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        origin = f"{name}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield ReadError(origin, f"malformed JSON ({err.msg} at column {err.colno})")
            continue
        yield _from_json_object(obj, origin)


def parse_json(text: str, name: str) -> Iterator[Report | ReadError]:
    """A .json file: one object, or an array of objects; falls back to JSONL."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        yield from parse_jsonl(text, name)
        return
    items = data if isinstance(data, list) else [data]
    for i, obj in enumerate(items, start=1):
        yield _from_json_object(obj, f"{name}[{i}]")


def read_path(path: Path) -> Iterator[Report | ReadError]:
    """Reports in a file or, recursively and in name order, a directory."""
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES + JSON_SUFFIXES):
            yield from read_path(child)
        return
    name = str(path)
    if not path.exists():
        yield ReadError(name, "no such file or directory")
        return
    if path.stat().st_size > MAX_FILE_BYTES:
        yield ReadError(name, f"file is {path.stat().st_size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
        return
    decoded = _decode(path.read_bytes(), name)
    if isinstance(decoded, ReadError):
        yield decoded
        return
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        yield from parse_jsonl(decoded, name)
    elif suffix == ".json":
        yield from parse_json(decoded, name)
    else:
        yield Report(decoded, id=path.stem, origin=name)


def read_stream(stream: IO[bytes], name: str = "-") -> Iterator[Report | ReadError]:
    """Standard input: JSONL when it starts with "{", else one plain-text report."""
    decoded = _decode(stream.read(MAX_FILE_BYTES + 1), name)
    if isinstance(decoded, ReadError):
        yield decoded
        return
    if len(decoded.encode("utf-8")) > MAX_FILE_BYTES:
        yield ReadError(name, f"input exceeds {MAX_FILE_BYTES:,} bytes")
        return
    if decoded.lstrip().startswith("{"):
        yield from parse_jsonl(decoded, name)
    else:
        yield Report(decoded, origin=name)
