"""Read a /metrics answer into {(name, labels): value}, and wait until it shows what a test expects."""

import time
from collections.abc import Mapping

import httpx
from prometheus_client.parser import text_string_to_metric_families

Series = tuple[str, frozenset[tuple[str, str]]]


def scrape(url: str) -> dict[Series, float]:
    response = httpx.get(f"{url}/metrics", timeout=5)
    response.raise_for_status()
    assert response.headers["content-type"].startswith("text/plain; version=")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def series(name: str, **labels: str) -> Series:
    return name, frozenset(labels.items())


def wait_for_values(url: str, expected: Mapping[Series, float], timeout: float = 15.0) -> dict[Series, float]:
    """Scrape until every expected series has its value (the follower counts events asynchronously)."""
    deadline = time.monotonic() + timeout
    while True:
        found = scrape(url)
        wrong = {key: (found.get(key), value) for key, value in expected.items() if found.get(key) != value}
        if not wrong:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"series with other values than expected (found, expected): {wrong}")
        time.sleep(0.1)
