"""The `rasid` command line: one entry point, one sub-command per job.

Commands live here, on top of every layer; each is a thin shell around a library call.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="rasid",
    help="rasid (راصد): Arabic conflict reports → structured, geolocated ACLED-style events.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def main() -> None:
    app()
