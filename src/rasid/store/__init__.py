"""rasid's memory: reports, events fused across reports, search, exports and force posture.

    from rasid.store import Store, EventQuery
    store = Store.open()            # $RASID_DB or ./rasid.db (SQLite, WAL), or a SQLAlchemy URL
    store.ingest_paths(["reports/"], workers=2)
    store.events(EventQuery(actor="Iran-backed militias", since=date(2021, 5, 1)))
"""

from rasid.store.db import Store, StoreError
from rasid.store.queries import QueryError
from rasid.store.records import (
    ActorDetail,
    ActorSummary,
    EventQuery,
    EventRecord,
    IngestResult,
    IngestSummary,
    PostureRecord,
    ReportRecord,
    ReportSummary,
    SearchHit,
)

__all__ = [
    "ActorDetail",
    "ActorSummary",
    "EventQuery",
    "EventRecord",
    "IngestResult",
    "IngestSummary",
    "PostureRecord",
    "QueryError",
    "ReportRecord",
    "ReportSummary",
    "SearchHit",
    "Store",
    "StoreError",
]
