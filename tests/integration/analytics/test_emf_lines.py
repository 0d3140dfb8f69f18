"""`metrics.cloudwatch_emf.enable`: the running receiver writes one EMF line per event on stdout, each valid by
the specification's structure and named as the CloudWatch dashboard module reads it."""

import json
import time
from urllib.parse import urlsplit

import httpx

from tests.integration.analytics.test_metrics_scrape import alert
from tests.unit.analytics.emf_contract import check_contract, check_emf


def emf_lines(receiver) -> list[dict]:
    return [json.loads(line) for line in receiver.log().splitlines() if line.startswith('{"_aws"')]


def wait_for_lines(receiver, count: int, timeout: float = 15.0) -> list[dict]:
    deadline = time.monotonic() + timeout
    while len(found := emf_lines(receiver)) < count and time.monotonic() < deadline:
        time.sleep(0.1)
    return found


def test_emf_lines_follow_the_spec_and_the_dashboard(oncall_receiver, signer):
    receiver = oncall_receiver(metrics={"cloudwatch_emf": {"enable": True, "namespace": "VersusTest"}})
    incident = receiver.post(alert("platform", "api", "critical"), "dedup_key=a&oncall_enable=true").json()["id"]
    parts = urlsplit(signer().url(incident))
    assert httpx.post(f"{receiver.url}{parts.path}?{parts.query}").status_code == 200
    receiver.post(alert("platform", "api", "critical", status="resolved"), "dedup_key=a")
    receiver.post(alert("app", "", "warning"))

    lines = wait_for_lines(receiver, 4)
    for record in lines:
        check_emf(record)
        check_contract(record, namespace="VersusTest")
    metrics = [sorted(m["Name"] for d in record["_aws"]["CloudWatchMetrics"] for m in d["Metrics"]) for record in lines]
    assert metrics == [
        ["IncidentsReceived"],
        ["Escalations", "TimeToAcknowledge"],
        ["TimeToResolve"],
        ["IncidentsReceived"],
    ]
    assert [line.get("Service") for line in lines] == ["api", None, None, "unknown"]
    assert lines[1]["Result"] == "acknowledged_in_time"
    assert 0 <= lines[1]["TimeToAcknowledge"] < 30
    assert all(line["_aws"]["Timestamp"] > 1_700_000_000_000 for line in lines)
