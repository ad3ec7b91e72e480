"""Full-text search over reports, in Arabic, on normalised text.

A query is normalised like the reports (no diacritics, one alif, ة→ه, …) and split into
words; a report matches when it contains every word as a substring of its normalised
text, so that a word is found whatever clitics are glued to it. SQLite answers through
its FTS5 trigram index (ranked by bm25), PostgreSQL through ILIKE served by a pg_trgm
index (ranked by trigram word similarity). Words shorter than three letters cannot be
looked up in a trigram index; they still have to occur, checked on the candidates.

Snippets are cut from the *original* text (normalised offsets map back through
`NormText`), with each match wrapped in «»; the same matches are also given as
[start, end) offsets into the whole report (`SearchHit.highlights`).
"""

from __future__ import annotations

import re

from sqlalchemy import Select, and_, func, literal, select
from sqlalchemy.orm import Session

from rasid.store.records import SearchHit
from rasid.store.schema import Report, reports_fts
from rasid.text.normalize import normalize

SNIPPET_RADIUS = 90
MAX_HIGHLIGHTS = 50
OPEN, CLOSE = "«", "»"


def query_terms(query: str) -> list[str]:
    """The normalised words of a query, longest first (the longest is the most selective)."""
    words = {w for w in normalize(query).text.split() if w}
    return sorted(words, key=lambda w: (-len(w), w))


def contains_pattern(term: str) -> str:
    """A LIKE pattern matching `term` anywhere, its `%`, `_` and `\\` escaped (use with escape="\\")."""
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _fts_query(terms: list[str]) -> str:
    """An FTS5 MATCH expression: each word as a quoted phrase (quotes doubled), all required."""
    return " ".join('"' + t.replace('"', '""') + '"' for t in terms)


def _candidates(s: Session, terms: list[str], limit: int) -> list[tuple[Report, float]]:
    dialect = s.get_bind().dialect.name
    long_terms = [t for t in terms if len(t) >= 3]
    every = and_(*(Report.norm_text.like(contains_pattern(t), escape="\\") for t in terms))
    stmt: Select[tuple[Report, float]]
    if dialect == "sqlite" and long_terms:
        rank = reports_fts.c.rank  # FTS5's hidden rank column: bm25, lower is better
        stmt = (
            select(Report, (-rank).label("score"))
            .join(reports_fts, reports_fts.c.rowid == Report.pk)
            .where(reports_fts.c.body.match(_fts_query(long_terms)), every)
            .order_by(rank, Report.pk)
        )
    elif dialect == "postgresql":
        score = func.word_similarity(" ".join(terms), Report.norm_text) if long_terms else literal(1.0)
        every = and_(*(Report.norm_text.ilike(contains_pattern(t), escape="\\") for t in terms))
        stmt = select(Report, score.label("score")).where(every).order_by(score.desc(), Report.pk)
    else:
        stmt = select(Report, literal(1.0).label("score")).where(every).order_by(Report.pk)
    return [(r, float(sc)) for r, sc in s.execute(stmt.limit(limit))]


def highlight(text: str, terms: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """A snippet of `text` around the first match with matches wrapped in «», and every match span."""
    nt = normalize(text)
    spans: list[tuple[int, int]] = []
    if terms:
        pattern = re.compile("|".join(re.escape(t) for t in terms))
        for m in pattern.finditer(nt.text):
            spans.append(nt.to_original(m.start(), m.end()))
            if len(spans) >= MAX_HIGHLIGHTS:
                break
    if not spans:
        return text[: 2 * SNIPPET_RADIUS].strip(), []
    lo = max(0, spans[0][0] - SNIPPET_RADIUS)
    hi = min(len(text), spans[0][1] + SNIPPET_RADIUS)
    # Widen to word boundaries so the snippet does not start or end mid-word.
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    out: list[str] = ["…" if lo > 0 else ""]
    pos = lo
    for start, end in spans:
        if start < lo or end > hi or start < pos:
            continue
        out += [text[pos:start], OPEN, text[start:end], CLOSE]
        pos = end
    out.append(text[pos:hi])
    out.append("…" if hi < len(text) else "")
    return "".join(out).replace("\n", " ").strip(), spans


def search(s: Session, query: str, limit: int = 20) -> list[SearchHit]:
    """Reports containing every word of `query`, best first, with highlighted snippets."""
    terms = query_terms(query)
    if not terms or limit <= 0:
        return []
    hits = []
    for report, score in _candidates(s, terms, limit):
        snippet, spans = highlight(report.text, terms)
        hits.append(
            SearchHit(
                report_id=report.id,
                outlet=report.outlet,
                published=report.published,
                url=report.url,
                snippet=snippet,
                highlights=spans,
                score=score,
            )
        )
    return hits


def matching_report_pks(s: Session, text: str) -> Select[tuple[int]] | None:
    """A subquery of the pks of reports containing every word of `text` (for `EventQuery.text`)."""
    terms = query_terms(text)
    if not terms:
        return None
    dialect = s.get_bind().dialect.name
    long_terms = [t for t in terms if len(t) >= 3]
    if dialect == "sqlite" and long_terms:
        stmt = select(reports_fts.c.rowid).where(reports_fts.c.body.match(_fts_query(long_terms)))
        short = [t for t in terms if len(t) < 3]
        if short:
            stmt = select(Report.pk).where(
                Report.pk.in_(stmt), *(Report.norm_text.like(contains_pattern(t), escape="\\") for t in short)
            )
        return stmt
    op = Report.norm_text.ilike if dialect == "postgresql" else Report.norm_text.like
    return select(Report.pk).where(*(op(contains_pattern(t), escape="\\") for t in terms))
