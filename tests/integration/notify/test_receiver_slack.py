"""Through a real `versus serve` process: intake → outbox → Slack, and the interactive Acknowledge button."""

import hashlib
import hmac
import json
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest

from tests.conftest import seed_config
from tests.fakes.slack import FakeSlack

SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"

ALERTMANAGER = {
    "version": "4",
    "groupKey": '{}/{severity="critical"}:{alertname="DiskFull"}',
    "truncatedAlerts": 0,
    "status": "firing",
    "receiver": "versus-critical",
    "groupLabels": {"alertname": "DiskFull"},
    "commonLabels": {
        "alertname": "DiskFull",
        "severity": "critical",
        "system": "storage",
        "instance": "db-1:9100",
        "team": "platform",
    },
    "commonAnnotations": {},
    "externalURL": "http://alertmanager:9093",
    "alerts": [
        {
            "status": "firing",
            "labels": {"alertname": "DiskFull"},
            "annotations": {"description": "Disk / is 97% full", "runbook": "https://runbooks.example.com/disk"},
            "startsAt": "2026-11-26T17:00:00Z",
        },
        {
            "status": "firing",
            "labels": {"alertname": "DiskFull"},
            "annotations": {"description": "Disk /var is 99% full", "dashboard": "https://grafana.example.com/d/disk"},
            "startsAt": "2026-11-26T17:01:00Z",
        },
    ],
}

# The seed guide's template rendered for ALERTMANAGER. `.startsAt` is per alert in Alertmanager's payload;
# Versus gives the root the group's earliest one, so the root-level `{{ .startsAt | date … }}` shows it.
SEED_TEMPLATE_TEXT = """\
🔥 *CRITICAL Alert: DiskFull*

🌐 *System*: `storage`
🖥️ *Instance*: `db-1:9100`
🚨 *Status*: `firing`
⏱️ *Detected*: `Nov 26, 2026 17:00:00 UTC`


📝 *Description*: Disk / is 97% full
📚 *Runbook*: https://runbooks.example.com/disk


📝 *Description*: Disk /var is 99% full

📊 *Dashboard*: https://grafana.example.com/d/disk"""

ESCALATION_LINE = "\n\n\n\n⚠️ *Auto-escalation*: This alert will escalate in 2 minutes if not acknowledged."


@pytest.fixture
def fake_slack() -> Any:
    fake = FakeSlack().start()
    yield fake
    fake.stop()


@pytest.fixture
def start(make_receiver, redis_url, key_prefix, tmp_path, repo_root, fake_slack) -> Callable[..., Any]:
    """`versus serve` with the seed config, Slack on and pointed at the fake, the seed template in place."""

    def run(template: Path | None = None, **slack: Any) -> Any:
        workdir = tmp_path / "receiver"
        (workdir / "config").mkdir(parents=True, exist_ok=True)
        shutil.copy(template or repo_root / "config" / "slack_message.tmpl", workdir / "config" / "slack_message.tmpl")
        template_path = "config/slack_message.tmpl"
        overrides = {
            "alert": {"slack": {"enable": True, "api_url": fake_slack.url, "template_path": template_path, **slack}}
        }
        return make_receiver(seed_config(redis_url, key_prefix, **overrides))

    return run


def wait_until(predicate: Callable[[], Any], timeout: float = 10.0) -> Any:
    deadline = time.monotonic() + timeout
    while not (result := predicate()):
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        time.sleep(0.05)
    return result


def test_seed_template_end_to_end_with_the_ack_button(start, fake_slack):
    receiver = start()
    body = receiver.post(ALERTMANAGER, query="oncall_enable=true").json()
    [message] = wait_until(fake_slack.messages)
    section, actions = message["blocks"]
    assert section["text"]["text"] == SEED_TEMPLATE_TEXT + ESCALATION_LINE
    assert message["text"] == SEED_TEMPLATE_TEXT + ESCALATION_LINE
    [button] = actions["elements"]
    assert button["text"]["text"] == "Acknowledge Incident"
    assert button["style"] == "primary"
    assert button["url"].startswith(f"https://versus.example.com/api/incidents/ack/{body['id']}?exp=")
    incident = receiver.wait_for(body["id"], lambda found: "slack_ts" in found)  # recorded just after Slack's answer
    assert incident["slack_ts"] == message["ts"]


def test_without_on_call_there_is_no_button_and_no_escalation_line(start, fake_slack):
    receiver = start()
    receiver.post(ALERTMANAGER)
    [message] = wait_until(fake_slack.messages)
    assert [block["type"] for block in message["blocks"]] == ["section"]
    assert message["blocks"][0]["text"]["text"] == SEED_TEMPLATE_TEXT


