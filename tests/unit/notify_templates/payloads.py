"""Shared test data: an Alertmanager v4 webhook as Versus hands it to templates, and a plain body."""

from typing import Any

from versus.notify.templates import compile_template

ACK_URL = "https://versus.example.com/api/incidents/ack/abc123?sig=xyz"


def alertmanager_payload() -> dict[str, Any]:
    """Two firing HighCPU alerts from one group, plus the keys Versus adds (AckURL, OnCall, Warnings)."""
    return {
        "version": "4",
        "groupKey": '{}:{alertname="HighCPU"}',
        "truncatedAlerts": 0,
        "status": "firing",
        "receiver": "versus-critical",
        "groupLabels": {"alertname": "HighCPU"},
        "commonLabels": {"alertname": "HighCPU", "severity": "critical", "system": "payments"},
        "commonAnnotations": {},
        "externalURL": "http://alertmanager:9093",
        "alerts": [
            {
                "status": "firing",
                "labels": {
                    "alertname": "HighCPU",
                    "severity": "critical",
                    "system": "payments",
                    "instance": "db-1:9100",
                },
                "annotations": {
                    "description": "CPU above 95% for 10m",
                    "runbook": "https://runbooks.example.com/cpu",
                },
                "startsAt": "2024-01-01T12:00:00.123456789Z",
                "endsAt": "0001-01-01T00:00:00Z",
                "generatorURL": "http://prometheus:9090/graph?g0.expr=cpu",
                "fingerprint": "a1b2c3d4e5f60718",
            },
            {
                "status": "firing",
                "labels": {
                    "alertname": "HighCPU",
                    "severity": "critical",
                    "system": "payments",
                    "instance": "db-2:9100",
                },
                "annotations": {
                    "description": "CPU above 90% for 10m",
                    "dashboard": "https://grafana.example.com/d/cpu",
                },
                "startsAt": "2024-01-01T12:01:30Z",
                "endsAt": "0001-01-01T00:00:00Z",
                "generatorURL": "http://prometheus:9090/graph?g0.expr=cpu",
                "fingerprint": "0f1e2d3c4b5a6978",
            },
        ],
        "AckURL": ACK_URL,
        "OnCall": {
            "enabled": True,
            "wait_minutes": 2,
            "response_plan_arn": "arn:aws:ssm-incidents::123456789012:response-plan/PlatformCriticalPlan",
        },
        "Warnings": [],
    }


def plain_payload() -> dict[str, Any]:
    """The seed guide's curl body, as sent without oncall_enable (so no AckURL)."""
    return {
        "Logs": "[CRITICAL] This is a critical alert that should not trigger on-call",
        "ServiceName": "test-service",
        "Severity": "critical",
        "OnCall": {"enabled": False, "wait_minutes": 2, "response_plan_arn": ""},
        "Warnings": [],
    }


def go(source: str, data: dict[str, Any] | None = None, functions: str = "versus") -> str:
    """Compile as Go syntax (with the `functions` set) and render."""
    return compile_template(source, name="test.tmpl", syntax="go", functions=functions).render(data or {})
