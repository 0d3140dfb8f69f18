"""The Lua scripts that make each state change atomic, loaded with the shared prelude.

A script whose first line is a Redis 7 shebang (`#!lua flags=allow-oom`) keeps it first, above the
prelude. `allow-oom` is on the escalation claim and finish and on the outbox's delivery scripts only: a full Redis
(maxmemory reached under noeviction) refuses new alerts, but pages and messages already accepted still go
out and their outcome is recorded.
"""

from importlib import resources

import redis.asyncio as aioredis
from redis.commands.core import AsyncScript


def lua_source(package: str, name: str) -> str:
    """`package`'s `lua/{name}.lua` behind the store's shared prelude (a leading shebang stays first)."""
    prelude = resources.files("versus.store").joinpath("lua", "prelude.lua").read_text(encoding="utf-8")
    body = resources.files(package).joinpath("lua", f"{name}.lua").read_text(encoding="utf-8")
    shebang, newline, rest = body.partition("\n")
    if shebang.startswith("#!"):
        return shebang + newline + prelude + "\n" + rest
    return prelude + "\n" + body


def _source(name: str) -> str:
    return lua_source("versus.store", name)


def _standalone(name: str) -> str:
    return resources.files("versus.store").joinpath("lua", f"{name}.lua").read_text(encoding="utf-8")


class Scripts:
    """Registered once per client; redis-py runs them by SHA and reloads them after a Redis restart."""

    def __init__(self, client: "aioredis.Redis") -> None:
        self.record: AsyncScript = client.register_script(_source("record"))
        self.claim_escalations: AsyncScript = client.register_script(_source("claim_escalations"))
        self.finish_escalation: AsyncScript = client.register_script(_source("finish_escalation"))
        self.acknowledge: AsyncScript = client.register_script(_source("acknowledge"))
        self.resolve: AsyncScript = client.register_script(_source("resolve"))
        self.release_claim: AsyncScript = client.register_script(_standalone("release_claim"))
