"""A person's acknowledgement or resolve in the console reaches Slack with their name, through the outbox."""

from tests.integration.notify.conftest import drain, record


async def test_resolve_by_a_person_is_named_in_the_message_and_its_thread(store, config, make_worker, fake_slack):
    recorded = await record(store, config, query={"oncall_enable": "true", "oncall_wait_minutes": "5"})
    await drain(make_worker())
    result = await store.resolve(recorded.incident_id, by="alice")
    assert result.outcome == "resolved" and result.resolved_by == "alice"
    incident = await store.get(recorded.incident_id)
    assert incident is not None
    assert (incident["escalation"], incident["cancelled_reason"]) == ("cancelled", "resolved")
    assert await store.next_escalation_due_ms() is None
    await drain(make_worker())
    [message] = fake_slack.messages()
    assert "Resolved by alice" in message["text"]
    assert any("Resolved by alice" in reply["text"] for reply in fake_slack.replies(message["ts"]))
    again = await store.resolve(recorded.incident_id, by="bob")
    assert (again.outcome, again.resolved_by) == ("already", "alice")
    assert (await store.resolve("no-such-incident", by="bob")).outcome == "missing"


async def test_acknowledge_by_a_person_is_named_in_slack(store, config, make_worker, fake_slack):
    recorded = await record(store, config, query={"oncall_enable": "true", "oncall_wait_minutes": "5"})
    await store.acknowledge(recorded.incident_id, by="olga")
    await drain(make_worker())
    [message] = fake_slack.messages()
    assert "Acknowledged by olga" in message["text"]
