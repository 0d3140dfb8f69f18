"""Several Sanic workers: every scrape, whichever worker answers, shows the sum over all workers."""

import time
from pathlib import Path

import httpx

from tests.conftest import seed_config
from tests.integration.analytics.scrape import scrape, series, wait_for_values

INCIDENTS = 24


def post_on_fresh_connections(url: str, count: int) -> None:
    """A new connection each time, so the kernel hands requests to both workers rather than one."""
    for index in range(count):
        body = {"ServiceName": "api", "Severity": "critical", "team": "platform", "Logs": f"number {index}"}
        assert httpx.post(f"{url}/api/incidents", json=body, headers={"Connection": "close"}).status_code == 202


def worker_files(folder: Path, kind: str) -> set[str]:
    return {path.name for path in folder.glob(f"{kind}_*.db")}


def test_two_workers_sum_their_counts(make_receiver, redis_url, key_prefix, tmp_path):
    folder = tmp_path / "prometheus"
    receiver = make_receiver(
        seed_config(redis_url, key_prefix, workers=2), env={"PROMETHEUS_MULTIPROC_DIR": str(folder)}
    )
    post_on_fresh_connections(receiver.url, INCIDENTS)
    expected = {
        series("versus_incidents_total", team="platform", service="api", severity="critical"): INCIDENTS,
        series("versus_intake_request_duration_seconds_count", status="2xx"): INCIDENTS,
    }
    wait_for_values(receiver.url, expected)
    assert len(worker_files(folder, "histogram")) == 2, "both workers answered intake requests"
    for _ in range(10):
        found = scrape(receiver.url)
        assert {key: found.get(key) for key in expected} == expected


def test_serve_makes_and_removes_its_own_directory_for_several_workers(make_receiver, redis_url, key_prefix, tmp_path):
    temp = tmp_path / "tmp"
    temp.mkdir()
    receiver = make_receiver(seed_config(redis_url, key_prefix, workers=2), env={"TMPDIR": str(temp)})
    post_on_fresh_connections(receiver.url, 6)
    wait_for_values(receiver.url, {series("versus_intake_request_duration_seconds_count", status="2xx"): 6})
    made = list(temp.glob("versus-metrics-*"))
    assert len(made) == 1
    assert worker_files(made[0], "histogram")
    receiver.stop()
    deadline = time.monotonic() + 5
    while any(path.exists() for path in made) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(path.exists() for path in made), "the directory goes when serve stops"


def test_a_named_directory_is_cleared_at_start(make_receiver, redis_url, key_prefix, tmp_path):
    folder = tmp_path / "prometheus"
    folder.mkdir()
    (folder / "counter_999999.db").write_bytes(b"left over from an earlier run")
    receiver = make_receiver(
        seed_config(redis_url, key_prefix, workers=2), env={"PROMETHEUS_MULTIPROC_DIR": str(folder)}
    )
    assert not (folder / "counter_999999.db").exists()
    assert scrape(receiver.url)[series("versus_escalations_pending")] == 0
