"""The seed guide's four curl tests, end to end: receiver process, real Redis, boto3 to a local fake AWS."""

import time

from tests.integration.receiver.test_intake import SEED_BODY

PLATFORM = "arn:aws:ssm-incidents::123456789012:response-plan/PlatformCriticalPlan"
APP = "arn:aws:ssm-incidents::123456789012:response-plan/AppCriticalPlan"
QUICK = "oncall_wait_minutes=0.02"  # 1.2 s, so the test does not wait the seed's 2 minutes


def test_1_critical_without_oncall_enable_never_pages(oncall_receiver, fake_incident_manager):
    service, _, _ = fake_incident_manager
    receiver = oncall_receiver()
    incident_id = receiver.post(SEED_BODY, query=QUICK).json()["id"]
    time.sleep(2.5)
    assert receiver.incident(incident_id)["escalation"] == "none"
    assert service.calls_of("StartIncident") == []


def test_2_oncall_enable_pages_after_the_wait(oncall_receiver, fake_incident_manager):
    service, state, _ = fake_incident_manager
    receiver = oncall_receiver()
    body = {**SEED_BODY, "Logs": "[CRITICAL] This is a critical alert that SHOULD trigger on-call"}
    posted = time.time()
    incident_id = receiver.post(body, query=f"oncall_enable=true&{QUICK}").json()["id"]
    assert receiver.incident(incident_id)["escalation"] == "pending"
    incident = receiver.wait_for(incident_id, lambda i: i["escalation"] == "escalated")
    assert time.time() - posted >= 1.2
    [call] = service.calls_of("StartIncident")
    assert call["responsePlanArn"] == PLATFORM
    assert call["clientToken"] == f"versus-{incident_id}"
    assert call["title"] == "[CRITICAL] test-service"
    assert call["triggerDetails"]["source"] == "versus"
    assert incident["incident_arn"] == state.by_token[call["clientToken"]]


def test_3_wait_zero_pages_at_once(oncall_receiver, fake_incident_manager):
    service, _, _ = fake_incident_manager
    receiver = oncall_receiver()
    incident_id = receiver.post(SEED_BODY, query="oncall_enable=true&oncall_wait_minutes=0").json()["id"]
    incident = receiver.wait_for(incident_id, lambda i: i["escalation"] == "escalated", timeout=5)
    assert len(service.calls_of("StartIncident")) == 1
    assert incident["escalated_at"] >= incident["created_at"]


def test_4_unknown_plan_alias_pages_with_the_default_plan_and_warns(oncall_receiver, fake_incident_manager):
    service, _, _ = fake_incident_manager
    receiver = oncall_receiver()
    response = receiver.post(
        SEED_BODY, query="oncall_enable=true&oncall_wait_minutes=0&awsim_other_response_plan=platform"
    )
    assert response.status_code == 202
    assert "awsim_other_response_plan='platform' is not in" in response.json()["warnings"][0]
    receiver.wait_for(response.json()["id"], lambda i: i["escalation"] == "escalated", timeout=5)
    assert service.calls_of("StartIncident")[0]["responsePlanArn"] == PLATFORM


def test_a_known_alias_pages_with_its_plan(oncall_receiver, fake_incident_manager):
    service, _, _ = fake_incident_manager
    receiver = oncall_receiver()
    query = "oncall_enable=true&oncall_wait_minutes=0&awsim_other_response_plan=app"
    incident_id = receiver.post(SEED_BODY, query=query).json()["id"]
    receiver.wait_for(incident_id, lambda i: i["escalation"] == "escalated", timeout=5)
    assert service.calls_of("StartIncident")[0]["responsePlanArn"] == APP
