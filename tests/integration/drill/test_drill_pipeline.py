"""Drill incidents through the receiver: the scheduler rehearses the page unless the drill asks for one."""

from tests.integration.receiver.test_intake import SEED_BODY

PLATFORM = "arn:aws:ssm-incidents::123456789012:response-plan/PlatformCriticalPlan"
NOW = "oncall_enable=true&oncall_wait_minutes=0"


def test_a_drill_is_rehearsed_and_shown_by_the_api(drill_receiver, fake_incident_manager):
    service, _, _ = fake_incident_manager
    receiver = drill_receiver()
    incident_id = receiver.post(SEED_BODY, query=f"{NOW}&drill=true").json()["id"]
    incident = receiver.wait_for(incident_id, lambda i: i["escalation"] == "escalated", timeout=5)
    assert incident["drill"] is True
    assert incident["drill_result"] == f"would start incident with {PLATFORM}"
    assert "incident_arn" not in incident
    assert service.calls_of("StartIncident") == []


def test_the_drill_header_marks_a_drill_too(drill_receiver, fake_incident_manager):
    service, _, _ = fake_incident_manager
    receiver = drill_receiver()
    response = receiver.post(SEED_BODY, query=NOW, headers={"X-Versus-Drill": "true"})
    incident = receiver.wait_for(response.json()["id"], lambda i: i["escalation"] == "escalated", timeout=5)
    assert incident["drill"] is True
    assert incident["drill_result"].startswith("would start incident with ")
    assert service.calls_of("StartIncident") == []


def test_drill_page_really_pages_and_stays_a_drill(drill_receiver, fake_incident_manager):
    service, state, _ = fake_incident_manager
    receiver = drill_receiver()
    incident_id = receiver.post(SEED_BODY, query=f"{NOW}&drill_page=true").json()["id"]
    incident = receiver.wait_for(incident_id, lambda i: i["escalation"] == "escalated", timeout=5)
    [call] = service.calls_of("StartIncident")
    assert call["responsePlanArn"] == PLATFORM
    assert incident["incident_arn"] == state.by_token[call["clientToken"]]
    assert (incident["drill"], incident["drill_page"]) == (True, True)
    assert "drill_result" not in incident


def test_intake_returns_the_ack_link_only_while_there_is_a_wait(drill_receiver):
    receiver = drill_receiver()
    waiting = receiver.post(SEED_BODY, query="oncall_enable=true").json()
    assert waiting["ack_url"].startswith(f"https://versus.example.com/api/incidents/ack/{waiting['id']}?exp=")
    assert "ack_url" not in receiver.post(SEED_BODY, query=NOW).json()
    assert "ack_url" not in receiver.post(SEED_BODY).json()
