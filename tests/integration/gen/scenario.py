"""The seed scenario made testable now: short Alertmanager timers, one business-hours window that is
always open (application) and one that never is (night), so both sides of business hours show at once.
The database route waits 30 minutes instead of 0, so no test run escalates to AWS."""

from datetime import datetime, timedelta
from typing import Any, NamedTuple


class Expected(NamedTuple):
    labels: dict[str, str]
    receiver: str
    target: str  # path and query string
    pages: bool


EXPECTED = {
    "DatabaseDown": Expected(
        {"team": "platform", "severity": "critical", "service": "database"},
        "versus-platform-database",
        "/api/incidents?oncall_enable=true&oncall_wait_minutes=30",
        True,
    ),
    "NetworkDown": Expected(
        {"team": "platform", "severity": "critical", "service": "network"},
        "versus-platform-network",
        "/api/incidents?oncall_enable=true&awsim_other_response_plan=network",
        True,
    ),
    "WebDown": Expected(
        {"team": "platform", "severity": "critical", "service": "web"},
        "versus-platform-critical",
        "/api/incidents?oncall_enable=true",
        True,
    ),
    "DiskFilling": Expected({"team": "platform", "severity": "high"}, "versus-platform-high", "/api/incidents", False),
    "AppDownInHours": Expected(
        {"team": "application", "severity": "critical"},
        "versus-application-critical-always",
        "/api/incidents?oncall_enable=true&awsim_other_response_plan=app",
        True,
    ),
    "AppDownAfterHours": Expected(
        {"team": "night", "severity": "critical"}, "versus-night-critical", "/api/incidents", False
    ),
    "Unowned": Expected({"team": "storage", "severity": "critical"}, "versus-default", "/api/incidents", False),
}


def scenario(seed_data: dict[str, Any], receiver_url: str) -> dict[str, Any]:
    seed_data["receiver"]["url"] = receiver_url
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
    seed_data["teams"][0]["routes"][0]["wait_minutes"] = 30
    seed_data["teams"][1]["routes"][0]["during"] = "always"
    seed_data["teams"].append(
        {
            "name": "night",
            "routes": [
                {"severity": "critical", "oncall": True, "response_plan": "app", "during": "never"},
                {"severity": "critical", "oncall": False},
            ],
        }
    )
    return seed_data


def alerts(ends_at: datetime | None = None) -> list[dict[str, Any]]:
    """One alert per scenario row; with `ends_at` in the past they arrive resolved."""
    sent = []
    for name, expected in EXPECTED.items():
        alert: dict[str, Any] = {"labels": {"alertname": name, **expected.labels}, "annotations": {"summary": name}}
        if ends_at is not None:
            alert["startsAt"] = (ends_at - timedelta(minutes=5)).isoformat()
            alert["endsAt"] = ends_at.isoformat()
        sent.append(alert)
    return sent
