"""The Lua scripts that make each state change atomic, loaded with the shared prelude."""

from importlib import resources

import redis.asyncio as aioredis
from redis.commands.core import AsyncScript


def _source(name: str) -> str:
    folder = resources.files("versus.store").joinpath("lua")
    prelude = folder.joinpath("prelude.lua").read_text(encoding="utf-8")
    return prelude + "\n" + folder.joinpath(f"{name}.lua").read_text(encoding="utf-8")


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
