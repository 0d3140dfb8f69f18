"""The Slack channel: one message per incident, kept true by `chat.update`, with a thread reply per change.

The first delivery of an incident posts its main message and records where it lives (`slack_channel`,
`slack_ts` on the incident). Later deliveries rewrite that message from the incident's current state
(idempotent) and, for acknowledged / escalated / escalation_failed / resolved, reply in its thread so
the people following it are told. A later delivery that arrives before the main message exists waits
for it; if the main message gave up (`slack_error`) or the wait outlives the give-up time, it posts a
fresh main message instead, so a change is never silently lost.

Posts are the only non-idempotent calls. Each carries message metadata naming its delivery, and is
preceded by a fenced "sending" marker; a delivery claimed with that marker set is first looked up in
the channel (`conversations.history`, or `conversations.replies` for a thread reply, with
`include_all_metadata`). That needs the bot's `channels:history` (and `groups:history` for private
channels) scope besides `chat:write`.
"""

import os
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from versus.config.model import SlackConfig
from versus.notify.channel import Attempt, Deferred, DeliveryError, Sent
from versus.notify.message import (
    awaiting_ack,
    button_for,
    delivery_of,
    main_message,
    metadata,
    reply_text,
    template_data,
)
from versus.notify.ratelimit import HISTORY, POST_MESSAGE, REPLIES, UPDATE, SlackRateLimiter
from versus.notify.templates import DEFAULT_TEMPLATE, MessageTemplate, load_template
from versus.oncall.ack import AckSigner

REQUEST_TIMEOUT_SECONDS = 10
"""Well under the outbox lease, so a send never outlives the claim that fenced it."""
LOOKUP_SKEW_SECONDS = 120
"""Search history from this long before the "sending" marker: Slack's clock and ours may differ."""
LOOKUP_PAGES = 10
RATE_WAIT_SECONDS = 2.0
"""Within a send, wait this long at most for the rate limiter; beyond it the delivery goes back to the queue."""
_PERMANENT = frozenset(
    {
        "invalid_arguments", "invalid_blocks", "invalid_blocks_format", "invalid_metadata_format",
        "invalid_metadata_schema", "metadata_too_large", "msg_too_long", "no_text", "too_many_attachments",
        "cant_update_message", "edit_window_closed", "message_not_found", "is_archived", "invalid_ts_latest",
    }
)  # fmt: skip
"""Errors about the request itself, which no retry can fix. Others (auth, channel, scope, server trouble)
are retried until the give-up time: fixing the config and restarting then still delivers the alert."""


def load_slack_template(config: SlackConfig, environ: Mapping[str, str] = os.environ) -> MessageTemplate:
    """The configured template, compiled now: a broken one is a start-up error naming file and line.
    `env` in it reads only the variables named in `template_env`, as they are at start-up."""
    if not config.template_path:
        return DEFAULT_TEMPLATE
    env = {name: environ[name] for name in config.template_env if name in environ}
    return load_template(Path(config.template_path), config.template_syntax, config.template_functions, env)


