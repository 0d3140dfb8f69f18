"""A local fake of the Slack Web API that slack_sdk reaches over HTTP (`AsyncWebClient(base_url=…)`).

It implements chat.postMessage, chat.update, conversations.history and conversations.replies the way
Slack answers them: a bearer token is required, required arguments are checked (`channel_not_found`,
`no_text`, `message_not_found`, …), Block Kit limits are enforced (`invalid_blocks`), message metadata
is kept and only returned with `include_all_metadata`. Every call is recorded. Tests can make the next
calls answer 500 or 429 with a Retry-After, or hold a post's answer after recording it (a crash
between Slack accepting a message and Versus recording that it did).

Opt-in (`enforce_limits`), it keeps Slack's per-method limits the way Slack describes them: a token bucket
per channel for chat.postMessage and per workspace for the other methods; a call beyond the limit is
answered 429 `ratelimited` with `Retry-After` (whole seconds) and does nothing.
"""

import json
import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from tests.support.redis_server import free_port

SECTION_LIMIT = 3000
BUTTON_TEXT_LIMIT = 75
TRUE = {"true", "1", True}


@dataclass
class Call:
    method: str
    args: dict[str, Any]
    at: float
    status: int = 200


@dataclass
class Planned:
    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Bucket:
    per_second: float
    burst: float
    tokens: float
    at: float

    def take(self, now: float) -> float:
        """0 when a token was taken; otherwise the seconds until one is there."""
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.per_second)
        self.at = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.per_second


@dataclass(frozen=True)
class SlackLimits:
    """Per-method limits: (calls a second, burst). chat.postMessage is per channel, the others per workspace."""

    per_method: dict[str, tuple[float, float]]


class SlackError(Exception):
    def __init__(self, error: str) -> None:
        super().__init__(error)
        self.error = error


