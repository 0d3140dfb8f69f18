"""The PagerDuty and incident.io fakes behave as their documentation says, or the scenarios prove nothing."""

import json

from tests.fakes.incident_io import FakeIncidentIo
from tests.fakes.incident_io_model import event_problems as incident_io_problems
from tests.fakes.pagerduty import FakePagerDuty
from tests.fakes.pagerduty_model import EVENT_BYTES_LIMIT
from versus.config.model import IncidentIoConfig
from versus.oncall.providers.incident_io import alert_event, alert_source

KEY = "R0UT1NGKEYDEFAULT000000000000001"


def send(fake, action, dedup_key="k", **extra):
    event = {"routing_key": KEY, "event_action": action, "dedup_key": dedup_key, **extra}
    if action == "trigger":
        event["payload"] = {"summary": "s", "source": "h", "severity": "info"}
    return fake.handle("POST", "/v2/enqueue", {}, json.dumps(event).encode())


def test_pagerduty_folds_triggers_by_dedup_key_until_resolved():
    fake = FakePagerDuty()
    assert [send(fake, "trigger")[0] for _ in range(3)] == [202, 202, 202]
    assert send(fake, "acknowledge")[0] == 202
    assert fake.alerts[(KEY, "k")].status == "acknowledged"
    send(fake, "resolve")
    send(fake, "resolve")
    send(fake, "trigger")
    assert fake.opened == [(KEY, "k"), (KEY, "k")]


def test_pagerduty_drops_follow_ups_without_an_open_alert():
    fake = FakePagerDuty()
    assert send(fake, "resolve", dedup_key="never")[0] == 202
    assert fake.alerts == {} and fake.opened == []


def test_pagerduty_refuses_invalid_and_oversized_events_with_400():
    fake = FakePagerDuty()
    status, body = fake.handle("POST", "/v2/enqueue", {}, b'{"routing_key": "short", "event_action": "trigger"}')
    assert status == 400 and body["message"] == "Event object is invalid"
    assert any("routing_key" in error for error in body["errors"])
    status, _ = send(fake, "trigger", client="x" * EVENT_BYTES_LIMIT)
    assert status == 400
    assert fake.events == []


def test_pagerduty_throttles_per_routing_key_and_fails_on_request():
    fake = FakePagerDuty(rate_limit=2)
    assert [send(fake, "trigger", dedup_key=str(n))[0] for n in range(3)] == [202, 202, 429]
    other = {"routing_key": "R0UT1NGKEYOTHER00000000000000003", "event_action": "resolve", "dedup_key": "k"}
    assert fake.handle("POST", "/v2/enqueue", {}, json.dumps(other).encode())[0] == 202
    fake.rate_limit = None
    fake.fail_next(1, 503)
    assert [send(fake, "trigger")[0] for _ in range(2)] == [503, 202]


def test_incident_io_checks_the_key_dedups_and_resolves():
    fake = FakeIncidentIo("secret", frozenset({"S1"}))
    event = {"status": "firing", "title": "t", "deduplication_key": "d"}
    auth = {"authorization": "Bearer secret"}
    path = "/v2/alert_events/http/S1"
    assert fake.handle("POST", path, {"authorization": "Bearer nope"}, json.dumps(event).encode())[0] == 401
    assert fake.handle("POST", "/v2/alert_events/http/S9", auth, json.dumps(event).encode())[0] == 404
    assert fake.handle("POST", path, auth, json.dumps({"status": "open"}).encode())[0] == 422
    for _ in range(2):
        assert fake.handle("POST", path, auth, json.dumps(event).encode())[0] == 202
    fake.handle("POST", path, auth, json.dumps({**event, "status": "resolved"}).encode())
    assert (fake.opened, fake.status) == ([("S1", "d")], {("S1", "d"): "resolved"})


def test_the_incident_io_events_versus_builds_fit_the_model():
    incident = {
        "id": "abc",
        "payload": {"alerts": [{"labels": {"alertname": "Disk"}, "generatorURL": "https://prom/g"}]},
        "summary": {"severity": "critical", "alertname": "Disk", "summary": "x " * 20_000},
        "decision": {"response_plan": "gone"},
    }
    for status in ("firing", "resolved"):
        event = alert_event(incident, status, public_host=None)
        assert incident_io_problems(event) == []
        assert len(event["description"]) <= 10_000
    assert alert_source(IncidentIoConfig(alert_source_config_id="S0"), incident) == ("default", "S0")


def test_the_rest_fake_wants_the_token_the_versioned_accept_and_known_parameters():
    from tests.fakes.pagerduty_rest import FakePagerDutyRest
    from tests.fakes.pagerduty_rest_model import ACCEPT

    fake = FakePagerDutyRest("t", schedules={"s": "P1"}, users={})
    good = {"authorization": "Token token=t", "accept": ACCEPT}
    assert fake.handle("GET", "/schedules?query=s", {**good, "authorization": "Bearer t"}, b"")[0] == 401
    assert fake.handle("GET", "/schedules?query=s", {**good, "accept": "application/json"}, b"")[0] == 404
    assert fake.handle("GET", "/schedules?name=s", good, b"")[0] == 400
    status, body = fake.handle("GET", "/schedules?query=s&limit=1&offset=0", good, b"")
    assert (status, body["schedules"], body["more"]) == (200, [{"id": "P1", "name": "s"}], False)
    bad = json.dumps({"overrides": [{"start": "yesterday", "end": "x", "user": {"id": "U"}}]}).encode()
    assert fake.handle("POST", "/schedules/P1/overrides", good, bad)[0] == 400
    assert len(fake.invalid) == 3
