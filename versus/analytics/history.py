"""Read a window of the event stream from Redis (the only I/O the report does)."""

from typing import cast

import redis.asyncio as aioredis

from versus.analytics.events import Event, parse_event
from versus.store.keys import Keys

# Stream ids carry Redis's clock, `at` the receiver's; read a little wider and filter on `at`.
CLOCK_MARGIN_MS = 3_600_000
PAGE = 1000
_Entries = list[tuple[str, dict[str, str]]]  # the client decodes responses (see versus.store.connection)


async def read_events(client: "aioredis.Redis", keys: Keys, since_ms: int, until_ms: int) -> list[Event]:
    """Every event whose `at` lies in [since_ms, until_ms), in stream order."""
    cursor = str(max(since_ms - CLOCK_MARGIN_MS, 0))
    end = str(until_ms + CLOCK_MARGIN_MS)
    found: list[Event] = []
    while True:
        entries = cast(_Entries, await client.xrange(keys.events, min=cursor, max=end, count=PAGE))
        for _, fields in entries:
            event = parse_event(fields)
            if event is not None and since_ms <= event.at_ms < until_ms:
                found.append(event)
        if len(entries) < PAGE:
            return found
        cursor = f"({entries[-1][0]}"
