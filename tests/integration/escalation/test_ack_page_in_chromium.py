"""The ack page in headless Chromium: times read as relative and local time ("in 1 min 56 s (…)"), with the
UTC ISO string in `<time datetime>` and as the hover title; the page as served (no script) shows UTC; alert
data stays escaped."""

import re
import subprocess
from datetime import datetime
from pathlib import Path

import httpx
import pytest

from tests.integration.escalation.test_ack import local
from tests.support.chromium import headless_chromium

HOSTILE = {"Logs": "x", "ServiceName": "<img src=x onerror=alert(1)>", "Severity": "critical"}


def dump_dom(url: str, profile: Path) -> str:
    """The DOM after the page's scripts ran."""
    result = subprocess.run(
        headless_chromium(profile, "--virtual-time-budget=2000", "--dump-dom", url),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.mark.needs_binary("chromium")
def test_the_ack_page_shows_relative_and_local_time_and_utc_without_script(oncall_receiver, signer, tmp_path):
    receiver = oncall_receiver()
    incident_id = receiver.post(HOSTILE, query="oncall_enable=true&oncall_wait_minutes=2").json()["id"]
    link = local(receiver, signer().url(incident_id))
    due = receiver.incident(incident_id)["due_at"]
    served = httpx.get(link).text  # what a browser without JavaScript shows
    assert "<img src=x" not in served and "&lt;img src=x onerror=alert(1)&gt;" in served
    utc = datetime.fromisoformat(due.replace("Z", "+00:00")).strftime("%Y-%m-%d %H:%M:%S UTC")
    assert f'<time datetime="{due}" title="{due}">{utc}</time>' in served

    shown = dump_dom(link, tmp_path / "profile")
    escalates = re.search(r'<dt>Escalates</dt><dd><time datetime="([^"]+)" title="([^"]+)">([^<]+)</time>', shown)
    assert escalates, shown
    assert escalates.group(1) == escalates.group(2) == due
    relative = escalates.group(3)
    assert re.fullmatch(r"in (1 min \d{1,2} s|2 min 0 s) \(.+\)", relative), relative
    assert re.search(r"<dt>Received</dt><dd><time [^>]+>\d+ s ago \(", shown), shown
    assert "<img src=x" not in shown
