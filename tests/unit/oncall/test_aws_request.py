"""The StartIncident request Versus builds, checked against botocore's model of ssm-incidents."""

import json

import botocore.session

from tests.fakes.model_check import problems
from versus.oncall.providers.aws_incident_manager import (
    RAW_DATA_LIMIT,
    client_token,
    incident_title,
    start_incident_request,
)

PLAN = "arn:aws:ssm-incidents::123456789012:response-plan/PlatformCriticalPlan"
MODEL = botocore.session.get_session().get_service_model("ssm-incidents").operation_model("StartIncident")


def incident(payload, summary=None, incident_id="abc123"):
    return {"id": incident_id, "created_at": 1_764_000_000_000, "payload": payload, "summary": summary or {}}


def wire(request):
    """What boto3 sends: the timestamp as epoch seconds."""
    body = dict(request)
    body["triggerDetails"] = {
        **request["triggerDetails"],
        "timestamp": request["triggerDetails"]["timestamp"].timestamp(),
    }
    return body


def test_the_request_is_valid_for_the_service_model():
    payload = {
        "externalURL": "http://alertmanager:9093",
        "alerts": [
            {
                "generatorURL": "http://prometheus:9090/graph?g0.expr=up",
                "annotations": {"runbook": "https://runbooks.example.com/db", "dashboard": "not a url"},
            }
        ],
    }
    request = start_incident_request(incident(payload, {"alertname": "DBDown", "severity": "critical"}), PLAN)
    assert problems(wire(request), MODEL.input_shape) == []
    assert request["clientToken"] == "versus-abc123"
    assert request["triggerDetails"]["source"] == "versus"
    assert [item["title"] for item in request["relatedItems"]] == ["Alertmanager", "Alert source", "Runbook"]


def test_raw_data_and_title_are_cut_to_the_api_limits():
    payload = {"Logs": "x" * 50_000}
    summary = {"alertname": "A" * 500, "service": "svc", "severity": "critical"}
    request = start_incident_request(incident(payload, summary), PLAN)
    assert len(request["triggerDetails"]["rawData"]) == RAW_DATA_LIMIT
    assert len(request["title"]) == 200
    assert problems(wire(request), MODEL.input_shape) == []
    assert "relatedItems" not in request


def test_title_reads_like_an_alert():
    assert incident_title(incident({}, {"alertname": "DiskFull", "service": "db", "severity": "critical"})) == (
        "[CRITICAL] DiskFull on db"
    )
    assert incident_title(incident({}, {"service": "test-service", "severity": "critical"})) == (
        "[CRITICAL] test-service"
    )
    assert incident_title(incident({}, {})) == "[ALERT] incident"


def test_client_token_is_deterministic_and_within_limits():
    assert client_token("x") == client_token("x") != client_token("y")
    assert len(client_token("z" * 500)) == 128


def test_raw_data_is_the_alert_json():
    request = start_incident_request(incident({"a": 1}), PLAN)
    assert json.loads(request["triggerDetails"]["rawData"]) == {"a": 1}