class SlackChannel:
    name = "slack"

    def __init__(
        self,
        config: SlackConfig,
        template: MessageTemplate,
        signer: AckSigner | None,
        limiter: SlackRateLimiter,
        *,
        timeout: int = REQUEST_TIMEOUT_SECONDS,
    ) -> None:
        self.config = config
        self.template = template
        self.signer = signer
        self.limiter = limiter
        self.client = AsyncWebClient(token=config.token, base_url=config.api_url, timeout=timeout, retry_handlers=[])

    def message(self, incident: dict[str, Any]) -> dict[str, Any]:
        """`text` and `blocks` for the incident's main message as it stands now."""
        ack_url = self.signer.url(str(incident["id"])) if self.signer and awaiting_ack(incident) else None
        rendered = self.template.render(template_data(incident, ack_url))
        return main_message(incident, rendered, button_for(incident, self.config, ack_url))

    async def deliver(self, attempt: Attempt, incident: dict[str, Any]) -> Sent:
        channel, ts = incident.get("slack_channel"), incident.get("slack_ts")
        if channel and ts:
            return await self._update(attempt, incident, str(channel), str(ts))
        if attempt.delivery.kind == "created" or "slack_error" in incident or attempt.overdue:
            return await self._post_main(attempt, incident)
        raise Deferred(attempt.delivery.id)

    async def _post_main(self, attempt: Attempt, incident: dict[str, Any]) -> Sent:
        channel = str(incident.get("slack_channel_id") or self.config.channel_id)
        ts = await self._find(attempt, channel, thread_ts=None)
        if ts is None:
            channel, ts = await self._post(attempt, channel=channel, **self.message(incident))
        return Sent({"channel": channel, "ts": ts}, incident_fields={"slack_channel": channel, "slack_ts": ts})

    async def post_digest(self, channel: str, ts: str | None, text: str) -> str:
        """Post a channel's digest message, or rewrite it (`ts`); returns its ts."""
        if ts is None:
            post = await self._call(
                POST_MESSAGE,
                channel,
                lambda: self.client.chat_postMessage(channel=channel, text=text, unfurl_links=False),
            )
            return str(post["ts"])
        await self._call(UPDATE, channel, lambda: self.client.chat_update(channel=channel, ts=ts, text=text))
        return ts

    async def _update(self, attempt: Attempt, incident: dict[str, Any], channel: str, ts: str) -> Sent:
        message = self.message(incident)
        await self._call(UPDATE, channel, lambda: self.client.chat_update(channel=channel, ts=ts, **message))
        text = reply_text(attempt.delivery.kind, incident)
        if text is None:
            return Sent({"channel": channel, "ts": ts})
        reply = await self._find(attempt, channel, thread_ts=ts)
        if reply is None:
            _, reply = await self._post(attempt, channel=channel, thread_ts=ts, text=text)
        return Sent({"channel": channel, "ts": ts, "reply_ts": reply})

    async def _post(self, attempt: Attempt, **message: Any) -> tuple[str, str]:
        """chat.postMessage after the fenced "sending" marker; returns (channel id, ts)."""
        channel = str(message["channel"])
        await self.limiter.acquire(POST_MESSAGE, channel, max_wait_seconds=RATE_WAIT_SECONDS)
        await attempt.mark_sending()
        delivery = attempt.delivery
        response = await self._call(
            POST_MESSAGE,
            channel,
            lambda: self.client.chat_postMessage(
                metadata=metadata(delivery.incident_id, delivery.id), unfurl_links=False, **message
            ),
            limited=False,
            sending=True,
        )
        return str(response["channel"]), str(response["ts"])

    async def _find(self, attempt: Attempt, channel: str, *, thread_ts: str | None) -> str | None:
        """The ts of a message this delivery already posted, if a previous claimer may have posted one."""
        since = attempt.delivery.sending_since_ms
        if since is None:
            return None
        options: dict[str, Any] = {
            "channel": channel,
            "oldest": f"{since / 1000 - LOOKUP_SKEW_SECONDS:.6f}",
            "include_all_metadata": True,
            "limit": 200,
        }
        for _ in range(LOOKUP_PAGES):
            if thread_ts is None:
                page = await self._call(HISTORY, channel, lambda: self.client.conversations_history(**options))
            else:
                page = await self._call(
                    REPLIES, channel, lambda: self.client.conversations_replies(ts=thread_ts, **options)
                )
            for message in page.get("messages") or []:
                if delivery_of(message) == attempt.delivery.id:
                    return str(message["ts"])
            cursor = (page.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                return None
            options["cursor"] = cursor
        raise DeliveryError(f"could not rule out an earlier post: more than {LOOKUP_PAGES} pages", retryable=True)

    async def _call(
        self,
        method: str,
        channel: str,
        call: Callable[[], Awaitable[AsyncSlackResponse]],
        *,
        limited: bool = True,
        sending: bool = False,
    ) -> AsyncSlackResponse:
        """One Web API call within the method's rate limit (`limited=False`: the caller took the token).
        A 429 pauses every call to the channel, from every replica, for Slack's Retry-After. `sending`: the
        call is the delivery's post, so Slack's error answer means it was not posted."""
        if limited:
            await self.limiter.acquire(method, channel, max_wait_seconds=RATE_WAIT_SECONDS)
        try:
            return await call()
        except SlackApiError as exc:
            error = _classify(method, exc)
            error.not_sent = sending
            if error.retry_after is not None:
                await self.limiter.pause(channel, error.retry_after)
            raise error from exc
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise DeliveryError(f"{method}: {type(exc).__name__}: {exc}", retryable=True) from exc


def _classify(method: str, exc: SlackApiError) -> DeliveryError:
    response = exc.response
    status = int(response.status_code)
    data = response.data if isinstance(response.data, dict) else {}
    error = str(data.get("error") or f"HTTP {status}")
    if status == 429 or error == "ratelimited":
        retry_after = float(response.headers.get("Retry-After", 1) or 1)
        return DeliveryError(f"{method}: rate limited", retryable=True, retry_after=retry_after)
    return DeliveryError(f"{method}: {error}", retryable=error not in _PERMANENT)
