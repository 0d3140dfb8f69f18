"""Acknowledgement links: GET changes nothing, POST acknowledges, and ack and claim are atomic."""

import asyncio
import time
from urllib.parse import urlsplit

import httpx

from tests.integration.receiver.test_intake import SEED_BODY


def local(receiver, ack_url: str) -> str:
    """The signed link points at public_host; send it to the local receiver instead."""
    parts = urlsplit(ack_url)
    return f"{receiver.url}{parts.path}?{parts.query}"


def test_ack_before_the_due_time_prevents_the_page(oncall_receiver, signer, fake_incident_manager):
    service, _, _ = fake_incident_manager
    receiver = oncall_receiver()
    incident_id = receiver.post(SEED_BODY, query="oncall_enable=true&oncall_wait_minutes=0.03").json()["id"]
    link = local(receiver, signer().url(incident_id))

    page = httpx.get(link)
    assert page.status_code == 200
    assert '<button type="submit">Acknowledge</button>' in page.text
    assert "test-service" in page.text
    assert receiver.incident(incident_id)["escalation"] == "pending"

    done = httpx.post(link)
    assert done.status_code == 200
    assert "No one will be paged for this incident." in done.text
    incident = receiver.incident(incident_id)
    assert (incident["escalation"], incident["cancelled_reason"]) == ("cancelled", "acknowledged")
    assert incident["acknowledged_by"] == "ack link"

    again = httpx.post(link)
    assert again.status_code == 200
    assert f"Already acknowledged at {incident['acknowledged_at']} by ack link." in again.text

    time.sleep(2.5)
    assert service.calls_of("StartIncident") == []


def test_bad_or_expired_links_are_refused_and_change_nothing(oncall_receiver, signer):
    receiver = oncall_receiver()
    incident_id = receiver.post(SEED_BODY, query="oncall_enable=true").json()["id"]
    good = signer()
    expired = local(receiver, good.url(incident_id, now=time.time() - 2 * 86400))
    forged = local(receiver, good.url(incident_id)).replace("sig=", "sig=0")
    other_incident = local(receiver, good.url("someone-else")).replace("someone-else", incident_id)
    for link, reason in [
        (expired, "has expired"),
        (forged, "is not valid"),
        (other_incident, "is not valid"),
        (f"{receiver.url}/api/incidents/ack/{incident_id}", "is incomplete"),
    ]:
        for method in ("GET", "POST"):
            response = httpx.request(method, link)
            assert response.status_code == 403, (link, method)
            assert reason in response.text
    incident = receiver.incident(incident_id)
    assert incident["escalation"] == "pending"
    assert "acknowledged_at" not in incident


def test_ack_racing_the_due_time_has_exactly_one_outcome(oncall_receiver, signer, fake_incident_manager):
    """Fifty clients acknowledge right at the due time while the scheduler claims: one outcome, consistent."""
    service, _, _ = fake_incident_manager
    receiver = oncall_receiver()
    outcomes = {"won": 0, "late": 0}
    for _ in range(6):
        incident_id = receiver.post(SEED_BODY, query="oncall_enable=true&oncall_wait_minutes=0.01").json()["id"]
        link = local(receiver, signer().url(incident_id))
        due = receiver.incident(incident_id)["due_at"]
        time.sleep(0.55)

        async def hammer(link: str = link) -> list[str]:
            async with httpx.AsyncClient() as client:
                replies = await asyncio.gather(*(client.post(link) for _ in range(50)))
            return [reply.text for reply in replies]

        texts = asyncio.run(hammer())
        first = [t for t in texts if "Already acknowledged" not in t]
        assert len(first) == 1, "exactly one request acknowledges; the others see it already done"
        incident = receiver.wait_for(incident_id, lambda i: i["escalation"] in {"cancelled", "escalated"})
        calls = [c for c in service.calls_of("StartIncident") if c["clientToken"] == f"versus-{incident_id}"]
        if incident["escalation"] == "cancelled":
            outcomes["won"] += 1
            assert "No one will be paged" in first[0]
            assert calls == []
            assert incident["acknowledged_late"] is False
        else:
            outcomes["late"] += 1
            assert "the escalation had already started" in first[0]
            assert len(calls) == 1
            assert incident["acknowledged_late"] is True
            assert incident["claimed_at"] <= incident["acknowledged_at"]
        assert due
    assert sum(outcomes.values()) == 6
