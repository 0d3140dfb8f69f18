"""Through a real `versus serve` to the fake Slack: mentions and links in alert data arrive escaped, with
the built-in template, the seed template and a Jinja template (issue 12, item 5)."""

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import seed_config
from tests.fakes.slack import FakeSlack

HOSTILE = {
    "version": "4",
    "groupKey": '{}:{alertname="<!channel>"}',
    "truncatedAlerts": 0,
    "status": "firing",
    "receiver": "versus-critical",
    "groupLabels": {"alertname": "<!channel>"},
    "commonLabels": {"alertname": "<!channel>", "severity": "<!here>", "system": "<@U024BE7LH>"},
    "commonAnnotations": {"summary": "<https://evil.example|Click to acknowledge>"},
    "externalURL": "http://alertmanager:9093",
    "alerts": [
        {
            "status": "firing",
            "labels": {"alertname": "<!channel>", "instance": "<!here>"},
            "annotations": {"description": "<https://evil.example|Click to acknowledge>", "runbook": "<!here>"},
            "startsAt": "2026-11-26T17:00:00Z",
        }
    ],
}
JINJA = "{{ commonLabels.alertname }} {% for a in alerts %}{{ a.annotations.description }}{% endfor %} <!here>"


@pytest.fixture
def start(make_receiver, redis_url, key_prefix, tmp_path, fake_slack) -> Callable[..., Any]:
    def run(template: str | None) -> Any:
        slack: dict[str, Any] = {"enable": True, "api_url": fake_slack.url}
        if template is not None:
            path = tmp_path / "message.tmpl"
            path.write_text(template, encoding="utf-8")
            slack["template_path"] = str(path)
        return make_receiver(seed_config(redis_url, key_prefix, alert={"slack": slack}))

    return run


def posted(fake_slack: FakeSlack) -> dict[str, Any]:
    deadline = time.monotonic() + 10
    while not fake_slack.messages():
        assert time.monotonic() < deadline, "no message posted"
        time.sleep(0.05)
    [message] = fake_slack.messages()
    return message


@pytest.mark.parametrize("template", ["default", "seed", "jinja"])
def test_mentions_and_links_from_alert_data_arrive_escaped(start, fake_slack, repo_root: Path, template: str) -> None:
    seed = (repo_root / "config" / "slack_message.tmpl").read_text(encoding="utf-8")
    receiver = start({"default": None, "seed": seed, "jinja": JINJA}[template])
    receiver.post(HOSTILE, query="oncall_enable=true")
    message = posted(fake_slack)
    section = message["blocks"][0]["text"]["text"]
    for text in (message["text"], section):
        if template == "jinja":
            assert text.endswith(" <!here>"), "a mention written in the template itself is kept"
            text = text.removesuffix(" <!here>")
        for forbidden in ("<!channel>", "<!here>", "<@U024BE7LH>", "<https://evil.example"):
            assert forbidden not in text, text
        assert "&lt;!channel&gt;" in text
        assert "&lt;https://evil.example|Click to acknowledge&gt;" in text
