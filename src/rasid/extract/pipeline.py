"""The extraction pipeline: a report passes through small components, each adding one layer.

Order matters and mirrors the data's path: sentences → entity mentions (actors, weapons)
→ places (the gazetteer, after actors so a place inside an actor's name stays part of it)
→ sources → anaphora (الميليشيا، التنظيم → the actor just named) → quantities and dates → trigger words → events → coreference (one mention
per distinct actor or weapon, events pointed at it) → confidence (`extract/confidence.py`).
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from rasid import rules
from rasid.errors import InputError
from rasid.extract.confidence import model as confidence_model
from rasid.extract.confidence import rate_events
from rasid.extract.coref import resolve_anaphora, resolve_coreference
from rasid.extract.doc import Doc
from rasid.extract.events import build_events
from rasid.extract.frames import find_triggers
from rasid.extract.mentions import (
    add_dates,
    add_quantities,
    country_names,
    country_places,
    find_entities,
    find_sources,
    find_unknown_actors,
    resolve_local_names,
)
from rasid.extract.places import find_places
from rasid.geo import Gazetteer
from rasid.lang.ar import load
from rasid.lexicon.load import Lexicon, load_lexicon
from rasid.model import Extraction
from rasid.text.normalize import arabic_ratio
from rasid.text.sentences import split_sentences

MAX_CHARS = 200_000
"""Longer texts are not news reports; they are refused rather than silently truncated."""
MIN_ARABIC = 0.3
"""Below this share of Arabic letters a text is taken as foreign and refused."""

Component = Callable[[Doc], None]


@dataclass(frozen=True)
class Pipeline:
    """The components in order, with the knowledge they share."""

    lexicon: Lexicon
    gazetteer: Gazetteer

    def components(self) -> list[tuple[str, Component]]:
        return [
            ("sentences", lambda doc: doc.sentences.extend(split_sentences(doc.text))),
            ("entities", lambda doc: find_entities(doc, self.lexicon, country_names(self.gazetteer))),
            ("places", lambda doc: find_places(doc, self.gazetteer)),
            ("country places", lambda doc: country_places(doc, country_names(self.gazetteer))),
            ("local actor names", resolve_local_names),
            ("sources", lambda doc: find_sources(doc, self.lexicon)),
            ("unknown actors", find_unknown_actors),
            ("anaphora", resolve_anaphora),
            ("quantities", add_quantities),
            ("dates", add_dates),
            ("triggers", lambda doc: find_triggers(doc, self.lexicon)),
            ("events", build_events),
            ("coreference", resolve_coreference),
            ("confidence", rate_events),
        ]

    def __call__(self, doc: Doc) -> Doc:
        for _name, component in self.components():
            component(doc)
        doc.mentions.sort(key=lambda m: (m.start, m.end))
        return doc


@cache
def default_pipeline() -> Pipeline:
    """The pipeline with the bundled lexicons and the gazetteer under RASID_HOME (loaded once).

    The lexicons and the gazetteer are tens of thousands of long-lived objects; moving them
    out of the cyclic garbage collector's generations (`gc.freeze`) spares every later
    collection from walking them again.
    """
    pipeline = Pipeline(load_lexicon(), Gazetteer.default())
    for text in load("examples")["warmup"]:
        pipeline(Doc(text))  # compiles every matcher before the freeze
    gc.collect()
    gc.freeze()
    return pipeline


def parse_published(value: str | dt.date | None) -> dt.date | None:
    """A publication date from ISO text ("2021-05-03", or a timestamp starting so)."""
    if value is None or isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError as err:
        raise InputError(f"published date {value!r} is not an ISO date (YYYY-MM-DD)") from err


def check_text(text: str) -> None:
    """Refuse what is not an Arabic news report, with a message that says why."""
    if not text or not text.strip():
        raise InputError("the report is empty")
    if len(text) > MAX_CHARS:
        raise InputError(f"the report has {len(text):,} characters; the limit is {MAX_CHARS:,}")
    if "\x00" in text:
        raise InputError("the report contains NUL bytes: binary data, not text")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as err:
        raise InputError(f"the report is not valid Unicode (a lone surrogate at character {err.start})") from err
    if arabic_ratio(text) < MIN_ARABIC:
        raise InputError("the report is not in Arabic (too few Arabic letters)")


def report_id(text: str) -> str:
    """A stable id from the content, for reports that come without one."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def extract_report(
    text: str,
    *,
    published: str | dt.date | None = None,
    outlet: str | None = None,
    id: str | None = None,  # noqa: A002 - the output contract's field name
    url: str | None = None,
    pipeline: Pipeline | None = None,
    disable: Iterable[str] = (),
    all_modalities: bool = False,
    min_confidence: float | None = None,
) -> Extraction:
    """Read one Arabic report: its mentions and its events (the output contract in `rasid.model`).

    Events are what happened or is going on; `all_modalities` adds what was planned,
    threatened, denied, conditional or told as a general statement, each with its modality.
    `disable` names rules (or whole stages) to switch off (`rasid.rules`; `rasid rules` lists
    them). Events under `min_confidence` are left out; by default that is the threshold chosen
    in `extract/confidence.yaml`, and 0 keeps every event. Raises `InputError` for empty,
    binary, oversized or non-Arabic text, and `rasid.rules.UnknownRuleError` for a rule name
    that does not exist.
    """
    check_text(text)
    day = parse_published(published)
    with rules.disabled(disable):
        doc = (pipeline or default_pipeline())(Doc(text, published=day, outlet=outlet, all_modalities=all_modalities))
    floor = confidence_model().threshold if min_confidence is None else min_confidence
    return Extraction(
        id=id or report_id(text),
        published=day.isoformat() if day else None,
        outlet=outlet,
        url=url,
        mentions=doc.mentions,
        events=[e for e in doc.events if e.confidence >= floor],
        warnings=doc.warnings,
    )