def test_a_bad_query_parameter_is_shown_in_the_message(start, fake_slack):
    receiver = start()
    receiver.post(ALERTMANAGER, query="oncall_enable=maybe")
    [message] = wait_until(fake_slack.messages)
    warnings = next(b for b in message["blocks"] if b["block_id"] == "versus_warnings")
    assert "oncall_enable='maybe' is not a boolean" in warnings["elements"][0]["text"]


def test_a_template_that_does_not_parse_stops_start_up_naming_file_and_line(start, tmp_path):
    broken = tmp_path / "broken.tmpl"
    broken.write_text("line one\n{{ if .status }}never closed\n", encoding="utf-8")
    with pytest.raises(RuntimeError) as failure:
        start(template=broken)
    assert "config/slack_message.tmpl:2: unexpected EOF" in str(failure.value)


def signed(body: str, secret: str, timestamp: int) -> dict[str, str]:
    base = f"v0:{timestamp}:{body}".encode()
    signature = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {
        "X-Slack-Request-Timestamp": str(timestamp),
        "X-Slack-Signature": signature,
        "Content-Type": "application/x-www-form-urlencoded",
    }


def button_press(incident_id: str, message: dict[str, Any], action_id: str = "versus_ack") -> str:
    payload = {
        "type": "block_actions",
        "user": {"id": "U024BE7LH", "username": "jane", "name": "jane", "team_id": "T0TEST"},
        "channel": {"id": "C0TEST", "name": "alerts"},
        "container": {"type": "message", "message_ts": message["ts"], "channel_id": "C0TEST"},
        "response_url": "https://hooks.example.com/actions/T0TEST/1/x",
        "actions": [
            {
                "type": "button",
                "action_id": action_id,
                "block_id": "versus_actions",
                "value": incident_id,
                "action_ts": f"{time.time():.6f}",
            }
        ],
    }
    return urlencode({"payload": json.dumps(payload)})


def test_interactive_ack_with_valid_stale_and_forged_signatures(start, fake_slack):
    receiver = start(signing_secret=SIGNING_SECRET)
    incident_id = receiver.post(ALERTMANAGER, query="oncall_enable=true").json()["id"]
    [message] = wait_until(fake_slack.messages)
    [button] = message["blocks"][-1]["elements"]
    assert (button["action_id"], button["value"]) == ("versus_ack", incident_id)
    assert "url" not in button
    body = button_press(incident_id, message)
    url = f"{receiver.url}/slack/interactions"
    now = int(time.time())

    forged = httpx.post(url, content=body, headers=signed(body, "not-the-secret", now))
    stale = httpx.post(url, content=body, headers=signed(body, SIGNING_SECRET, now - 6 * 60))
    unsigned = httpx.post(url, content=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
    link = button_press(incident_id, message, action_id="versus_ack_link")
    other = httpx.post(url, content=link, headers=signed(link, SIGNING_SECRET, now))
    assert (forged.status_code, stale.status_code, unsigned.status_code, other.status_code) == (401, 401, 401, 200)
    assert "acknowledged_at" not in receiver.incident(incident_id)
    assert fake_slack.calls_to("chat.update") == []

    accepted = httpx.post(url, content=body, headers=signed(body, SIGNING_SECRET, now))
    assert accepted.status_code == 200
    incident = receiver.incident(incident_id)
    assert incident["acknowledged_by"] == "slack:jane"
    assert incident["escalation"] == "cancelled"

    def acknowledged_message() -> dict[str, Any] | None:
        [current] = fake_slack.messages()
        return current if "edited" in current else None

    updated = wait_until(acknowledged_message)
    assert [block["type"] for block in updated["blocks"]] == ["section", "context"]
    assert updated["blocks"][1]["elements"][0]["text"].startswith("✅ Acknowledged by slack:jane <!date^")
    [reply] = wait_until(lambda: fake_slack.replies(message["ts"]))
    assert reply["text"].startswith("✅ Acknowledged by slack:jane")
    assert "Auto-escalation" not in updated["blocks"][0]["text"]["text"]


def test_slack_channel_id_in_the_query_sends_the_alert_to_that_channel(start, fake_slack):
    fake_slack.channels["C0OTHER"] = []
    receiver = start()
    incident_id = receiver.post(ALERTMANAGER, query="slack_channel_id=C0OTHER").json()["id"]
    [message] = wait_until(lambda: fake_slack.messages("C0OTHER"))
    assert fake_slack.messages() == []
    assert receiver.incident(incident_id)["slack_channel_id"] == "C0OTHER"
    assert message["text"] == SEED_TEMPLATE_TEXT
