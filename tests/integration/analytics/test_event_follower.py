"""The event follower on a real Redis: each event is counted once across consumers, and a dead consumer's
unacknowledged events are counted by a live one."""

import json

import redis.asyncio as aioredis

from versus.analytics.follower import GROUP, EventFollower
from versus.analytics.outcomes import Outcome
from versus.store.keys import Keys


async def add_events(client: aioredis.Redis, keys: Keys, count: int) -> None:
    for index in range(count):
        await client.hset(keys.incident(f"i{index}"), mapping={"created_at": "1000", "drill": "0"})
        summary = json.dumps({"service": "api", "team": "platform", "severity": "critical"})
        fields = {"incident": f"i{index}", "event": "received", "at": "1000", "summary": summary}
        await client.xadd(keys.events, fields)


async def test_two_followers_share_the_stream_and_count_each_event_once(redis_url, key_prefix):
    client = aioredis.Redis.from_url(redis_url, decode_responses=True)
    keys = Keys(key_prefix)
    seen: dict[str, list[str]] = {"first": [], "second": []}

    def sink(name: str):
        return lambda found: seen[name].extend(o.kind for o in found)

    first = EventFollower(client, keys, [sink("first")], batch=10, block_ms=50)
    second = EventFollower(client, keys, [sink("second")], batch=10, block_ms=50)
    await first.join()
    await second.join()
    await add_events(client, keys, 30)
    assert [await first.run_once(), await second.run_once(), await first.run_once()] == [10, 10, 10]
    assert await second.run_once() == 0
    assert (len(seen["first"]), len(seen["second"])) == (20, 10)
    assert (await client.xpending(keys.events, GROUP))["pending"] == 0
    await client.aclose()


async def test_events_a_dead_consumer_left_unacknowledged_are_counted_by_another(redis_url, key_prefix):
    client = aioredis.Redis.from_url(redis_url, decode_responses=True)
    keys = Keys(key_prefix)
    seen: list[list[Outcome]] = []
    live = EventFollower(client, keys, [seen.append], block_ms=50, reclaim_after_ms=0)
    await live.join()
    await add_events(client, keys, 3)
    await client.xreadgroup(GROUP, "crashed-before-xack", {keys.events: ">"}, count=10)
    await live.run_once()
    assert len(seen) == 3
    assert (await client.xpending(keys.events, GROUP))["pending"] == 0
    await client.aclose()


async def test_the_group_starts_at_the_end_so_old_history_is_not_recounted(redis_url, key_prefix):
    client = aioredis.Redis.from_url(redis_url, decode_responses=True)
    keys = Keys(key_prefix)
    await add_events(client, keys, 5)
    seen: list[list[Outcome]] = []
    follower = EventFollower(client, keys, [seen.append], block_ms=50)
    await follower.join()
    await follower.join()
    assert await follower.run_once() == 0
    await add_events(client, keys, 1)
    assert await follower.run_once() == 1
    await client.aclose()


async def test_joining_forgets_idle_consumers_with_nothing_pending(redis_url, key_prefix):
    client = aioredis.Redis.from_url(redis_url, decode_responses=True)
    keys = Keys(key_prefix)
    await EventFollower(client, keys, []).join()
    await add_events(client, keys, 2)
    await client.xreadgroup(GROUP, "gone-with-work", {keys.events: ">"}, count=1)
    await client.xreadgroup(GROUP, "gone-idle", {keys.events: ">"}, count=1)
    [entry] = await client.xpending_range(keys.events, GROUP, "-", "+", 10, "gone-idle")
    await client.xack(keys.events, GROUP, entry["message_id"])
    await EventFollower(client, keys, [], forget_idle_after_ms=0).join()
    assert [c["name"] for c in await client.xinfo_consumers(keys.events, GROUP)] == ["gone-with-work"]
    await client.aclose()
