"""PagerDuty pages exactly once: across kill -9, three replicas, 429 storms and server errors; a 400 is
permanent and reported; no routing key ever reaches a log, a stored error or a URL."""

import time
from collections import Counter

from tests.integration.backends.conftest import ROUTING_KEY, wait_until
from tests.integration.receiver.test_intake import SEED_BODY

NOW = "oncall_enable=true&oncall_wait_minutes=0"


def test_kill_9_during_the_wait_then_restart_triggers_exactly_once(pagerduty_receiver, fake_pagerduty):
    fake, _ = fake_pagerduty
    receiver = pagerduty_receiver()
    incident_id = receiver.post(SEED_BODY, query="oncall_enable=true&oncall_wait_minutes=0.03").json()["id"]
    receiver.kill()
    time.sleep(2.5)
    assert fake.events == []

    restarted = pagerduty_receiver(name="restarted")
    restarted.wait_for(incident_id, lambda i: i["escalation"] == "escalated", timeout=5)
    time.sleep(1.0)
    assert fake.opened == [(ROUTING_KEY, f"versus-{incident_id}")]
    assert len(fake.actions("trigger")) == 1


def test_three_replicas_share_1000_due_pages_and_open_exactly_1000_incidents(
    pagerduty_receiver, fake_pagerduty, record_property
):
    fake, _ = fake_pagerduty
    fake.rate_limit = None  # 1,000 events to one key would take 8 minutes at PagerDuty's ~120/min
    receivers = [pagerduty_receiver(name=f"replica-{n}") for n in range(3)]
    ids: list[str] = []
    for batch in range(10):
        body = [{**SEED_BODY, "ServiceName": f"svc-{batch}-{n}"} for n in range(100)]
        reply = receivers[batch % 3].post(body, query="oncall_enable=true&oncall_wait_minutes=0.1")
        ids.extend(item["id"] for item in reply.json()["incidents"])
    wait_until(lambda: len(fake.events) >= 1000, 60, "1,000 trigger events")
    time.sleep(1.0)
    triggers = Counter(event["dedup_key"] for event in fake.actions("trigger"))
    record_property("pagerduty_triggers", sum(triggers.values()))
    record_property("pagerduty_incidents_opened", len(fake.opened))
    print(f"1000 due pages, 3 replicas: {sum(triggers.values())} triggers, {len(fake.opened)} PagerDuty incidents")
    assert len(fake.opened) == 1000
    assert len(set(fake.opened)) == 1000
    assert set(triggers) == {f"versus-{i}" for i in ids}
    assert max(triggers.values()) == 1
    assert {receivers[0].incident(i)["escalation"] for i in ids} == {"escalated"}


def test_a_429_storm_is_ridden_out_with_backoff_and_opens_each_incident_once(pagerduty_receiver, fake_pagerduty):
    fake, _ = fake_pagerduty
    fake.rate_limit, fake.window_seconds = 10, 2.0
    receiver = pagerduty_receiver()
    body = [{**SEED_BODY, "ServiceName": f"svc-{n}"} for n in range(30)]
    ids = [item["id"] for item in receiver.post(body, query=NOW).json()["incidents"]]
    wait_until(lambda: len(fake.opened) >= 30, 60, "30 PagerDuty incidents through the 429s")
    time.sleep(1.0)
    incidents = [receiver.incident(i) for i in ids]
    print(
        f"30 due pages at 10 events / 2 s: {fake.throttled} answered 429, {len(fake.actions('trigger'))} accepted"
        f" triggers, {len(fake.opened)} PagerDuty incidents, max attempts {max(i['attempts'] for i in incidents)}"
    )
    # How many are refused depends on how the 30 pages spread over the fake's 2 s windows on a busy machine.
    assert fake.throttled > 0
    assert sorted(fake.opened) == sorted((ROUTING_KEY, f"versus-{i}") for i in ids)
    assert {i["escalation"] for i in incidents} == {"escalated"}
    assert max(i["attempts"] for i in incidents) >= 2
    assert any("HTTP 429" in i.get("last_error", "") for i in incidents)


def test_server_errors_are_retried_with_the_same_dedup_key(pagerduty_receiver, fake_pagerduty):
    fake, _ = fake_pagerduty
    fake.fail_next(2, 503)
    receiver = pagerduty_receiver()
    incident_id = receiver.post(SEED_BODY, query=NOW).json()["id"]
    incident = receiver.wait_for(incident_id, lambda i: i["escalation"] == "escalated", timeout=20)
    assert incident["attempts"] == 3
    assert incident["last_error"] == "PagerDuty Events API: HTTP 503: injected by the test"
    assert fake.opened == [(ROUTING_KEY, f"versus-{incident_id}")]


def test_a_connection_error_is_retried(pagerduty_receiver):
    receiver = pagerduty_receiver(oncall={"pagerduty": {"api_url": "http://127.0.0.1:9"}})
    incident_id = receiver.post(SEED_BODY, query=NOW).json()["id"]
    incident = receiver.wait_for(incident_id, lambda i: i.get("attempts", 0) >= 1, timeout=10)
    assert incident["escalation"] == "escalating"
    assert incident["last_error"].startswith("PagerDuty Events API: ClientConnectorError")


def test_a_400_is_permanent_reported_and_never_shows_the_routing_key(pagerduty_receiver, fake_pagerduty):
    fake, _ = fake_pagerduty
    fake.fail_next(1, 400)
    receiver = pagerduty_receiver()
    incident_id = receiver.post(SEED_BODY, query=NOW).json()["id"]
    incident = receiver.wait_for(incident_id, lambda i: i["escalation"] == "failed", timeout=5)
    assert incident["escalation_error"] == "PagerDuty Events API: HTTP 400: injected by the test"
    time.sleep(1.0)
    assert fake.opened == []
    assert "failed for good" in receiver.log()
    assert ROUTING_KEY not in receiver.log()
    assert ROUTING_KEY not in str(incident)
