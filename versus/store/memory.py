"""Redis memory settings Versus depends on: `maxmemory-policy noeviction`, and room to write.

Under any eviction policy Redis may delete an incident that intake already answered 202 for, or its
escalation, and a page vanishes without a trace; so `versus serve` refuses to start under one unless
`redis.allow_eviction: true` says the risk is accepted. The policy is read with CONFIG GET; managed
services such as ElastiCache disable CONFIG, and then `INFO memory` (`maxmemory_policy`) tells the same.
"""

from dataclasses import dataclass

import redis.asyncio as aioredis
from redis.exceptions import OutOfMemoryError, ResponseError

from versus.store.keys import Keys

REQUIRED_POLICY = "noeviction"
PROBE_TTL_MS = 60_000


@dataclass(frozen=True)
class Policy:
    name: str
    read_with: str  # how it was read, for messages: "CONFIG GET" or "INFO memory (CONFIG is disabled)"

    @property
    def evicts(self) -> bool:
        return self.name != REQUIRED_POLICY

    def problem(self) -> str:
        return (
            f"Redis maxmemory-policy is {self.name} (read with {self.read_with}): Redis may evict incidents"
            f" and escalations that were already accepted, and a page would be lost. Set maxmemory-policy"
            f" {REQUIRED_POLICY} (on ElastiCache, in a custom parameter group), or set redis.allow_eviction: true"
            " to accept the risk"
        )


async def eviction_policy(client: "aioredis.Redis") -> Policy:
    try:
        found = await client.config_get("maxmemory-policy")
        return Policy(str(found["maxmemory-policy"]), "CONFIG GET")
    except (ResponseError, KeyError):
        info = await client.info("memory")
        return Policy(str(info.get("maxmemory_policy", "unknown")), "INFO memory (CONFIG is disabled)")


async def write_refused(client: "aioredis.Redis", keys: Keys) -> str | None:
    """Why Redis refuses a small write now (it is out of memory), or None when it accepts one."""
    try:
        await client.set(keys.write_probe, "1", px=PROBE_TTL_MS)
    except OutOfMemoryError:
        return "Redis is out of memory (maxmemory reached under noeviction): new alerts are refused"
    return None
