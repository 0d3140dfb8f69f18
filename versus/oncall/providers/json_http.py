"""POST a JSON event to an HTTP paging API and sort the answer into done, retry later, or give up.

Shared by the PagerDuty and incident.io back ends. No retries here: a retryable failure is a
ProviderError(retryable=True), and the escalation scheduler or the outbox reschedules it in Redis with
backoff, so no claim or request ever blocks on a sleep. Error messages carry the API's own explanation,
with every configured secret masked, and never a header.
"""

import json
import re
from collections.abc import Iterable
from typing import Any

import aiohttp

from versus.oncall.providers import ProviderError

CONCURRENT_CALLS = 32
DETAIL_LIMIT = 300
_MASK = "***"


class JsonPoster:
    def __init__(self, what: str, secrets: Iterable[str], timeout_seconds: float = 15.0) -> None:
        self.what = what
        self.secrets = sorted({secret for secret in secrets if secret}, key=len, reverse=True)
        self.timeout = aiohttp.ClientTimeout(total=timeout_seconds, connect=5)
        self._session: aiohttp.ClientSession | None = None

    async def post(self, url: str, body: dict[str, Any], headers: dict[str, str] | None = None) -> dict[str, Any]:
        """The decoded 2xx answer (an empty dict when it is not JSON); ProviderError otherwise."""
        try:
            async with self._client().post(url, json=body, headers=headers or {}) as response:
                text = await response.text()
                status = response.status
                answer = _json(response.content_type, text)
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise ProviderError(
                f"{self.what}: {self._mask(type(exc).__name__ + ': ' + str(exc))}", retryable=True
            ) from exc
        if 200 <= status < 300:
            return answer if isinstance(answer, dict) else {}
        retryable = status in (408, 429) or status >= 500
        detail = self._mask(_detail(answer, text))
        raise ProviderError(f"{self.what}: HTTP {status}" + (f": {detail}" if detail else ""), retryable=retryable)

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=CONCURRENT_CALLS)
            self._session = aiohttp.ClientSession(connector=connector, timeout=self.timeout)
        return self._session

    def _mask(self, text: str) -> str:
        for secret in self.secrets:
            text = re.sub(re.escape(secret), _MASK, text, flags=re.IGNORECASE)
        return text[:DETAIL_LIMIT]


def _json(content_type: str, text: str) -> Any:
    if "json" not in content_type:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def _detail(answer: Any, text: str) -> str:
    """The API's explanation: its message and errors (PagerDuty: strings; incident.io: objects)."""
    if not isinstance(answer, dict):
        return " ".join(text.split())
    parts = [str(answer["message"])] if answer.get("message") else []
    for error in answer.get("errors") or []:
        parts.append(str(error.get("message", error)) if isinstance(error, dict) else str(error))
    return "; ".join(parts)
