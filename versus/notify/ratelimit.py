"""Slack's rate limits, kept by every replica together: a token bucket per method and scope in Redis.

Slack publishes a limit per Web API method: `chat.postMessage` about one message a second per channel
(short bursts tolerated), `chat.update` Tier 3 (about 50 a minute per workspace), `conversations.history`
and `conversations.replies` Tier 3 for a company's own app but one a minute for a commercially distributed
app outside the Slack Marketplace (`alert.slack.history_tier: limited`). Sending inside these limits means
the outbox does not provoke 429s it can predict; when Slack answers 429 anyway, its `Retry-After` pauses
every call to that channel, from every replica, for that long.

The buckets live in Redis and are taken by one Lua script on Redis's own clock, so replicas whose clocks
differ still share one limit, and two of them can never take the same token.
"""

import asyncio
from dataclasses import dataclass

from versus.config.model import SlackConfig
from versus.notify.channel import RateLimited
from versus.store.incidents import IncidentStore
from versus.store.scripts import load

TAKE_TOKEN = load("versus.notify", "take_token")

POST_MESSAGE = "chat.postMessage"
UPDATE = "chat.update"
HISTORY = "conversations.history"
REPLIES = "conversations.replies"
TIER3_PER_MINUTE = 50.0
LIMITED_HISTORY_PER_MINUTE = 1.0
WORKSPACE = "workspace"
"""The scope of the methods Slack limits per workspace (all but chat.postMessage)."""


@dataclass(frozen=True)
class Limit:
    per_second: float
    burst: int
    per_channel: bool


def limits(config: SlackConfig) -> dict[str, Limit]:
    """The limit of each method Versus calls, from the config (defaults: Slack's published tiers)."""
    history = TIER3_PER_MINUTE if config.history_tier == "tier3" else LIMITED_HISTORY_PER_MINUTE
    history_limit = Limit(history / 60, max(1, int(history // 10)), per_channel=False)
    return {
        POST_MESSAGE: Limit(config.post_message_per_second, config.post_message_burst, per_channel=True),
        UPDATE: Limit(config.update_per_minute / 60, max(1, int(config.update_per_minute // 10)), per_channel=False),
        HISTORY: history_limit,
        REPLIES: history_limit,
    }


class SlackRateLimiter:
    def __init__(self, store: IncidentStore, config: SlackConfig) -> None:
        self.store = store
        self.limits = limits(config)

    def pause_key(self, channel: str) -> str:
        return f"{self.store.keys.slack_pause}{channel}"

    def bucket(self, method: str, channel: str) -> str:
        scope = channel if self.limits[method].per_channel else WORKSPACE
        return f"{method}:{scope}"

    async def room(self, method: str, channel: str) -> tuple[int, int]:
        """(milliseconds until `method` may be called for `channel`, calls it may make now); takes nothing."""
        return await self._run(method, channel, take=False)

    async def _run(self, method: str, channel: str, *, take: bool) -> tuple[int, int]:
        """(milliseconds until a token is there, whole tokens there now); with `take`, takes one if there."""
        limit = self.limits[method]
        wait, tokens = await self.store.scripts.run(
            TAKE_TOKEN,
            strict=False,
            bucket=self.bucket(method, channel),
            scope=channel,
            per_second=limit.per_second,
            burst=limit.burst,
            take=take,
        )
        return int(wait), int(tokens)

    async def acquire(self, method: str, channel: str, *, max_wait_seconds: float) -> None:
        """Take a token, waiting for one up to `max_wait_seconds`; past that, raise RateLimited."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + max_wait_seconds
        while (wait := (await self._run(method, channel, take=True))[0]) > 0:
            if loop.time() + wait / 1000 > deadline:
                raise RateLimited(method, channel, wait / 1000)
            await asyncio.sleep(wait / 1000)

    async def pause(self, channel: str, seconds: float) -> None:
        """Slack said 429: no call to this channel, from any replica, for `seconds` (never shortened)."""
        key = self.pause_key(channel)
        ms = max(1, int(seconds * 1000))
        if not await self.store.client.set(key, "1", px=ms, nx=True):
            current = int(await self.store.client.pttl(key))
            if current < ms:
                await self.store.client.set(key, "1", px=ms)
