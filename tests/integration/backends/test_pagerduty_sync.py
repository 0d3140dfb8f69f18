"""After the page, PagerDuty follows Versus: an ack in Versus acknowledges, a resolved alert resolves (on by
default, configurable), and a drill only says which PagerDuty service it would have triggered."""

import time
from urllib.parse import urlsplit

import httpx

from tests.integration.backends.conftest import ROUTING_KEY, alertmanager_body, wait_until
from tests.integration.escalation.conftest import signer  # noqa: F401 - the fixture, shared
from tests.integration.receiver.test_intake import SEED_BODY

NOW = "oncall_enable=true&oncall_wait_minutes=0"


def ack(receiver, sign, incident_id: str) -> httpx.Response:
    parts = urlsplit(sign().url(incident_id))
    return httpx.post(f"{receiver.url}{parts.path}?{parts.query}")


def test_ack_after_the_page_acknowledges_and_the_resolved_alert_resolves(
    pagerduty_receiver,
    fake_pagerduty,
    signer,  # noqa: F811
):
    fake, _ = fake_pagerduty
    receiver = pagerduty_receiver()
    incident_id = receiver.post(alertmanager_body(), query=NOW).json()["id"]
    receiver.wait_for(incident_id, lambda i: i["escalation"] == "escalated", timeout=5)
    alert = fake.alerts[(ROUTING_KEY, f"versus-{incident_id}")]

    assert ack(receiver, signer, incident_id).status_code == 200
    wait_until(lambda: alert.status == "acknowledged", 10, "the PagerDuty alert to be acknowledged")
    assert receiver.incident(incident_id)["acknowledged_late"] is True

    resolved = receiver.post(alertmanager_body(status="resolved"), query=NOW)
    assert resolved.json()["id"] == incident_id
    wait_until(lambda: alert.status == "resolved", 10, "the PagerDuty alert to be resolved")
    assert [event["event_action"] for event in alert.events] == ["trigger", "acknowledge", "resolve"]
    assert len(fake.opened) == 1


def test_an_ack_before_the_page_prevents_it(pagerduty_receiver, fake_pagerduty, signer):  # noqa: F811
    fake, _ = fake_pagerduty
    receiver = pagerduty_receiver()
    incident_id = receiver.post(SEED_BODY, query="oncall_enable=true&oncall_wait_minutes=0.03").json()["id"]
    assert ack(receiver, signer, incident_id).status_code == 200
    time.sleep(2.5)
    assert receiver.incident(incident_id)["escalation"] == "cancelled"
    assert fake.events == []


def test_resolve_sync_can_be_turned_off(pagerduty_receiver, fake_pagerduty):
    fake, _ = fake_pagerduty
    receiver = pagerduty_receiver(oncall={"pagerduty": {"resolve_on_alert_resolved": False}})
    incident_id = receiver.post(alertmanager_body(), query=NOW).json()["id"]
    receiver.wait_for(incident_id, lambda i: i["escalation"] == "escalated", timeout=5)
    receiver.post(alertmanager_body(status="resolved"), query=NOW)
    receiver.wait_for(incident_id, lambda i: i["status"] == "resolved", timeout=5)
    time.sleep(1.5)
    assert [event["event_action"] for event in fake.events] == ["trigger"]


def test_a_drill_rehearses_the_pagerduty_page(pagerduty_receiver, fake_pagerduty):
    fake, _ = fake_pagerduty
    receiver = pagerduty_receiver()
    query = f"{NOW}&drill=true&pagerduty_other_routing_key=app"
    incident_id = receiver.post(SEED_BODY, query=query).json()["id"]
    incident = receiver.wait_for(incident_id, lambda i: i["escalation"] == "escalated", timeout=5)
    assert incident["drill_result"] == f"would trigger PagerDuty service 'app' (dedup_key versus-{incident_id})"
    assert "incident_arn" not in incident
    time.sleep(0.5)
    assert fake.events == []
