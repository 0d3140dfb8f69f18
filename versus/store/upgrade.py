"""Bring data written by an earlier Versus up to this version's format, at start-up.

Format 1 (every release before the version key) kept keys under the bare prefix (`versus:incident:…`);
format 2 keeps the same keys and hash fields under the hash-tagged prefix (`{versus}:incident:…`), so
the upgrade only moves keys. Only the key names Versus itself writes are moved (another deployment
whose prefix merely starts with ours keeps its keys). Several replicas may start at once: one takes a
lock with an expiry and moves the keys; the others wait for the version key. Each move is atomic
(MULTI/EXEC) and leaves nothing to move twice, so a process that dies half-way leaves a state the next
one finishes. Due times, claims and delivery tokens keep their meaning, so pending escalations and
undelivered messages fire as if nothing happened, exactly once.
"""

import asyncio
import logging
import re
import time
import uuid

import redis.asyncio as aioredis
from redis.asyncio.cluster import RedisCluster

from versus.store.keys import Keys
from versus.store.schema import FORMAT_VERSION

log = logging.getLogger("versus.store")

LOCK_MS = 30_000
WAIT_FOR_OTHERS_SECONDS = 300.0
BATCH = 200
FAMILIES = ("incident:", "identity:", "delivery:")
SORTED_SETS = ("escalations:due", "outbox:due", "incidents:by_time")
COUNTERS = ("outbox:stats",)
SINGLES = ("events", "ack_secret")


class UpgradeError(RuntimeError):
    pass


async def upgrade(client: "aioredis.Redis", keys: Keys) -> None:
    """Return once the data is in this version's format (upgrading it here or waiting for whoever does)."""
    deadline = time.monotonic() + WAIT_FOR_OTHERS_SECONDS
    token = uuid.uuid4().hex
    while True:
        stored = await client.get(keys.format_version)
        version = int(stored) if stored is not None else 1
        if version > FORMAT_VERSION:
            raise UpgradeError(
                f"Redis holds data in format {version}, newer than this Versus understands ({FORMAT_VERSION})"
            )
        if version == FORMAT_VERSION:
            return
        if await client.set(keys.upgrade_lock, token, nx=True, px=LOCK_MS):
            try:
                moved = await _move_format_1(client, keys, token)
                await client.set(keys.format_version, FORMAT_VERSION)
                log.info("upgraded Redis data to format %d (%d key(s) moved)", FORMAT_VERSION, moved)
            finally:
                await client.delete(keys.upgrade_lock)
            return
        if time.monotonic() > deadline:
            raise UpgradeError(f"another process has held {keys.upgrade_lock} for {WAIT_FOR_OTHERS_SECONDS:g} s")
        await asyncio.sleep(0.2)


async def _move_format_1(client: "aioredis.Redis", keys: Keys, token: str) -> int:
    old = keys.configured_prefix
    if old == keys.prefix or not old or isinstance(client, RedisCluster):
        # Nothing can be under another name: the prefix was already tagged, or empty (nothing to tell our
        # keys from others'), or this is a cluster, where format 1's scripts could never run.
        return 0
    moved = 0
    pattern = re.sub(r"([*?\[\]\\])", r"\\\1", old)
    names = [f"{pattern}{family}*" for family in FAMILIES] + [
        f"{pattern}{name}" for name in SORTED_SETS + COUNTERS + SINGLES
    ]
    for match in names:
        batch: list[str] = []
        async for key in client.scan_iter(match=match, count=1000):
            batch.append(str(key))
            if len(batch) >= BATCH:
                moved += await _move(client, keys, batch, token)
                batch = []
        moved += await _move(client, keys, batch, token)
    return moved


async def _move(client: "aioredis.Redis", keys: Keys, batch: list[str], token: str) -> int:
    if not batch:
        return 0
    if await client.get(keys.upgrade_lock) != token:
        raise UpgradeError("lost the upgrade lock while moving keys; the next start-up finishes the upgrade")
    await client.pexpire(keys.upgrade_lock, LOCK_MS)
    moved = 0
    for old_key in batch:
        suffix = old_key[len(keys.configured_prefix) :]
        new_key = keys.prefix + suffix
        if suffix in SORTED_SETS:
            async with client.pipeline(transaction=True) as pipe:
                pipe.zunionstore(new_key, [new_key, old_key], aggregate="MIN")
                pipe.delete(old_key)
                await pipe.execute()
        elif suffix in COUNTERS:
            counts = await client.hgetall(old_key)  # type: ignore[misc]
            async with client.pipeline(transaction=True) as pipe:
                for field, count in counts.items():
                    pipe.hincrby(new_key, field, int(count))
                pipe.delete(old_key)
                await pipe.execute()
        elif not await client.renamenx(old_key, new_key):
            log.warning("upgrade: %s left in place, %s exists already", old_key, new_key)
            continue
        moved += 1
    return moved
