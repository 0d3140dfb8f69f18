"""Caller authentication for intake (`alert.auth`) and for `/metrics` (`metrics.auth`).

Each configured credential is a Bearer token or a basic-auth user and password, inline (usually from
`${VAR}`) or in a file read at start-up, trimmed as Alertmanager trims its `credentials_file`. Several
entries may share a `name`: that is how a secret is rotated without a gap. A request's `Authorization`
header is compared with every credential, in constant time and without stopping at the first match, so
neither timing nor order tells a caller which secret came close. The name of the matching credential is
the caller's scope (stored as the incident's `source`); no list means the endpoint is open and every
caller is "anonymous". Nothing of a credential is ever logged, echoed or used as a metric label.
"""

import base64
import binascii
import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sanic import Request
from sanic.response import HTTPResponse, json

from versus.config import MIN_SECRET_LENGTH
from versus.config.model import ANONYMOUS, Credential

REALM = "versus"


class CredentialError(ValueError):
    """A credential file that cannot be read or is empty; the message names the key and the file."""


@dataclass(frozen=True)
class _Accepted:
    name: str
    scheme: str  # Bearer | Basic
    digest: bytes  # SHA-256 of the token, or of "user:password"


class Authenticator:
    def __init__(self, credentials: Sequence[Credential], config_key: str) -> None:
        self.config_key = config_key
        self._accepted = [_accepted(credential, f"{config_key}[{i}]") for i, credential in enumerate(credentials)]
        self.schemes = sorted({accepted.scheme for accepted in self._accepted}, reverse=True)

    @property
    def open(self) -> bool:
        return not self._accepted

    def identify(self, header: str | None) -> str | None:
        """The name of the credential the header carries; "anonymous" when open; None when refused."""
        if self.open:
            return ANONYMOUS
        scheme, _, value = (header or "").strip().partition(" ")
        offered = _offered(scheme.lower(), value.strip())
        if offered is None:
            return None
        found = None
        for accepted in self._accepted:
            if hmac.compare_digest(accepted.digest, offered[1]) and accepted.scheme == offered[0] and found is None:
                found = accepted.name
        return found

    def refusal(self) -> HTTPResponse:
        """401 with one challenge per scheme the credentials use; it names the config key, never a value."""
        response = json(
            {"error": f"missing or invalid credentials: send an Authorization header that {self.config_key} accepts"},
            status=401,
        )
        for scheme in self.schemes:
            response.headers.add("WWW-Authenticate", f'{scheme} realm="{REALM}"')
        return response

    def caller(self, request: Request) -> str | None:
        return self.identify(request.headers.get("authorization"))


def _offered(scheme: str, value: str) -> tuple[str, bytes] | None:
    if scheme == "bearer" and value:
        return "Bearer", _digest(value)
    if scheme == "basic" and value:
        try:
            decoded = base64.b64decode(value, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None
        return "Basic", _digest(decoded)
    return None


def _accepted(credential: Credential, where: str) -> _Accepted:
    if credential.username is not None:
        password = _secret(credential.password, credential.password_file, f"{where}.password_file")
        return _Accepted(credential.name, "Basic", _digest(f"{credential.username}:{password}"))
    token = _secret(credential.bearer_token, credential.bearer_token_file, f"{where}.bearer_token_file")
    return _Accepted(credential.name, "Bearer", _digest(token))


def _secret(inline: str | None, file: str | None, key: str) -> str:
    if inline is not None:
        return inline
    if file is None:
        raise CredentialError(f"{key}: no secret given")
    try:
        value = Path(file).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise CredentialError(f"{key}: cannot read {file}: {getattr(exc, 'strerror', None) or exc}") from exc
    if len(value) < MIN_SECRET_LENGTH:
        raise CredentialError(f"{key}: {file} holds fewer than {MIN_SECRET_LENGTH} characters")
    return value


def _digest(secret: str) -> bytes:
    return hashlib.sha256(secret.encode("utf-8")).digest()
