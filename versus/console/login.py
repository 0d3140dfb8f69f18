"""Password logins: the argon2 check runs off the event loop, and failures are counted per address in
Redis (shared by every process), so guessing is slowed down whichever replica answers."""

import asyncio

import redis.asyncio as aioredis

from versus.config.model import ConsoleConfig
from versus.console.access import password_user
from versus.console.passwords import password_matches
from versus.store.keys import Keys


class LoginGuard:
    def __init__(self, client: "aioredis.Redis", keys: Keys, config: ConsoleConfig) -> None:
        self.client = client
        self.keys = keys
        self.config = config

    async def wait_seconds(self, address: str) -> int:
        """0 when this address may try; otherwise how long until its failures are forgotten."""
        key = self.keys.console_logins(address)
        async with self.client.pipeline(transaction=False) as pipe:
            pipe.get(key)
            pipe.ttl(key)
            failures, ttl = await pipe.execute()
        if int(failures or 0) < self.config.login_attempts:
            return 0
        return max(1, int(ttl))

    async def verify(self, address: str, name: str, password: str) -> bool:
        password_hash, _ = password_user(self.config, name)
        key = self.keys.console_logins(address)
        if await asyncio.to_thread(password_matches, password_hash, password):
            await self.client.delete(key)
            return True
        async with self.client.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, self.config.login_window_seconds, nx=True)
            await pipe.execute()
        return False
