"""The `rasid` command line: one entry point, one sub-command per job.

Commands live here, on top of every layer; each is a thin shell around a library call.
Exit codes: 0 all went well, 1 some reports failed (each named on stderr), 2 bad usage.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(
    name="rasid",
    help="rasid (راصد): Arabic conflict reports → structured, geolocated ACLED-style events.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
err = Console(stderr=True)


class OutputFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


def _reports(source: str) -> Iterator[object]:
    from rasid.reports import read_path, read_stream

    if source == "-":
        yield from read_stream(sys.stdin.buffer)
    else:
        yield from read_path(Path(source))


def _events_table(extraction: object) -> Table:
    from rasid.model import Extraction

    assert isinstance(extraction, Extraction)
    table = Table(title=f"{extraction.id} — {len(extraction.events)} events", show_lines=True, title_justify="left")
    for column in ("type / sub-type", "actor1", "actor2", "location", "date", "fatalities", "note"):
        table.add_column(column, overflow="fold")
    for e in extraction.events:
        loc = e.location
        where = f"{loc.text}\n{loc.name or '?'} ({loc.admin1 or loc.country or ''})" if loc else "—"
        table.add_row(
            f"{e.event_type}\n{e.sub_event_type}",
            f"{e.actor1.text}\n{e.actor1.canonical}" if e.actor1 else "—",
            f"{e.actor2.text}\n{e.actor2.canonical}" if e.actor2 else "—",
            where,
            f"{e.event_date or '—'} (p{e.time_precision})",
            "—" if e.fatalities is None else str(e.fatalities),
            e.notes,
        )
    return table


@app.command()
def extract(
    source: str = typer.Argument(..., help="A .txt report, a .jsonl batch (id, text, published, outlet, url), a directory, or - for stdin."),
    fmt: OutputFormat = typer.Option(OutputFormat.jsonl, "--format", "-f", help="jsonl: one object per report; json: an array; table: readable events."),
) -> None:
    """Extract mentions and ACLED-style events from Arabic reports."""
    from rasid.errors import InputError
    from rasid.extract.pipeline import extract_report
    from rasid.reports import ReadError

    if source != "-" and not Path(source).exists():
        err.print(f"[red]error:[/] {source}: no such file or directory")
        raise typer.Exit(2)
    out = Console(soft_wrap=True) if fmt is OutputFormat.table else None
    failed = done = 0
    results = []
    for item in _reports(source):
        if isinstance(item, ReadError):
            err.print(f"[red]error:[/] {item.origin}: {item.reason}")
            failed += 1
            continue
        try:
            result = extract_report(item.text, published=item.published, outlet=item.outlet, id=item.id, url=item.url)
        except InputError as e:
            err.print(f"[red]error:[/] {item.origin}: {e}")
            failed += 1
            continue
        done += 1
        if fmt is OutputFormat.jsonl:
            sys.stdout.write(result.model_dump_json() + "\n")
        elif fmt is OutputFormat.json:
            results.append(result.model_dump(mode="json"))
        else:
            assert out is not None
            out.print(_events_table(result))
    if fmt is OutputFormat.json:
        sys.stdout.write(json.dumps(results, ensure_ascii=False, indent=1) + "\n")
    if failed:
        err.print(f"{done} reports extracted, {failed} failed")
        raise typer.Exit(1)


@app.command("eval")
def evaluate(
    gold: Path = typer.Argument(..., help="Gold JSONL in ../shared/eval/FORMAT.md's format."),
    errors: bool = typer.Option(False, "--errors", help="List each miss and false alarm."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
) -> None:
    """Score extraction against gold annotations (FORMAT.md's rules)."""
    from rasid.errors import InputError
    from rasid.evaluation import score
    from rasid.extract.pipeline import extract_report

    if not gold.exists():
        err.print(f"[red]error:[/] {gold}: no such file")
        raise typer.Exit(2)
    rows, outputs = [], []
    for number, line in enumerate(gold.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            result = extract_report(row["text"], published=row.get("published"), outlet=row.get("outlet"), id=row["id"])
        except (json.JSONDecodeError, KeyError, InputError) as e:
            err.print(f"[red]error:[/] {gold}:{number}: {e}")
            raise typer.Exit(2) from e
        rows.append(row)
        outputs.append(result.model_dump(mode="json"))
    scores = score(rows, outputs)
    if errors:
        for line in scores.errors:
            typer.echo(line)
    figures = scores.as_dict()
    if as_json:
        typer.echo(json.dumps(figures, ensure_ascii=False))
        return
    table = Table(title=f"rasid eval {gold} ({len(rows)} reports)", title_justify="left")
    for column in ("measure", "precision", "recall", "F1", "gold", "system"):
        table.add_column(column)
    for label, key in (("places", "place"), ("actors", "actor"), ("weapons", "weapon"), ("events", "events")):
        f = figures[key]
        table.add_row(label, *(str(f[k]) for k in ("precision", "recall", "f1", "gold", "system")))
    Console().print(table)
    for name in ("sub_event_type_accuracy", "actor1_accuracy", "fatalities_accuracy", "geocoding_accuracy"):
        typer.echo(f"{name}: {figures[name]}")


@app.command()
def schema() -> None:
    """Print the JSON schema of one output line of `rasid extract`."""
    from rasid.model import json_schema

    typer.echo(json.dumps(json_schema(), indent=1))


def main() -> None:
    app()