class FakeSlack:
    def __init__(self, token: str = "xoxb-test", channels: tuple[str, ...] = ("C0TEST",)) -> None:
        self.token = token
        self.channels: dict[str, list[dict[str, Any]]] = {channel: [] for channel in channels}
        self.calls: list[Call] = []
        self._planned: dict[str, deque[Planned]] = {}
        self._hold: dict[str, threading.Event] = {}
        self._lock = threading.Lock()
        self._ts_counter = 0
        self._limits: SlackLimits | None = None
        self._buckets: dict[tuple[str, str], Bucket] = {}
        self.port = free_port()
        self._server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        """The `base_url` / `alert.slack.api_url` to point slack_sdk at (ends with a slash, as Slack's)."""
        return f"http://127.0.0.1:{self.port}/api/"

    def start(self) -> "FakeSlack":
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                fake._handle(self)

            def do_POST(self) -> None:
                fake._handle(self)

            def log_message(self, format: str, *args: Any) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        for event in self._hold.values():
            event.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    # what tests arrange

    def fail_next(self, method: str, *, status: int = 500, times: int = 1) -> None:
        for _ in range(times):
            self._plan(method, Planned(status, {"ok": False, "error": "internal_error"}))

    def rate_limit_next(self, method: str, *, retry_after: int, times: int = 1) -> None:
        for _ in range(times):
            self._plan(method, Planned(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(retry_after)}))

    def enforce_limits(self, limits: SlackLimits) -> None:
        with self._lock:
            self._limits = limits
            self._buckets.clear()

    def clear_failures(self) -> None:
        with self._lock:
            self._planned.clear()

    def hold_answers(self, method: str) -> threading.Event:
        """Record and perform `method` calls but do not answer until the returned event is set."""
        event = threading.Event()
        self._hold[method] = event
        return event

    # what tests read

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [call for call in self.calls if call.method == method]

    def messages(self, channel: str = "C0TEST") -> list[dict[str, Any]]:
        """Top-level messages, oldest first, as Slack stores them (with metadata)."""
        with self._lock:
            return [dict(m) for m in self.channels[channel] if m.get("thread_ts", m["ts"]) == m["ts"]]

    def wait_for_messages(self, count: int, timeout: float = 10.0) -> None:
        """Block until the channel holds `count` messages (for a test that must act right after a post)."""
        _wait(lambda: len(self.messages()) >= count, timeout)

    def wait_for_replies(self, ts: str, count: int, timeout: float = 10.0) -> None:
        _wait(lambda: len(self.replies(ts)) >= count, timeout)

    def replies(self, ts: str, channel: str = "C0TEST") -> list[dict[str, Any]]:
        with self._lock:
            return [dict(m) for m in self.channels[channel] if m.get("thread_ts") == ts and m["ts"] != ts]

    # the HTTP side

    def _plan(self, method: str, planned: Planned) -> None:
        with self._lock:
            self._planned.setdefault(method, deque()).append(planned)

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        url = urlsplit(request.path)
        method = url.path.rsplit("/", 1)[-1]
        length = int(request.headers.get("Content-Length") or 0)
        raw = request.rfile.read(length) if length else b""
        args: dict[str, Any] = dict(parse_qsl(url.query))
        if raw:
            if (request.headers.get("Content-Type") or "").startswith("application/json"):
                args.update(json.loads(raw))
            else:
                args.update(parse_qsl(raw.decode()))
        with self._lock:
            planned = self._planned.get(method)
            answer = planned.popleft() if planned else None
            if answer is None:
                answer = self._over_limit(method, args)
        call = Call(method, args, time.time(), answer.status if answer else 200)
        with self._lock:
            self.calls.append(call)
        if answer is None:
            answer = Planned(200, self._answer(method, args, request.headers.get("Authorization", "")))
        hold = self._hold.get(method)
        if hold is not None:
            hold.wait()
        body = json.dumps(answer.body).encode()
        try:
            request.send_response(answer.status)
            request.send_header("Content-Type", "application/json; charset=utf-8")
            request.send_header("Content-Length", str(len(body)))
            for name, value in answer.headers.items():
                request.send_header(name, value)
            request.end_headers()
            request.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            return  # the client hung up while its answer was held: the crash a test arranged

    def _over_limit(self, method: str, args: dict[str, Any]) -> Planned | None:
        if self._limits is None or method not in self._limits.per_method:
            return None
        per_second, burst = self._limits.per_method[method]
        scope = str(args.get("channel", "")) if method == "chat.postMessage" else "workspace"
        now = time.monotonic()
        bucket = self._buckets.setdefault((method, scope), Bucket(per_second, burst, burst, now))
        wait = bucket.take(now)
        if wait == 0:
            return None
        return Planned(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(max(1, math.ceil(wait)))})

    def _answer(self, method: str, args: dict[str, Any], authorization: str) -> dict[str, Any]:
        if not authorization.startswith("Bearer "):
            return {"ok": False, "error": "not_authed"}
        if authorization.removeprefix("Bearer ") != self.token:
            return {"ok": False, "error": "invalid_auth"}
        handlers = {
            "chat.postMessage": self._post_message,
            "chat.update": self._update,
            "conversations.history": self._history,
            "conversations.replies": self._replies,
        }
        if method not in handlers:
            return {"ok": False, "error": "unknown_method"}
        try:
            with self._lock:
                return {"ok": True, **handlers[method](args)}
        except SlackError as exc:
            return {"ok": False, "error": exc.error}

    def _channel(self, args: dict[str, Any]) -> list[dict[str, Any]]:
        channel = args.get("channel")
        if not channel or channel not in self.channels:
            raise SlackError("channel_not_found")
        return self.channels[channel]

    def _post_message(self, args: dict[str, Any]) -> dict[str, Any]:
        messages = self._channel(args)
        content = _content(args)
        if not content.get("text") and not content.get("blocks"):
            raise SlackError("no_text")
        thread_ts = args.get("thread_ts")
        if thread_ts and not any(m["ts"] == thread_ts for m in messages):
            raise SlackError("thread_not_found")
        self._ts_counter += 1
        ts = f"{int(time.time())}.{self._ts_counter:06d}"
        message = {"type": "message", "ts": ts, **content}
        if thread_ts:
            message["thread_ts"] = thread_ts
        if "metadata" in args:
            message["metadata"] = _metadata(args["metadata"])
        messages.append(message)
        return {"channel": args["channel"], "ts": ts, "message": _shown(message, with_metadata=False)}

    def _update(self, args: dict[str, Any]) -> dict[str, Any]:
        messages = self._channel(args)
        if not args.get("ts"):
            raise SlackError("invalid_arguments")
        message = next((m for m in messages if m["ts"] == args["ts"]), None)
        if message is None:
            raise SlackError("message_not_found")
        content = _content(args)
        if not content.get("text") and not content.get("blocks"):
            raise SlackError("no_text")
        message.pop("blocks", None)
        message.update(content, edited={"ts": f"{time.time():.6f}"})
        if "metadata" in args:
            message["metadata"] = _metadata(args["metadata"])
        return {"channel": args["channel"], "ts": args["ts"], "text": message.get("text", "")}

    def _history(self, args: dict[str, Any]) -> dict[str, Any]:
        messages = [m for m in self._channel(args) if m.get("thread_ts", m["ts"]) == m["ts"]]
        return _page(list(reversed(messages)), args)

    def _replies(self, args: dict[str, Any]) -> dict[str, Any]:
        messages = self._channel(args)
        if not args.get("ts") or not any(m["ts"] == args["ts"] for m in messages):
            raise SlackError("thread_not_found")
        thread = [m for m in messages if m["ts"] == args["ts"] or m.get("thread_ts") == args["ts"]]
        return _page(thread, args)


