"""Signed, expiring acknowledgement links.

`{public_host}/api/incidents/ack/{id}?exp=<epoch seconds>&sig=<hex HMAC-SHA256 over "id.exp">`.
The secret comes from `oncall.ack_secret`, or is generated once and kept in Redis (SET NX), so every
replica signs and verifies alike without extra configuration.
"""

import hashlib
import hmac
import re
import secrets
import time
from urllib.parse import quote, urlencode

import redis.asyncio as aioredis

from versus.store.keys import Keys

_EXPIRES = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(r"[0-9a-f]{64}")


class AckSigner:
    def __init__(self, secret: bytes, public_host: str, expiry_hours: float) -> None:
        self.secret = secret
        self.public_host = public_host.rstrip("/")
        self.expiry_seconds = int(expiry_hours * 3600)

    def sign(self, incident_id: str, expires: int) -> str:
        message = f"{incident_id}.{expires}".encode()
        return hmac.new(self.secret, message, hashlib.sha256).hexdigest()

    def url(self, incident_id: str, now: float | None = None) -> str:
        expires = int(time.time() if now is None else now) + self.expiry_seconds
        query = urlencode({"exp": expires, "sig": self.sign(incident_id, expires)})
        return f"{self.public_host}/api/incidents/ack/{quote(incident_id)}?{query}"

    def verify(self, incident_id: str, expires: str, signature: str, now: float | None = None) -> str | None:
        """None when the link is good; otherwise why it is not (shown on the 403 page)."""
        if not expires or not signature:
            return "this acknowledgement link is incomplete"
        if not _EXPIRES.fullmatch(expires) or not _SIGNATURE.fullmatch(signature):
            return "this acknowledgement link is not valid"
        expected = self.sign(incident_id, int(expires))
        if not hmac.compare_digest(expected, signature):
            return "this acknowledgement link is not valid"
        if int(expires) < (time.time() if now is None else now):
            return "this acknowledgement link has expired; use the newest message for this incident"
        return None


async def shared_secret(client: "aioredis.Redis", keys: Keys, configured: str | None) -> bytes:
    """The configured secret, or the one kept in Redis, created by whichever replica asks first."""
    if configured:
        return configured.encode()
    await client.set(keys.ack_secret, secrets.token_hex(32), nx=True)
    stored = await client.get(keys.ack_secret)
    return str(stored).encode()
