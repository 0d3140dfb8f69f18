"""End to end through the real Alertmanager: each alert reaches exactly the webhook URL (path and query
string) the spec implies, business-hours routes notify only inside their window and their sibling only
outside it, the receiver's decision function pages for exactly the on-call routes, and resolving an alert
sends a resolved notification to the same URL."""

import time
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlsplit

import pytest

from versus.config import load_config
from versus.gen.cli import main
from versus.oncall.decision import decide

ENV = {"SLACK_TOKEN": "x", "SLACK_CHANNEL_ID": "C1", "REDIS_HOST": "h", "REDIS_PORT": "6379", "REDIS_PASSWORD": ""}

# alertname -> labels, expected receiver, expected path and query
EXPECTED = {
    "DatabaseDown": (
        {"team": "platform", "severity": "critical", "service": "database"},
        "versus-platform-database",
        "/api/incidents?oncall_enable=true&oncall_wait_minutes=0",
    ),
    "NetworkDown": (
        {"team": "platform", "severity": "critical", "service": "network"},
        "versus-platform-network",
        "/api/incidents?oncall_enable=true&awsim_other_response_plan=network",
    ),
    "WebDown": (
        {"team": "platform", "severity": "critical", "service": "web"},
        "versus-platform-critical",
        "/api/incidents?oncall_enable=true",
    ),
    "DiskFilling": ({"team": "platform", "severity": "high"}, "versus-platform-high", "/api/incidents"),
    "AppDownInHours": (
        {"team": "application", "severity": "critical"},
        "versus-application-critical-always",
        "/api/incidents?oncall_enable=true&awsim_other_response_plan=app",
    ),
    "AppDownAfterHours": ({"team": "night", "severity": "critical"}, "versus-night-critical", "/api/incidents"),
    "Unowned": ({"team": "storage", "severity": "critical"}, "versus-default", "/api/incidents"),
}


@pytest.fixture
def e2e_spec(seed_data, write_spec, capture):
    """The seed scenario pointed at the capture server, with short timers and windows that are always
    open (application) or never open (night), so both sides of business hours are seen now."""
    seed_data["receiver"]["url"] = capture.url
    seed_data["alertmanager"].update(
        group_by=["alertname"],
        group_wait="1s",
        group_interval="1s",
        repeat_interval="1h",
        time_intervals={
            "always": [{"weekdays": ["sunday:saturday"]}],
            "never": [{"years": ["2001"]}],
        },
    )
    application = seed_data["teams"][1]
    application["routes"][0]["during"] = "always"
    night = {
        "name": "night",
        "routes": [
            {"severity": "critical", "oncall": True, "response_plan": "app", "during": "never"},
            {"severity": "critical", "oncall": False},
        ],
    }
    seed_data["teams"].append(night)
    return write_spec(seed_data)


def alert(name: str, labels: dict[str, str], ends_at: datetime | None = None) -> dict:
    sent = {"labels": {"alertname": name, **labels}, "annotations": {"summary": name}}
    if ends_at is not None:
        sent["startsAt"] = (ends_at - timedelta(minutes=5)).isoformat()
        sent["endsAt"] = ends_at.isoformat()
    return sent


def by_alert(deliveries, status):
    return {
        d.body["groupLabels"]["alertname"]: (d.body["receiver"], d.target)
        for d in deliveries
        if d.body["status"] == status
    }


def test_each_alert_reaches_exactly_its_url_and_resolves(e2e_spec, capture, start_alertmanager, tmp_path):
    config = tmp_path / "alertmanager.yml"
    assert main(["alertmanager", str(e2e_spec), "-o", str(config)]) == 0
    alertmanager = start_alertmanager(config)
    expected = {name: (receiver, target) for name, (_, receiver, target) in EXPECTED.items()}

    alertmanager.post_alerts([alert(name, labels) for name, (labels, _, _) in EXPECTED.items()])
    capture.wait_for(lambda got: len(by_alert(got, "firing")) == len(EXPECTED))
    time.sleep(3)  # several group intervals: a second notification for any alert would have come by now
    deliveries = capture.snapshot()
    assert by_alert(deliveries, "firing") == expected
    assert len(deliveries) == len(EXPECTED), "a business-hours route and its sibling both notified"

    oncall = receiver_oncall(e2e_spec, tmp_path)
    pages = {
        name for name, (_, target) in by_alert(deliveries, "firing").items() if decide(oncall, query(target)).enabled
    }
    assert pages == {"DatabaseDown", "NetworkDown", "WebDown", "AppDownInHours"}

    past = datetime.now(UTC) - timedelta(seconds=30)
    alertmanager.post_alerts([alert(name, labels, ends_at=past) for name, (labels, _, _) in EXPECTED.items()])
    deliveries = capture.wait_for(lambda got: len(by_alert(got, "resolved")) == len(EXPECTED))
    assert by_alert(deliveries, "resolved") == expected
    for delivery in deliveries:
        if delivery.body["status"] == "resolved":
            assert delivery.body["alerts"][0]["status"] == "resolved"


def receiver_oncall(spec, tmp_path):
    """The on-call part of the receiver config generated from the same spec, loaded by the receiver."""
    path = tmp_path / "config.yaml"
    assert main(["config", str(spec), "-o", str(path)]) == 0
    return load_config(path, env=ENV).oncall


def query(target: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(target).query))