def _wait(condition: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the fake Slack did not see the expected messages in time")
        time.sleep(0.005)


def _content(args: dict[str, Any]) -> dict[str, Any]:
    content: dict[str, Any] = {}
    if args.get("text"):
        content["text"] = str(args["text"])
    if "blocks" in args:
        blocks = args["blocks"]
        if isinstance(blocks, str):
            blocks = json.loads(blocks)
        _check_blocks(blocks)
        content["blocks"] = blocks
    return content


def _check_blocks(blocks: Any) -> None:
    if not isinstance(blocks, list) or len(blocks) > 50:
        raise SlackError("invalid_blocks")
    for block in blocks:
        kind = block.get("type") if isinstance(block, dict) else None
        if kind == "section":
            text = block.get("text") or {}
            if text.get("type") not in ("mrkdwn", "plain_text") or not 0 < len(text.get("text", "")) <= SECTION_LIMIT:
                raise SlackError("invalid_blocks")
        elif kind == "context":
            elements = block.get("elements") or []
            if not 0 < len(elements) <= 10 or any(len(e.get("text", "")) > SECTION_LIMIT for e in elements):
                raise SlackError("invalid_blocks")
        elif kind == "actions":
            for element in block.get("elements") or []:
                if element.get("type") != "button" or not 0 < len(element["text"]["text"]) <= BUTTON_TEXT_LIMIT:
                    raise SlackError("invalid_blocks")
                if element.get("style") not in (None, "primary", "danger"):
                    raise SlackError("invalid_blocks")
                if "url" not in element and "value" not in element:
                    raise SlackError("invalid_blocks")
        else:
            raise SlackError("invalid_blocks")


def _metadata(value: Any) -> dict[str, Any]:
    metadata = json.loads(value) if isinstance(value, str) else value
    if not isinstance(metadata, dict) or not metadata.get("event_type") or "event_payload" not in metadata:
        raise SlackError("invalid_metadata_format")
    return metadata


def _shown(message: dict[str, Any], *, with_metadata: bool) -> dict[str, Any]:
    return {k: v for k, v in message.items() if with_metadata or k != "metadata"}


def _page(messages: list[dict[str, Any]], args: dict[str, Any]) -> dict[str, Any]:
    oldest = float(args.get("oldest") or 0)
    matching = [m for m in messages if float(m["ts"]) > oldest]
    start = int(args.get("cursor") or 0)
    limit = int(args.get("limit") or 100)
    chunk = matching[start : start + limit]
    with_metadata = args.get("include_all_metadata") in TRUE
    more = start + limit < len(matching)
    return {
        "messages": [_shown(m, with_metadata=with_metadata) for m in chunk],
        "has_more": more,
        "response_metadata": {"next_cursor": str(start + limit) if more else ""},
    }
