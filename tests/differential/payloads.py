"""The payloads the differential suite renders: what Alertmanager, Grafana and the seed guide's curl send,
each as Versus hands it to a template (with AckURL, OnCall and Warnings added), plus edge-case data."""

from typing import Any

from versus.notify.templates.group_time import with_group_starts_at

VERSUS_KEYS: dict[str, Any] = {
    "AckURL": "https://versus.example.com/api/incidents/ack/inc-1?exp=1764460800&sig=abc",
    "OnCall": {"enabled": True, "wait_minutes": 2, "response_plan_arn": "arn:aws:ssm-incidents::1:response-plan/P"},
    "Warnings": ["oncall_wait_minutes='x' is not a number; using 3"],
}

ALERTMANAGER: dict[str, Any] = {
    "version": "4",
    "groupKey": '{}/{severity="critical"}:{alertname="DiskFull"}',
    "truncatedAlerts": 0,
    "status": "firing",
    "receiver": "versus-critical",
    "groupLabels": {"alertname": "DiskFull"},
    "commonLabels": {"alertname": "DiskFull", "severity": "critical", "system": "storage", "team": "platform"},
    "commonAnnotations": {"summary": "Disk almost full"},
    "externalURL": "http://alertmanager:9093",
    "alerts": [
        {
            "status": "firing",
            "labels": {"alertname": "DiskFull", "severity": "critical", "instance": "db-1:9100", "job": "node"},
            "annotations": {"description": "Disk / is 97% full", "runbook_url": "https://runbooks.example.com/disk"},
            "startsAt": "2026-11-26T17:01:00.123456789Z",
            "endsAt": "0001-01-01T00:00:00Z",
            "generatorURL": "http://prometheus:9090/graph?g0.expr=disk&g0.tab=1",
            "fingerprint": "a1b2c3d4e5f60718",
        },
        {
            "status": "resolved",
            "labels": {"alertname": "DiskFull", "severity": "critical", "instance": "db-2:9100", "job": "node"},
            "annotations": {
                "description": "Disk /var is <99% & rising>",
                "dashboard": "https://grafana.example.com/d/1",
            },
            "startsAt": "2026-11-26T17:00:00+02:00",
            "endsAt": "2026-11-26T17:30:00Z",
            "generatorURL": "http://prometheus:9090/graph?g0.expr=disk",
            "fingerprint": "0f1e2d3c4b5a6978",
        },
    ],
}

GRAFANA: dict[str, Any] = {
    "receiver": "versus",
    "status": "firing",
    "orgId": 1,
    "alerts": [
        {
            "status": "firing",
            "labels": {"alertname": "HighLatency", "grafana_folder": "API", "severity": "warning"},
            "annotations": {"summary": "p99 above 2s", "description": "p99 latency is 2.4s"},
            "startsAt": "2026-11-26T16:59:30Z",
            "endsAt": "0001-01-01T00:00:00Z",
            "generatorURL": "https://grafana.example.com/alerting/grafana/abc/view",
            "fingerprint": "57c6d9296de2ad39",
            "silenceURL": "https://grafana.example.com/alerting/silence/new?alertmanager=grafana",
            "dashboardURL": "https://grafana.example.com/d/api",
            "panelURL": "https://grafana.example.com/d/api?viewPanel=3",
            "values": {"A": 2.4, "B": 1},
            "valueString": "[ var='A' labels={} value=2.4 ]",
        }
    ],
    "groupLabels": {"alertname": "HighLatency", "grafana_folder": "API"},
    "commonLabels": {"alertname": "HighLatency", "grafana_folder": "API", "severity": "warning"},
    "commonAnnotations": {"summary": "p99 above 2s"},
    "externalURL": "https://grafana.example.com/",
    "version": "1",
    "groupKey": '{}:{alertname="HighLatency"}',
    "truncatedAlerts": 0,
    "title": "[FIRING:1] HighLatency API",
    "state": "alerting",
    "message": "**Firing**\n\nValue: A=2.4",
}

SEED: dict[str, Any] = {
    "Logs": "[CRITICAL] This is a critical alert that should not trigger on-call",
    "ServiceName": "test-service",
    "Severity": "critical",
}

EDGE: dict[str, Any] = {
    "s": "hello",
    "mixed_case": "hELLO wORLD o'neil-x_y",
    "empty": "",
    "zero": 0,
    "n": 3,
    "neg": -42,
    "big": 12345678901,
    "f": 3.14159,
    "half": 0.5,
    "tiny": 0.000001234,
    "huge": 1.5e21,
    "whole": 2.0,
    "t": True,
    "no": False,
    "null": None,
    "list": ["a", "b", "c"],
    "nums": [3, 1, 2],
    "mixed": [1, None, 2.5, "x", True],
    "nested": {"a": {"b": {"c": "deep"}}, "l": [{"k": "v0"}, {"k": "v1"}]},
    "map": {"zeta": 1, "alpha": 2, "Mid": 3},
    "unicode": "straße ünïcode 日本語 🙂",
    "hostile": "<!channel> & <https://evil.example|Click>",
    "url": "https://x.example/?a=1&b=2 c",
    "time": "2026-11-26T17:01:02.5+05:30",
    "unix": 1764176462,
    "csv": "a,b,,c",
    "spaces": "  \t padded \n ",
    "width": 7,
}

PAYLOADS: dict[str, dict[str, Any]] = {
    "alertmanager": with_group_starts_at(ALERTMANAGER) | VERSUS_KEYS,
    "grafana": with_group_starts_at(GRAFANA) | VERSUS_KEYS,
    "seed": SEED | VERSUS_KEYS | {"AckURL": None, "OnCall": {"enabled": False}, "Warnings": []},
    "edge": EDGE,
}
