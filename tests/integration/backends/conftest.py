import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.conftest import _merge, seed_config
from tests.fakes.incident_io import FakeIncidentIo, incident_io_server
from tests.fakes.pagerduty import FakePagerDuty, pagerduty_server
from tests.support.receiver import Receiver

ROUTING_KEY = "R0UT1NGKEYDEFAULT000000000000001"
APP_ROUTING_KEY = "R0UT1NGKEYAPP0000000000000000002"
INCIDENT_IO_KEY = "inc_test_api_key_that_is_secret"
ALERT_SOURCE = "01GW2G3V0S59R238FAHPDS1R66"
APP_ALERT_SOURCE = "01GW2G3V0S59R238FAHPDS1R67"


def alertmanager_body(name: str = "DiskFull", status: str = "firing", **labels: str) -> dict[str, Any]:
    """An Alertmanager v4 webhook with one alert; `name` also makes the group key."""
    alert_labels = {"alertname": name, "severity": "critical", "service": "storage", "instance": "db-1:9100", **labels}
    return {
        "version": "4",
        "groupKey": f'{{}}:{{alertname="{name}"}}',
        "status": status,
        "receiver": "team-storage",
        "groupLabels": {"alertname": name},
        "commonLabels": alert_labels,
        "commonAnnotations": {"summary": "Disk /var is 97% full", "runbook_url": "https://runbooks.example.com/disk"},
        "externalURL": "http://alertmanager.example.com:9093",
        "alerts": [
            {
                "status": status,
                "labels": alert_labels,
                "annotations": {"summary": "Disk /var is 97% full"},
                "startsAt": "2026-11-30T00:00:00Z",
                "endsAt": "0001-01-01T00:00:00Z",
                "generatorURL": "http://prometheus.example.com:9090/graph?g0.expr=disk",
                "fingerprint": "c0ffee",
            }
        ],
    }


@pytest.fixture
def fake_pagerduty() -> Iterator[tuple[FakePagerDuty, str]]:
    """A local Events API v2 checked against our model: (fake, url). Fails the test on any invalid event."""
    fake = FakePagerDuty()
    server = pagerduty_server(fake)
    yield fake, server.url
    server.stop()
    assert not fake.invalid, f"events PagerDuty would refuse: {fake.invalid}"
    for request in server.requests:
        assert ROUTING_KEY not in request.path and APP_ROUTING_KEY not in request.path


@pytest.fixture
def pagerduty_receiver(make_receiver, redis_url, key_prefix, fake_pagerduty) -> Callable[..., Receiver]:
    """The seed's config with `oncall.provider: pagerduty`, paging the local fake."""
    _, url = fake_pagerduty

    def start(name: str = "receiver", env: dict[str, str] | None = None, **overrides: Any) -> Receiver:
        oncall = {
            "provider": "pagerduty",
            "pagerduty": {
                "routing_key": "${PAGERDUTY_ROUTING_KEY}",
                "other_routing_keys": {"app": "${PAGERDUTY_OTHER_ROUTING_KEY_APP}"},
                "api_url": url,
            },
        }
        _merge(oncall, overrides.pop("oncall", {}))
        config = seed_config(redis_url, key_prefix, oncall=oncall, **overrides)
        keys = {"PAGERDUTY_ROUTING_KEY": ROUTING_KEY, "PAGERDUTY_OTHER_ROUTING_KEY_APP": APP_ROUTING_KEY}
        return make_receiver(config, env={**keys, **(env or {})}, name=name)

    return start


@pytest.fixture
def fake_incident_io() -> Iterator[tuple[FakeIncidentIo, str]]:
    fake = FakeIncidentIo(INCIDENT_IO_KEY, frozenset({ALERT_SOURCE, APP_ALERT_SOURCE}))
    server = incident_io_server(fake)
    yield fake, server.url
    server.stop()
    assert not fake.invalid, f"events incident.io would refuse: {fake.invalid}"


@pytest.fixture
def incident_io_receiver(make_receiver, redis_url, key_prefix, fake_incident_io) -> Callable[..., Receiver]:
    _, url = fake_incident_io

    def start(name: str = "receiver", **overrides: Any) -> Receiver:
        oncall = {
            "provider": "incident_io",
            "incident_io": {
                "api_key": "${INCIDENTIO_API_KEY}",
                "alert_source_config_id": ALERT_SOURCE,
                "other_alert_source_config_ids": {"app": APP_ALERT_SOURCE},
                "api_url": url,
            },
        }
        _merge(oncall, overrides.pop("oncall", {}))
        config = seed_config(redis_url, key_prefix, oncall=oncall, **overrides)
        return make_receiver(config, env={"INCIDENTIO_API_KEY": INCIDENT_IO_KEY}, name=name)

    return start


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.1)
