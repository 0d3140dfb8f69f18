"""The seed guide's four curl tests with `oncall.provider: pagerduty`: a real `versus serve`, real Redis, and
the PagerDuty provider over HTTP to the local Events API v2 fake, which checks every event against our model."""

import time

import pytest

from tests.conftest import seed_config
from tests.integration.backends.conftest import APP_ROUTING_KEY, ROUTING_KEY, alertmanager_body
from tests.integration.receiver.test_intake import SEED_BODY

QUICK = "oncall_wait_minutes=0.02"  # 1.2 s, so the test does not wait the seed's 2 minutes


def test_1_critical_without_oncall_enable_never_pages(pagerduty_receiver, fake_pagerduty):
    fake, _ = fake_pagerduty
    receiver = pagerduty_receiver()
    incident_id = receiver.post(SEED_BODY, query=QUICK).json()["id"]
    time.sleep(2.5)
    assert receiver.incident(incident_id)["escalation"] == "none"
    assert fake.events == []


def test_2_oncall_enable_triggers_after_the_wait(pagerduty_receiver, fake_pagerduty):
    fake, _ = fake_pagerduty
    receiver = pagerduty_receiver()
    posted = time.time()
    incident_id = receiver.post(SEED_BODY, query=f"oncall_enable=true&{QUICK}").json()["id"]
    assert receiver.incident(incident_id)["escalation"] == "pending"
    incident = receiver.wait_for(incident_id, lambda i: i["escalation"] == "escalated")
    assert time.time() - posted >= 1.2
    [event] = fake.events
    assert event["routing_key"] == ROUTING_KEY
    assert event["event_action"] == "trigger"
    assert event["dedup_key"] == f"versus-{incident_id}" == incident["incident_arn"]
    assert event["payload"]["summary"].startswith("[CRITICAL] test-service: [CRITICAL] This is a critical alert")
    assert event["payload"]["severity"] == "critical"
    assert event["payload"]["source"] == "test-service"
    assert event["payload"]["custom_details"]["alert"] == SEED_BODY
    assert event["client"] == "Versus"
    assert event["client_url"] == "https://versus.example.com"
    assert fake.opened == [(ROUTING_KEY, f"versus-{incident_id}")]


def test_3_wait_zero_triggers_at_once(pagerduty_receiver, fake_pagerduty):
    fake, _ = fake_pagerduty
    receiver = pagerduty_receiver()
    incident_id = receiver.post(SEED_BODY, query="oncall_enable=true&oncall_wait_minutes=0").json()["id"]
    incident = receiver.wait_for(incident_id, lambda i: i["escalation"] == "escalated", timeout=5)
    assert len(fake.opened) == 1
    assert incident["escalated_at"] >= incident["created_at"]


def test_4_unknown_routing_key_alias_pages_the_default_key_and_warns(pagerduty_receiver, fake_pagerduty):
    fake, _ = fake_pagerduty
    receiver = pagerduty_receiver()
    response = receiver.post(
        SEED_BODY, query="oncall_enable=true&oncall_wait_minutes=0&pagerduty_other_routing_key=platform"
    )
    assert response.status_code == 202
    assert response.json()["warnings"] == [
        "pagerduty_other_routing_key='platform' is not in oncall.pagerduty.other_routing_keys (known: app);"
        " using the default routing key"
    ]
    receiver.wait_for(response.json()["id"], lambda i: i["escalation"] == "escalated", timeout=5)
    assert fake.events[0]["routing_key"] == ROUTING_KEY


def test_a_known_alias_pages_its_routing_key_and_the_decision_names_only_the_alias(pagerduty_receiver, fake_pagerduty):
    fake, _ = fake_pagerduty
    receiver = pagerduty_receiver()
    query = "oncall_enable=true&oncall_wait_minutes=0&pagerduty_other_routing_key=app"
    response = receiver.post(alertmanager_body(), query=query)
    assert response.json()["warnings"] == []
    incident = receiver.wait_for(response.json()["id"], lambda i: i["escalation"] == "escalated", timeout=5)
    [event] = fake.events
    assert event["routing_key"] == APP_ROUTING_KEY
    assert incident["decision"]["response_plan"] == "app"
    assert APP_ROUTING_KEY not in str(incident)
    payload = event["payload"]
    assert payload["summary"] == "[CRITICAL] DiskFull on storage: Disk /var is 97% full"
    assert (payload["source"], payload["component"], payload["class"]) == ("db-1:9100", "storage", "DiskFull")
    assert payload["custom_details"]["labels"]["instance"] == "db-1:9100"
    assert payload["custom_details"]["annotations"]["runbook_url"] == "https://runbooks.example.com/disk"
    assert [link["text"] for link in event["links"]] == [
        "Alertmanager",
        "Alert source",
        "Runbook",
        "Versus incident",
    ]


def test_one_receiver_pages_each_alert_through_the_back_end_its_alias_names(
    pagerduty_receiver, fake_pagerduty, fake_incident_manager
):
    """Team by team: the seed's AWS section stays, so `awsim_other_response_plan` still pages through AWS."""
    fake, _ = fake_pagerduty
    service, _, aws_url = fake_incident_manager
    receiver = pagerduty_receiver(env={"AWS_ENDPOINT_URL_SSM_INCIDENTS": aws_url})
    to_aws = receiver.post(SEED_BODY, query="oncall_enable=true&oncall_wait_minutes=0&awsim_other_response_plan=app")
    to_pagerduty = receiver.post(
        {**SEED_BODY, "ServiceName": "payments"}, query="oncall_enable=true&oncall_wait_minutes=0"
    )
    assert to_aws.json()["warnings"] == []
    for reply in (to_aws, to_pagerduty):
        receiver.wait_for(reply.json()["id"], lambda i: i["escalation"] == "escalated", timeout=5)
    [call] = service.calls_of("StartIncident")
    assert call["responsePlanArn"].endswith("/AppCriticalPlan")
    assert call["clientToken"] == f"versus-{to_aws.json()['id']}"
    assert fake.opened == [(ROUTING_KEY, f"versus-{to_pagerduty.json()['id']}")]


def test_a_malformed_routing_key_stops_versus_serve_without_showing_it(make_receiver, redis_url, key_prefix):
    oncall = {"provider": "pagerduty", "pagerduty": {"routing_key": "${PAGERDUTY_ROUTING_KEY}"}}
    config = seed_config(redis_url, key_prefix, oncall=oncall)
    with pytest.raises(RuntimeError) as caught:
        make_receiver(config, env={"PAGERDUTY_ROUTING_KEY": "secret-but-short"})
    message = str(caught.value)
    assert "versus serve exited with 2" in message
    assert (
        "oncall.pagerduty.routing_key: an Events API v2 integration key has 32 characters, this one has 16" in message
    )
    assert "secret-but-short" not in message
