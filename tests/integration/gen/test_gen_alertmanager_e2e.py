"""End to end through the real Alertmanager: each alert reaches exactly the webhook URL (path and query
string) the spec implies, business-hours routes notify only inside their window and their sibling only
outside it, the receiver's decision function pages for exactly the on-call routes, and resolving an alert
sends a resolved notification to the same URL."""

import time
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlsplit

from tests.integration.gen.scenario import EXPECTED, alerts, scenario
from versus.config import load_config
from versus.gen.cli import main
from versus.oncall.decision import decide

ENV = {"SLACK_TOKEN": "x", "SLACK_CHANNEL_ID": "C1", "REDIS_HOST": "h", "REDIS_PORT": "6379", "REDIS_PASSWORD": ""}


def by_alert(deliveries, status):
    return {
        d.body["groupLabels"]["alertname"]: (d.body["receiver"], d.target)
        for d in deliveries
        if d.body["status"] == status
    }


def test_each_alert_reaches_exactly_its_url_and_resolves(seed_data, write_spec, capture, start_alertmanager, tmp_path):
    spec = write_spec(scenario(seed_data, capture.url))
    config = tmp_path / "alertmanager.yml"
    assert main(["alertmanager", str(spec), "-o", str(config)]) == 0
    alertmanager = start_alertmanager(config)
    expected = {name: (row.receiver, row.target) for name, row in EXPECTED.items()}

    alertmanager.post_alerts(alerts())
    capture.wait_for(lambda got: len(by_alert(got, "firing")) == len(EXPECTED))
    time.sleep(3)  # several group intervals: a second notification for any alert would have come by now
    deliveries = capture.snapshot()
    assert by_alert(deliveries, "firing") == expected
    assert len(deliveries) == len(EXPECTED), "a business-hours route and its sibling both notified"

    oncall = receiver_oncall(spec, tmp_path)
    pages = {
        name for name, (_, target) in by_alert(deliveries, "firing").items() if decide(oncall, query(target)).enabled
    }
    assert pages == {name for name, row in EXPECTED.items() if row.pages}

    alertmanager.post_alerts(alerts(ends_at=datetime.now(UTC) - timedelta(seconds=30)))
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
