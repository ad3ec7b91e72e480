"""Reading the store: event filters, single events and reports, search, actors, posture."""

from __future__ import annotations

import datetime as dt

import pytest

from rasid.store import EventQuery, QueryError, Store


def _ids(store: Store, **filters: object) -> set[str]:
    q = EventQuery(**filters)
    found = store.events(q)
    assert store.count_events(q) == len(found)
    return {s.report_id for e in found for s in e.sources}


def test_filters(loaded: Store) -> None:
    assert _ids(loaded, since=dt.date(2021, 6, 1)) == {"r-hatla-3", "r-palmyra-1"}
    assert _ids(loaded, until=dt.date(2021, 5, 4), type="Strategic developments") == {"r-hatla-1", "r-hatla-2"}
    assert _ids(loaded, type="battles") == {"r-palmyra-1"}  # type names in any case
    assert _ids(loaded, sub_type="Shelling/artillery/missile attack") == {"r-mayadin-1", "r-mayadin-2", "r-mayadin-3"}
    assert _ids(loaded, place="حطلة") == _ids(loaded, place="hatla") == {"r-hatla-1", "r-hatla-2", "r-hatla-3"}
    assert _ids(loaded, admin1="homs") == {"r-palmyra-1"}
    assert _ids(loaded, text="الأحياء السكنية") == {"r-mayadin-1", "r-mayadin-2"}
    assert _ids(loaded, near="Hatla", within_km=10) == {"r-hatla-1", "r-hatla-2", "r-hatla-3"}
    assert len(_ids(loaded, near="Hatla", within_km=60)) == 6  # al-Mayadin is ~45 km away
    with pytest.raises(QueryError, match="unknown place"):
        loaded.events(EventQuery(near="Atlantis"))


def test_actor_filter_includes_the_hierarchy_below(loaded: Store) -> None:
    # The Hatla reinforcement names Fatemiyoun (whose parent is the IRGC, whose parent is Iran).
    assert _ids(loaded, actor="fatemiyoun") == {"r-hatla-1", "r-hatla-2"}
    assert _ids(loaded, actor="Iran") == {"r-hatla-1", "r-hatla-2"}
    assert _ids(loaded, actor="Islamic Revolutionary Guard Corps (IRGC)") == {"r-hatla-1", "r-hatla-2"}
    # Actors the lexicon does not know are found by name.
    assert _ids(loaded, actor="Islamic State") == {"r-palmyra-1"}


def test_actor_names_are_matched_literally_not_as_like_patterns(loaded: Store) -> None:
    for pattern in ("%", "_", "%%", "Islamic%", "\\"):
        assert _ids(loaded, actor=pattern) == set(), pattern
    assert _ids(loaded, actor="Islamic Stat") == {"r-palmyra-1"}  # a part of a name still matches


def test_paging_and_order(loaded: Store) -> None:
    everything = loaded.events(EventQuery())
    dates = [e.event_date for e in everything]
    assert dates == sorted(dates, reverse=True)
    page = loaded.events(EventQuery(limit=2, offset=1))
    assert [e.event_id for e in page] == [e.event_id for e in everything[1:3]]
    assert loaded.count_events(EventQuery(limit=2)) == len(everything)


def test_get_event_and_report(loaded: Store) -> None:
    (ev,) = loaded.events(EventQuery(type="Battles"))
    assert ev.event_id.startswith("SYR")
    again = loaded.get_event(ev.event_id)
    assert again is not None and again.model_dump() == ev.model_dump()
    assert loaded.get_event("SYR999999") is None
    rep = loaded.get_report("r-palmyra-1")
    assert rep is not None and rep.outlet == "الجزيرة" and rep.published == dt.date(2021, 7, 2)
    assert rep.event_ids == [ev.event_id]
    assert {m.kind for m in rep.mentions} == {"place", "actor"}
    for m in rep.mentions:
        assert rep.text[m.start : m.end] == m.text
    assert loaded.get_report("nope") is None
    # Records are JSON-ready for the web app.
    import json

    json.dumps(ev.model_dump(mode="json"))
    json.dumps(rep.model_dump(mode="json"))


def test_search_highlights_in_the_original_text(loaded: Store) -> None:
    hits = loaded.search("قصف الميادين")
    assert {h.report_id for h in hits} == {"r-mayadin-1", "r-mayadin-2", "r-mayadin-3"}
    for h in hits:
        assert "«الميادين»" in h.snippet
        report = loaded.get_report(h.report_id)
        assert report is not None
        assert any(report.text[a:b] == "الميادين" for a, b in h.highlights)
    # Normalised matching: hamza, ta marbuta and a glued clitic do not matter.
    (hit,) = loaded.search("اسفر ذلك")
    assert hit.report_id == "r-mayadin-2" and "«أسفر»" in hit.snippet
    assert {h.report_id for h in loaded.search("بلدة")} == {"r-hatla-2"}
    assert loaded.search("حطلة", limit=1)[0].report_id.startswith("r-hatla")
    assert loaded.search("غواصة") == []
    assert loaded.search("   ") == []


def test_actors(loaded: Store) -> None:
    actors = {a.actor_id: a for a in loaded.actors()}
    assert actors["fatemiyoun"].event_count == 1 and actors["fatemiyoun"].parent_id == "iran_backed_militias"
    assert "iran" in actors  # ancestors are listed so the hierarchy can be browsed
    detail = loaded.get_actor("irgc")
    assert detail is not None
    assert [a.actor_id for a in detail.ancestors] == ["iran"]
    assert "iran_backed_militias" in [c.actor_id for c in detail.children]
    assert sum(d.count for d in detail.events_per_day) == 1
    assert {p.place for p in detail.positions} == {"Hatla"}
    assert loaded.get_actor("no-such-actor") is None


def test_posture(loaded: Store) -> None:
    records = {(r.actor, r.place): r for r in loaded.posture()}
    irgc = records[("Islamic Revolutionary Guard Corps (IRGC)", "Hatla")]
    assert irgc.present and irgc.status == "reinforced"
    assert {(s.name, s.count) for s in irgc.strength} == {("Tank", 5), ("personnel", 200), ("MLRS", 3)}
    assert irgc.sources == ["r-hatla-1", "r-hatla-2"]
    russia = records[("Military Forces of Russia", "Hatla")]
    assert russia.status == "withdrawn" and not russia.present
    # As of before the withdrawal, the Russians had not been reported at all; the IRGC had.
    early = {(r.actor, r.place) for r in loaded.posture(as_of=dt.date(2021, 5, 31))}
    assert ("Military Forces of Russia", "Hatla") not in early
    assert ("Islamic Revolutionary Guard Corps (IRGC)", "Hatla") in early
    assert loaded.posture(as_of=dt.date(2021, 5, 1)) == []
    iran = {(r.actor, r.place) for r in loaded.posture(actor="Iran")}
    assert iran == {("Islamic Revolutionary Guard Corps (IRGC)", "Hatla"), ("Fatemiyoun Brigade", "Hatla")}
    assert loaded.posture(admin1="Homs") == []
    assert len(loaded.posture(admin1="deir ez-zor")) == 3
