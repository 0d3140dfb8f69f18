"""`oncall.provider: incident_io`: a real `versus serve` fires, retries and resolves alerts through the HTTP
alert source of the local incident.io fake, which checks the bearer key and every event against our model."""

import time

from tests.integration.backends.conftest import (
    ALERT_SOURCE,
    APP_ALERT_SOURCE,
    INCIDENT_IO_KEY,
    alertmanager_body,
    wait_until,
)
from tests.integration.receiver.test_intake import SEED_BODY

NOW = "oncall_enable=true&oncall_wait_minutes=0"


def test_an_escalation_fires_one_alert_and_the_resolved_alert_resolves_it(incident_io_receiver, fake_incident_io):
    fake, _ = fake_incident_io
    receiver = incident_io_receiver()
    incident_id = receiver.post(alertmanager_body(), query=NOW).json()["id"]
    incident = receiver.wait_for(incident_id, lambda i: i["escalation"] == "escalated", timeout=5)
    key = (ALERT_SOURCE, f"versus-{incident_id}")
    assert incident["incident_arn"] == key[1]
    [(source, event)] = fake.events
    assert source == ALERT_SOURCE
    assert event["status"] == "firing"
    assert event["title"] == "[CRITICAL] DiskFull on storage"
    assert event["source_url"] == "http://prometheus.example.com:9090/graph?g0.expr=disk"
    assert event["description"].startswith("Disk /var is 97% full\n")
    assert event["metadata"]["labels"]["instance"] == "db-1:9100"

    receiver.post(alertmanager_body(status="resolved"), query=NOW)
    wait_until(lambda: fake.status.get(key) == "resolved", 10, "the incident.io alert to resolve")
    assert fake.opened == [key]
    assert INCIDENT_IO_KEY not in receiver.log()


def test_an_alias_picks_its_alert_source_and_an_unknown_one_warns(incident_io_receiver, fake_incident_io):
    fake, _ = fake_incident_io
    receiver = incident_io_receiver()
    known = receiver.post(SEED_BODY, query=f"{NOW}&incidentio_other_alert_source=app").json()
    unknown = receiver.post({**SEED_BODY, "ServiceName": "other"}, query=f"{NOW}&incidentio_other_alert_source=db")
    assert unknown.json()["warnings"] == [
        "incidentio_other_alert_source='db' is not in oncall.incident_io.other_alert_source_config_ids"
        " (known: app); using the default alert source"
    ]
    for reply in (known, unknown.json()):
        receiver.wait_for(reply["id"], lambda i: i["escalation"] == "escalated", timeout=5)
    assert sorted(source for source, _ in fake.events) == sorted([APP_ALERT_SOURCE, ALERT_SOURCE])


def test_rate_limits_and_server_errors_are_retried_without_a_second_alert(incident_io_receiver, fake_incident_io):
    fake, _ = fake_incident_io
    fake.fail_next(1, 429)
    fake.fail_next(1, 502)
    receiver = incident_io_receiver()
    incident_id = receiver.post(SEED_BODY, query=NOW).json()["id"]
    incident = receiver.wait_for(incident_id, lambda i: i["escalation"] == "escalated", timeout=20)
    assert incident["attempts"] == 3
    assert fake.opened == [(ALERT_SOURCE, f"versus-{incident_id}")]


def test_a_wrong_api_key_fails_for_good_without_showing_it(incident_io_receiver, fake_incident_io):
    fake, _ = fake_incident_io
    receiver = incident_io_receiver(name="wrong-key")
    receiver.stop()
    receiver.env["INCIDENTIO_API_KEY"] = "inc_wrong_key_value"
    receiver.start()
    incident_id = receiver.post(SEED_BODY, query=NOW).json()["id"]
    incident = receiver.wait_for(incident_id, lambda i: i["escalation"] == "failed", timeout=5)
    assert incident["escalation_error"] == "incident.io alert events API: HTTP 401: bad API key"
    time.sleep(0.5)
    assert fake.opened == []
    assert "inc_wrong_key_value" not in receiver.log()


def test_a_drill_names_the_alert_source(incident_io_receiver, fake_incident_io):
    fake, _ = fake_incident_io
    receiver = incident_io_receiver()
    incident_id = receiver.post(SEED_BODY, query=f"{NOW}&drill=true").json()["id"]
    incident = receiver.wait_for(incident_id, lambda i: i["escalation"] == "escalated", timeout=5)
    assert incident["drill_result"] == f"would fire an alert in incident.io alert source 'default' ({ALERT_SOURCE})"
    assert fake.events == []
