"""Real Redis, slack_sdk against the local fake Slack Web API, and a way to run the outbox until done."""

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

import pytest
import redis.asyncio as aioredis

from tests.fakes.slack import FakeSlack
from versus.config import parse_config
from versus.config.model import Config, RedisConfig
from versus.intake.payload import normalise
from versus.notify.deliveries import DeliveryStore
from versus.notify.outbox import OutboxWorker
from versus.notify.ratelimit import SlackRateLimiter
from versus.notify.slack import SlackChannel, load_slack_template
from versus.oncall.ack import AckSigner
from versus.oncall.decision import decide
from versus.store.connection import connect
from versus.store.incidents import IncidentStore, Recorded
from versus.store.keys import Keys

CONFIG = """
public_host: https://versus.example.com
alert:
  slack:
    enable: true
    token: ${SLACK_TOKEN}
    channel_id: ${SLACK_CHANNEL_ID}
    api_url: ${SLACK_API_URL}
    post_message_per_second: 100
    post_message_burst: 100
    update_per_minute: 6000
oncall:
  initialized_only: true
  wait_minutes: 2
  aws_incident_manager:
    response_plan_arn: "arn:aws:ssm-incidents::123456789012:response-plan/PlatformCriticalPlan"
"""

SEED_ALERT = {"Logs": "[CRITICAL] disk full", "ServiceName": "test-service", "Severity": "critical"}


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    yield fake
    fake.stop()


@pytest.fixture
def config(fake_slack: FakeSlack) -> Config:
    env = {"SLACK_TOKEN": fake_slack.token, "SLACK_CHANNEL_ID": "C0TEST", "SLACK_API_URL": fake_slack.url}
    return parse_config(CONFIG, source="test", env=env)


@pytest.fixture
async def redis_client(redis_url: str) -> AsyncIterator[aioredis.Redis]:
    client = connect(RedisConfig(), redis_url)
    yield client
    await client.aclose()


@pytest.fixture
def store(redis_client: aioredis.Redis, key_prefix: str) -> IncidentStore:
    return IncidentStore(redis_client, Keys(key_prefix), channels=["slack"])


@pytest.fixture
def deliveries(store: IncidentStore) -> DeliveryStore:
    return DeliveryStore(store)


@pytest.fixture
def slack(config: Config, store: IncidentStore) -> SlackChannel:
    signer = AckSigner(b"test-secret", "https://versus.example.com", 24)
    limiter = SlackRateLimiter(store, config.alert.slack)
    return SlackChannel(config.alert.slack, load_slack_template(config.alert.slack), signer, limiter)


@pytest.fixture
def make_worker(deliveries: DeliveryStore, slack: SlackChannel) -> Callable[..., OutboxWorker]:
    def make(**options: Any) -> OutboxWorker:
        options = {"backoff_base_seconds": 0.05, "defer_seconds": 0.05, "max_idle_seconds": 0.05, **options}
        channels = options.pop("channels", {"slack": slack})
        return OutboxWorker(deliveries, channels, **options)

    return make


async def record(
    store: IncidentStore, config: Config, payload: dict[str, Any] | None = None, query: dict[str, str] | None = None
) -> Recorded:
    """What intake does for one alert, minus HTTP."""
    query = query or {}
    alert = normalise(payload or SEED_ALERT, query)
    return await store.record(alert, decide(config.oncall, query, resolved=alert.resolved))


async def drain(worker: OutboxWorker, until: Callable[[], Awaitable[bool]] | None = None, within: float = 10.0) -> None:
    """Run the worker's cycle until `until()` holds (default: the outbox is empty)."""
    deliveries = worker.deliveries

    async def empty() -> bool:
        return await deliveries.pending() == 0

    check = until or empty
    async with asyncio.timeout(within):
        while not await check():
            delay = await worker.run_once()
            await asyncio.sleep(min(delay, 0.02))
