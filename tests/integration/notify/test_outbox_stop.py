"""Stopping the outbox (SIGTERM): a send still in flight after the grace period is given back at once,
so another replica takes it on its next look instead of after the 60 s lease; a stale claim gives nothing back."""

import asyncio
import time

from tests.integration.notify.conftest import record


async def wait_until(check, within: float = 10.0) -> None:
    """Poll a condition set by another thread (the fake Slack), which no asyncio.Event can signal."""
    async with asyncio.timeout(within):
        while not check():  # noqa: ASYNC110
            await asyncio.sleep(0.02)


async def test_stop_releases_a_delivery_still_sending(store, config, fake_slack, make_worker, deliveries, redis_client):
    recorded = await record(store, config)
    answer = fake_slack.hold_answers("chat.postMessage")
    worker = make_worker()
    runner = asyncio.create_task(worker.run())
    try:
        await wait_until(lambda: bool(fake_slack.calls_to("chat.postMessage")))
        assert await deliveries.claim(await deliveries.due(10), lease_ms=60_000) == [], "leased to the running worker"
        before = int(time.time() * 1000)
        await worker.stop(runner, grace_seconds=0.2)
    finally:
        answer.set()
    assert runner.done()
    delivery_id = f"{recorded.incident_id}:1"
    assert await redis_client.zscore(deliveries.keys.outbox_due, delivery_id) >= before
    assert await deliveries.claim(await deliveries.due(10), lease_ms=60_000) == [(delivery_id, "2")]


async def test_stop_waits_for_a_send_that_finishes_within_the_grace(store, config, fake_slack, make_worker, deliveries):
    await record(store, config)
    answer = fake_slack.hold_answers("chat.postMessage")
    worker = make_worker()
    runner = asyncio.create_task(worker.run())
    await wait_until(lambda: bool(fake_slack.calls_to("chat.postMessage")))
    asyncio.get_running_loop().call_later(0.2, answer.set)
    await worker.stop(runner, grace_seconds=10)
    assert await deliveries.pending() == 0
    assert len(fake_slack.messages()) == 1
    assert worker.held == {}


async def test_a_stale_claim_gives_nothing_back(store, config, deliveries, redis_client):
    await record(store, config)
    [(delivery_id, stale)] = await deliveries.claim(await deliveries.due(10), lease_ms=1)
    await asyncio.sleep(0.01)
    [(_, fresh)] = await deliveries.claim(await deliveries.due(10), lease_ms=60_000)
    leased_until = await redis_client.zscore(deliveries.keys.outbox_due, delivery_id)
    assert not await deliveries.release(delivery_id, stale)
    assert await redis_client.zscore(deliveries.keys.outbox_due, delivery_id) == leased_until
    assert await deliveries.release(delivery_id, fresh)
    assert await redis_client.zscore(deliveries.keys.outbox_due, delivery_id) < leased_until
