"""The health page: Redis, the outbox backlog per channel, pending escalations and the provider."""

import time
from collections import Counter
from dataclasses import dataclass, field
from typing import cast

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from versus.config.model import Config
from versus.store.keys import Keys

BACKLOG_SAMPLE = 2_000
"""Deliveries looked at to split the backlog by channel; past this the split is of the oldest ones."""
LATE_MS = 60_000
"""An escalation or delivery this long past its due time means no worker is keeping up."""


@dataclass
class Health:
    redis_ok: bool
    redis_detail: str
    redis_info: dict[str, str] = field(default_factory=dict)
    backlog: dict[str, int] = field(default_factory=dict)
    backlog_total: int = 0
    backlog_late: int = 0
    pending_escalations: int = 0
    late_escalations: int = 0
    next_escalation_ms: int | None = None
    provider: dict[str, str] = field(default_factory=dict)


def provider_status(config: Config) -> dict[str, str]:
    oncall = config.oncall
    aws = oncall.aws_incident_manager
    return {
        "On-call": "on"
        if oncall.enable
        else "initialised, off unless a route asks"
        if oncall.initialized_only
        else "off",
        "Provider": oncall.provider,
        "Region": aws.region or "(from the environment)",
        "Response plan": "set" if aws.response_plan_arn else "not set",
        "Other response plans": str(len(aws.other_response_plan_arns)),
        "Wait before paging": f"{oncall.wait_minutes:g} min",
    }


async def health(client: "aioredis.Redis", keys: Keys, config: Config) -> Health:
    provider = provider_status(config)
    now = int(time.time() * 1000)
    try:
        info = await client.info()
        async with client.pipeline(transaction=False) as pipe:
            pipe.zcard(keys.outbox_due)
            pipe.zcount(keys.outbox_due, "-inf", now - LATE_MS)
            pipe.zrange(keys.outbox_due, 0, BACKLOG_SAMPLE - 1)
            pipe.zcard(keys.escalations_due)
            pipe.zcount(keys.escalations_due, "-inf", now - LATE_MS)
            pipe.zrange(keys.escalations_due, 0, 0, withscores=True)
            total, late, sample, pending, late_escalations, first = await pipe.execute()
        async with client.pipeline(transaction=False) as pipe:
            for delivery_id in sample:
                pipe.hget(keys.delivery(delivery_id), "channel")
            channels = cast(list[str | None], await pipe.execute())
    except RedisError as error:
        return Health(redis_ok=False, redis_detail=f"{type(error).__name__}: {error}", provider=provider)
    shown = ("redis_version", "used_memory_human", "maxmemory_human", "maxmemory_policy", "connected_clients")
    return Health(
        redis_ok=True,
        redis_detail="reachable",
        redis_info={name: str(info.get(name, "")) for name in shown},
        backlog=dict(Counter(channel or "(expired)" for channel in channels)),
        backlog_total=int(total),
        backlog_late=int(late),
        pending_escalations=int(pending),
        late_escalations=int(late_escalations),
        next_escalation_ms=int(first[0][1]) if first else None,
        provider=provider,
    )
