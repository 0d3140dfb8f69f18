"""Incident histories and the report's numbers, from events alone: windows, drills, false-positive signal."""

import json

from versus.analytics.events import Event
from versus.analytics.percentiles import Spread
from versus.analytics.summary import summarise
from versus.analytics.timeline import incident_histories

MIN = 60_000
HOUR = 60 * MIN


def received(incident: str, at: int, *, team: str = "platform", severity: str = "critical", **extra: str) -> Event:
    summary = json.dumps({"team": team, "service": "api", "severity": severity})
    return Event(incident, "received", at, {"summary": summary, "escalates": "1", "drill": "0", **extra})


def later(incident: str, name: str, at: int, **fields: str) -> Event:
    return Event(incident, name, at, fields)


def test_the_window_takes_incidents_received_in_it_and_their_changes_before_its_end():
    events = [
        received("before", -5 * MIN),
        later("before", "acknowledged", 1 * MIN, late="0"),
        received("inside", 2 * MIN),
        later("inside", "acknowledged", 4 * MIN, late="0"),
        later("inside", "resolved", 50 * MIN),
        received("after", 60 * MIN),
    ]
    [history] = incident_histories(events, 0, 30 * MIN)
    assert history.incident == "inside"
    assert history.seconds_to_acknowledge == 120
    assert history.resolved_at_ms is None, "resolved after the window's end: still open as of then"


def test_resolved_before_ack_is_a_resolve_that_nobody_acknowledged_first():
    events = [
        received("a", 0),
        later("a", "resolved", MIN),
        received("b", 0),
        later("b", "resolved", MIN),
        later("b", "acknowledged", 2 * MIN, late="0"),
        received("c", 0),
        later("c", "acknowledged", MIN, late="0"),
        later("c", "resolved", 2 * MIN),
    ]
    histories = incident_histories(events, 0, 10 * MIN)
    assert [h.resolved_before_ack for h in histories] == [True, True, False]


def test_the_summary_leaves_drills_out_and_says_how_many():
    events = [
        received("real", 0),
        later("real", "escalated", MIN),
        later("real", "acknowledged", 2 * MIN, late="1"),
        received("drill", 0, drill="1"),
        later("drill", "escalated", MIN, drill="1"),
        received("fails", 0, team="app", severity="Warning"),
        later("fails", "escalation_failed", MIN),
    ]
    summary = summarise(incident_histories(events, 0, 10 * MIN), 0, 10 * MIN)
    assert (summary.incidents, summary.drills_excluded) == (2, 1)
    assert (summary.paging, summary.escalated, summary.escalation_failed) == (2, 1, 1)
    assert summary.escalation_rate == 0.5
    assert summary.acknowledged_late == 1
    assert summary.by_severity == [("critical", 1), ("warning", 1)]
    assert [(r.team, r.severity, r.acknowledge) for r in summary.response] == [
        ("app", "warning", None),
        ("platform", "critical", Spread(1, 120.0, 120.0)),
    ]


def test_an_empty_window_has_no_rate():
    summary = summarise([], 0, 1)
    assert summary.incidents == 0
    assert summary.escalation_rate is None


def test_ack_times_are_grouped_by_whoever_was_on_call():
    events = [
        received("a", 0),
        later("a", "acknowledged", MIN, late="0"),
        received("b", 10 * MIN),
        later("b", "acknowledged", 13 * MIN, late="0"),
        received("c", 20 * MIN),
        received("d", 30 * MIN),
    ]
    rota = {"a": ("Alice",), "b": ("Alice", "Bob"), "c": ("Bob",), "d": ()}
    summary = summarise(incident_histories(events, 0, HOUR), 0, HOUR, on_call=lambda h: rota[h.incident])
    assert [(r.person, r.incidents, r.acknowledged, r.acknowledge) for r in summary.by_on_call] == [
        ("Alice", 2, 2, Spread(2, 60.0, 180.0)),
        ("Bob", 2, 1, Spread(1, 180.0, 180.0)),
        ("(nobody on call)", 1, 0, None),
    ]
    assert summarise([], 0, 1).by_on_call == []
