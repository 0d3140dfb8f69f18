"""Every key expires or is trimmed: after the retention period the key count is back at its baseline."""

import asyncio
from collections.abc import AsyncIterator

import pytest
import redis.asyncio as aioredis

from versus.config.model import OncallConfig, RedisConfig
from versus.intake.payload import normalise
from versus.notify.deliveries import DeliveryStore
from versus.oncall.decision import decide
from versus.store.connection import connect
from versus.store.incidents import IncidentStore
from versus.store.keys import Keys

RETENTION_SECONDS = 1.0


@pytest.fixture
async def client(redis_url: str) -> AsyncIterator[aioredis.Redis]:
    client = connect(RedisConfig(), redis_url)
    yield client
    await client.aclose()


async def count_keys(client: aioredis.Redis, keys: Keys) -> int:
    return len([key async for key in client.scan_iter(match=f"{keys.prefix}*")])


async def cycle(store: IncidentStore, alerts: int) -> None:
    """Record alerts, let the retention period pass, and run one round of both due-time loops."""
    for index in range(alerts):
        alert = normalise({"ServiceName": f"svc-{index}", "Severity": "critical", "Logs": "x"}, {})
        await store.record(alert, decide(OncallConfig(), {}, resolved=False))
    await asyncio.sleep(RETENTION_SECONDS + 0.2)
    await store.claim_escalations(lease_ms=60_000, limit=100)
    deliveries = DeliveryStore(store)
    await deliveries.claim(await deliveries.due(1000), lease_ms=60_000)


async def test_key_count_returns_to_baseline_after_the_retention_period(
    client: aioredis.Redis, key_prefix: str
) -> None:
    keys = Keys(key_prefix)
    store = IncidentStore(client, keys, channels=["slack"], retention_days=RETENTION_SECONDS / 86_400)
    await cycle(store, 1)
    baseline = await count_keys(client, keys)

    await cycle(store, 200)

    assert await count_keys(client, keys) == baseline
    assert await client.zcard(keys.incidents_by_time) == 0
    assert await client.zcard(keys.outbox_due) == 0
