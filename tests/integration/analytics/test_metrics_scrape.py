"""GET /metrics from a running `versus serve` after a scripted run of incidents: every value checked exactly."""

import time
from urllib.parse import urlsplit

import httpx
import redis

from tests.conftest import seed_config
from tests.integration.analytics.scrape import series, wait_for_values

PLATFORM = {"team": "platform", "service": "api", "severity": "critical"}


def alert(team: str, service: str, severity: str, status: str = "firing") -> dict[str, str]:
    return {
        "Logs": f"{service} is unhappy",
        "ServiceName": service,
        "Severity": severity,
        "team": team,
        "status": status,
    }


def ack(receiver, signer, incident_id: str) -> None:
    parts = urlsplit(signer().url(incident_id))
    assert httpx.post(f"{receiver.url}{parts.path}?{parts.query}").status_code == 200


def test_scripted_incidents_show_exactly_in_the_scrape(
    oncall_receiver, signer, fake_incident_manager, redis_url, key_prefix
):
    service, _, _ = fake_incident_manager
    receiver = oncall_receiver(oncall={"aws_incident_manager": {"resolve_on_alert_resolved": True}})
    posts = 0

    def post(body: dict[str, str], query: str) -> str:
        nonlocal posts
        posts += 1
        response = receiver.post(body, query=query)
        assert response.status_code == 202
        return str(response.json()["id"])

    # 1: pages in 5 minutes, acknowledged in time, then resolved.
    first = post(alert(**PLATFORM), "dedup_key=one&oncall_enable=true&oncall_wait_minutes=5")
    ack(receiver, signer, first)
    post(alert(**PLATFORM, status="resolved"), "dedup_key=one")
    # 2: pages at once, acknowledged late, resolved: the provider's record is resolved through the outbox.
    second = post(alert(**PLATFORM), "dedup_key=two&oncall_enable=true&oncall_wait_minutes=0")
    receiver.wait_for(second, lambda i: i["escalation"] == "escalated")
    ack(receiver, signer, second)
    post(alert(**PLATFORM, status="resolved"), "dedup_key=two")
    # 3: a warning with two bad parameters, never paged, resolved without an ack.
    post(alert("app", "web", "warning"), "dedup_key=three&oncall_enable=maybe&oncall_bogus=1")
    post(alert("app", "web", "warning", status="resolved"), "dedup_key=three")
    # 4: the page is refused for good (once the provider's resolve of 2 is done, so that it cannot take the refusal).
    wait_for_values(receiver.url, {series("versus_deliveries_total", channel="provider", result="sent"): 1})
    service.deny_next(1)
    fourth = post(alert("app", "web", "CRITICAL"), "oncall_enable=true&oncall_wait_minutes=0")
    receiver.wait_for(fourth, lambda i: i["escalation"] == "failed")
    # 5: still waiting for its page; and one delivery queued far in the future, straight into Redis.
    post(alert("app", "", ""), "oncall_enable=true&oncall_wait_minutes=60")
    redis.Redis.from_url(redis_url).zadd(f"{key_prefix}outbox:due", {"someone:1": (time.time() + 86400) * 1000})

    found = wait_for_values(
        receiver.url,
        {
            series("versus_incidents_total", **PLATFORM): 2,
            series("versus_incidents_total", team="app", service="web", severity="warning"): 1,
            series("versus_incidents_total", team="app", service="web", severity="critical"): 1,
            series("versus_incidents_total", team="app", service="unknown", severity="unknown"): 1,
            series("versus_acknowledgements_total", team="platform", severity="critical", late="false"): 1,
            series("versus_acknowledgements_total", team="platform", severity="critical", late="true"): 1,
            series("versus_escalations_total", team="platform", result="acknowledged_in_time"): 1,
            series("versus_escalations_total", team="platform", result="started"): 1,
            series("versus_escalations_total", team="app", result="failed"): 1,
            series("versus_deliveries_total", channel="provider", result="sent"): 1,
            series("versus_config_warnings_total", parameter="oncall_enable"): 1,
            series("versus_config_warnings_total", parameter="unknown"): 1,
            series("versus_time_to_acknowledge_seconds_count", team="platform", severity="critical"): 2,
            series("versus_time_to_acknowledge_seconds_bucket", team="platform", severity="critical", le="30.0"): 2,
            series("versus_time_to_resolve_seconds_count", team="platform", severity="critical"): 2,
            series("versus_time_to_resolve_seconds_count", team="app", severity="warning"): 1,
            series("versus_time_to_resolve_seconds_bucket", team="app", severity="warning", le="+Inf"): 1,
            series("versus_intake_request_duration_seconds_count", status="2xx"): posts,
            series("versus_escalations_pending"): 1,
            series("versus_outbox_depth"): 1,
        },
    )
    counted = {key: value for key, value in found.items() if key[0].endswith("_total") and value}
    assert len(counted) == 12, "no series beyond the expected ones has counted anything"
    assert not any("incident" in dict(labels) for _, labels in found), "incident ids are never labels"
    buckets = sorted(
        float(dict(labels)["le"])
        for name, labels in found
        if name == "versus_time_to_resolve_seconds_bucket" and dict(labels)["team"] == "app"
    )
    assert buckets[:-1] == [30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 28800, 86400]


def test_metrics_can_be_switched_off(make_receiver, redis_url, key_prefix):
    receiver = make_receiver(seed_config(redis_url, key_prefix, metrics={"enable": False}))
    assert receiver.post(alert("app", "web", "warning")).status_code == 202
    assert httpx.get(f"{receiver.url}/metrics").status_code == 404
