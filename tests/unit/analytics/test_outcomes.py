"""What each event counts as, for both sinks: decided once, from the event and the incident's hash."""

import json
from dataclasses import replace

from versus.analytics.events import Event, parse_event
from versus.analytics.labels import LabelBounds
from versus.analytics.outcomes import IncidentContext, Outcome, outcomes

CREATED = 1_000_000
CONTEXT = IncidentContext(team="platform", service="api", severity="Critical", created_at_ms=CREATED)


def event(name: str, at: int = CREATED, **fields: str) -> Event:
    return Event(incident="i1", name=name, at_ms=at, fields=fields)


def found(e: Event, context: IncidentContext = CONTEXT) -> list[Outcome]:
    return outcomes(e, context, LabelBounds())


def test_received_counts_one_incident_with_bounded_labels():
    assert found(event("received")) == [Outcome("received", CREATED, "platform", "api", "critical")]
    assert found(event("received"), IncidentContext()) == [
        Outcome("received", CREATED, "unknown", "unknown", "unknown")
    ]


def test_an_ack_before_the_page_is_in_time_and_cancels_the_escalation():
    context = replace(CONTEXT, cancelled_reason="acknowledged")
    assert found(event("acknowledged", CREATED + 94_200, late="0"), context) == [
        Outcome("acknowledged", CREATED + 94_200, "platform", "api", "critical", late=False, seconds=94.2),
        Outcome("escalated", CREATED + 94_200, "platform", "api", "critical", result="acknowledged_in_time"),
    ]


def test_a_late_ack_is_late_and_no_escalation_result():
    assert found(event("acknowledged", CREATED + 300_000, late="1")) == [
        Outcome("acknowledged", CREATED + 300_000, "platform", "api", "critical", late=True, seconds=300.0)
    ]


def test_resolve_measures_time_to_resolve_and_says_when_it_cancelled_the_page():
    context = replace(CONTEXT, cancelled_reason="resolved")
    assert [(o.kind, o.seconds, o.result) for o in found(event("resolved", CREATED + 60_000), context)] == [
        ("resolved", 60.0, ""),
        ("escalated", None, "resolved_in_time"),
    ]


def test_escalation_results_and_deliveries():
    assert [o.result for o in found(event("escalated"))] == ["started"]
    assert [(o.kind, o.result) for o in found(event("escalation_failed"))] == [("escalated", "failed")]
    assert [(o.kind, o.channel, o.result) for o in found(event("notified", channel="slack"))] == [
        ("notified", "slack", "sent")
    ]
    assert [(o.channel, o.result) for o in found(event("notify_failed", channel="provider"))] == [
        ("provider", "failed")
    ]


def test_drills_count_only_their_deliveries():
    drill = replace(CONTEXT, drill=True)
    for name in ("received", "acknowledged", "resolved", "escalated", "escalation_failed"):
        assert found(event(name), drill) == []
    assert found(event("escalated", drill="1")) == [], "a rehearsed page says drill on the event itself"
    assert [o.kind for o in found(event("notified", channel="slack"), drill)] == ["notified"]


def test_no_time_without_a_creation_time_and_unknown_events_count_nothing():
    no_time = IncidentContext(team="platform")
    assert found(event("acknowledged", late="0"), no_time)[0].seconds is None
    assert found(event("something_new")) == []


def test_the_context_comes_from_the_incident_hash():
    raw = {"created_at": "123", "drill": "1", "cancelled_reason": "acknowledged", "summary": None}
    context = IncidentContext.from_hash(raw, {"team": "app", "service": "web", "severity": "warning"})
    assert context == IncidentContext("app", "web", "warning", 123, True, "acknowledged")
    assert IncidentContext.from_hash({}, {}) == IncidentContext()


def test_stream_fields_parse_into_events():
    summary = json.dumps({"service": "api", "team": "platform"})
    parsed = parse_event({"incident": "i1", "event": "received", "at": "42", "summary": summary, "drill": "0"})
    assert parsed is not None
    assert (parsed.name, parsed.at_ms, parsed.summary, parsed.drill) == (
        "received",
        42,
        {"service": "api", "team": "platform"},
        False,
    )
    assert parse_event({"incident": "i1", "event": "received"}) is None
    assert parse_event({"incident": "i1", "event": "received", "at": "soon"}) is None
    assert event("received", summary="{not json").summary == {}
