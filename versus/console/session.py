"""The console's session cookie: who, the CSRF token and when last seen, signed with HMAC.

Nothing is kept on the server: the signature makes the cookie tamper-proof, and `seen` (refreshed on
every request) makes it expire after `idle_minutes` without use.
"""

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import asdict, dataclass

COOKIE = "versus_session"
LOGIN_COOKIE = "versus_login"


@dataclass(frozen=True)
class Session:
    user: str  # the role is looked up in the config on each request, so a change applies at once
    csrf: str
    seen: int  # epoch seconds of the last request


def new_token() -> str:
    return secrets.token_urlsafe(24)


class SessionCodec:
    def __init__(self, secret: bytes, idle_seconds: int) -> None:
        self.secret = secret
        self.idle_seconds = idle_seconds

    def _sign(self, purpose: str, value: str) -> str:
        return hmac.new(self.secret, f"{purpose}.{value}".encode(), hashlib.sha256).hexdigest()

    def encode(self, session: Session) -> str:
        payload = base64.urlsafe_b64encode(json.dumps(asdict(session)).encode()).decode().rstrip("=")
        return f"{payload}.{self._sign('session', payload)}"

    def decode(self, value: str, now: int) -> Session | None:
        """The session, or None when the cookie is forged, damaged or idle for too long."""
        payload, _, signature = value.partition(".")
        if not payload or not hmac.compare_digest(self._sign("session", payload), signature):
            return None
        try:
            data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
            session = Session(user=str(data["user"]), csrf=str(data["csrf"]), seen=int(data["seen"]))
        except (ValueError, KeyError, TypeError):
            return None
        return session if 0 <= now - session.seen <= self.idle_seconds else None

    def proxy_csrf(self, user: str) -> str:
        """A proxy-authenticated user has no session cookie; their CSRF token is derived from the name."""
        return self._sign("proxy-csrf", user)
