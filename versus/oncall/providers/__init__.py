"""Paging providers: what starts (and resolves) an incident in an on-call back end."""

from typing import Any, Protocol


class ProviderError(Exception):
    """A provider call failed. `retryable` says whether trying again later can succeed."""

    def __init__(self, message: str, *, retryable: bool) -> None:
        super().__init__(message)
        self.retryable = retryable


class Provider(Protocol):
    name: str

    async def start(self, incident: dict[str, Any]) -> str:
        """Start an incident for `incident` (as stored) and return its record ARN or id.

        Must be idempotent per incident id: a retry, a second replica or a restart never opens a second one.
        """
        ...

    async def resolve(self, record_id: str) -> None:
        """Mark the provider's incident resolved."""
        ...
