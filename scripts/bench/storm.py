"""Storm benchmark: 2,000 alerts in 60 s across 3 Slack channels, 200 of them on-call with a 2-minute wait.

Slack is the local fake (tests/fakes/slack.py) in its rate-limit mode: chat.postMessage 1 a second per
channel with a burst of 4, chat.update and conversations.* 50 a minute per workspace, each past its limit
answered 429 with Retry-After. `versus serve` (one worker, its own redis-server, AWS pointed at a closed
port so no page leaves) takes the alerts over HTTP at an even pace, in a shuffled order: 200 on-call
(critical, `oncall_enable=true&oncall_wait_minutes=2`), 300 other critical, 1,500 warnings.

Two runs in the same invocation, on fresh Redis and a fresh fake each:
- baseline: today's outbox, i.e. the package as of git revision BASELINE_REVISION, extracted with
  `git archive` into a temporary directory and imported from there (PYTHONPATH, PYTHONSAFEPATH), same config;
- now: this checkout (rate limiter, priority, fair share, collapse, digest).
Each run lasts the intake window plus `--drain-seconds`, long enough for every escalation to fall due.
Per class it reports, from each incident's creation (Redis) to its own message's accepted post (the fake's
clock, same machine): p50/p99 and how many were posted in the run; and to "visible" (own message, or a line
in the channel's digest). Then the share of on-call alerts whose Acknowledge button was posted before
their escalation was due, Slack calls, 429s, give-ups (outbox `failed`) and duplicate posts.
A percentile over a class some of whose messages were not posted in the run is reported as null (JSON) and
"n/p" (table): it lies beyond the run.
Usage: storm.py [--smoke] [--alerts N] [--seconds S] [--drain-seconds S] [--json FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import redis
import yaml
from benchlib import RedisServer, machine, percentile, versus_serve, write_json

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.fakes.slack import FakeSlack, SlackLimits  # noqa: E402
from versus.store.keys import Keys  # noqa: E402

BASELINE_REVISION = "b6775ea"
PREFIX = "bench:"
CHANNELS = ("C0STORM1", "C0STORM2", "C0STORM3")
ONCALL, CRITICAL, OTHER = "oncall", "critical", "other"
CLASSES = (ONCALL, CRITICAL, OTHER)
SLACK_LIMITS = SlackLimits(
    {
        "chat.postMessage": (1.0, 4),
        "chat.update": (50 / 60, 6),
        "conversations.history": (50 / 60, 6),
        "conversations.replies": (50 / 60, 6),
    }
)


@dataclass(frozen=True)
class Sent:
    incident_id: str
    klass: str
    channel: str


def plan(alerts: int, oncall: int, critical: int) -> list[tuple[str, str]]:
    """(class, channel) per alert in a fixed shuffled order, channels in turn."""
    classes = [ONCALL] * oncall + [CRITICAL] * critical + [OTHER] * (alerts - oncall - critical)
    random.Random(15).shuffle(classes)
    return [(klass, CHANNELS[i % len(CHANNELS)]) for i, klass in enumerate(classes)]


def config(redis_url: str, slack_url: str, wait_minutes: float) -> str:
    return yaml.safe_dump(
        {
            "name": "versus-bench",
            "public_host": "https://versus.example.com",
            "alert": {
                "debug_body": False,
                "slack": {"enable": True, "token": "xoxb-test", "channel_id": CHANNELS[0], "api_url": slack_url},
            },
            "oncall": {
                "initialized_only": True,
                "wait_minutes": wait_minutes,
                "aws_incident_manager": {
                    "response_plan_arn": "arn:aws:ssm-incidents::123456789012:response-plan/PlatformCriticalPlan",
                    "region": "us-east-1",
                },
            },
            "redis": {"url": redis_url, "key_prefix": PREFIX},
        }
    )


def body(index: int, klass: str) -> dict[str, str]:
    severity = "warning" if klass == OTHER else "critical"
    name = f"{'Disk' if klass != OTHER else 'Noise'}{index % 7}"
    return {"AlertName": name, "ServiceName": f"svc-{index % 13}", "Severity": severity, "Logs": f"{name} #{index}"}


async def send_all(url: str, planned: list[tuple[str, str]], seconds: float, wait_minutes: float) -> list[Sent]:
    """POST every alert at its even-paced moment; returns what was accepted."""
    sent: list[Sent] = []
    gap = seconds / len(planned)
    started = time.monotonic()
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:

        async def one(index: int, klass: str, channel: str) -> None:
            await asyncio.sleep(max(0.0, started + index * gap - time.monotonic()))
            query = f"slack_channel_id={channel}"
            if klass == ONCALL:
                query += f"&oncall_enable=true&oncall_wait_minutes={wait_minutes:g}"
            response = await client.post(f"/api/incidents?{query}", json=body(index, klass))
            if response.status_code == 202:
                sent.append(Sent(response.json()["id"], klass, channel))

        await asyncio.gather(*(one(i, klass, channel) for i, (klass, channel) in enumerate(planned)))
    return sent


def posts(fake: FakeSlack) -> dict[str, list[tuple[float, bool]]]:
    """Per incident, each accepted top-level post of its own message: (time, carried the Ack button)."""
    found: dict[str, list[tuple[float, bool]]] = {}
    for call in fake.calls_to("chat.postMessage"):
        meta = call.args.get("metadata")
        if call.status != 200 or not meta or call.args.get("thread_ts"):
            continue
        meta = json.loads(meta) if isinstance(meta, str) else meta
        blocks = call.args.get("blocks") or []
        blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
        button = any(block.get("type") == "actions" for block in blocks)
        found.setdefault(meta["event_payload"]["incident_id"], []).append((call.at, button))
    return found


def seconds_or_none(value: float) -> float | None:
    return None if math.isinf(value) or math.isnan(value) else round(value, 2)


def figures(sent: list[Sent], fake: FakeSlack, client: redis.Redis, window: float, prefix: str) -> dict[str, Any]:
    """`prefix`: the key prefix as the run's receiver wrote it (hash-tagged since the state layer's format 2)."""
    pipe = client.pipeline(transaction=False)
    for item in sent:
        pipe.hmget(f"{prefix}incident:{item.incident_id}", "created_at", "due_at")
    stored = dict(zip((s.incident_id for s in sent), pipe.execute(), strict=True))
    digested = {
        fields["incident"]: int(fields["at"]) / 1000
        for _, fields in client.xrange(f"{prefix}events")
        if fields.get("event") == "notified_in_digest"
    }
    posted = posts(fake)
    classes: dict[str, Any] = {}
    for klass in CLASSES:
        members = [s for s in sent if s.klass == klass]
        own, visible = [], []
        for item in members:
            created = int(stored[item.incident_id][0]) / 1000
            first = min((at for at, _ in posted.get(item.incident_id, [])), default=math.inf)
            own.append(first - created)
            visible.append(min(first, digested.get(item.incident_id, math.inf)) - created)
        classes[klass] = {
            "alerts": len(members),
            "posted": sum(1 for value in own if not math.isinf(value)),
            "p50_s": seconds_or_none(percentile(own, 50)),
            "p99_s": seconds_or_none(percentile(own, 99)),
            "visible_p50_s": seconds_or_none(percentile(visible, 50)),
            "visible_p99_s": seconds_or_none(percentile(visible, 99)),
        }
    in_time = 0
    oncall = [s for s in sent if s.klass == ONCALL]
    for item in oncall:
        due = int(stored[item.incident_id][1] or 0) / 1000
        if any(button and at < due for at, button in posted.get(item.incident_id, [])):
            in_time += 1
    stats = client.hgetall(f"{PREFIX}outbox:stats")
    calls = fake.calls
    return {
        "window_s": window,
        "classes": classes,
        "oncall_ack_before_due": round(in_time / len(oncall), 4) if oncall else None,
        "slack_calls": len(calls),
        "slack_calls_by_method": dict(Counter(call.method for call in calls)),
        "slack_429s": sum(1 for call in calls if call.status == 429),
        "give_ups": int(stats.get("slack:failed", 0)),
        "duplicates": sum(len(found) - 1 for found in posted.values()),
        "digested": len(digested),
        "digest_messages": sum(
            1
            for call in calls
            if call.method == "chat.postMessage" and call.status == 200 and not call.args.get("metadata")
        ),
    }


def run(name: str, args: argparse.Namespace, pythonpath: str | None) -> dict[str, Any]:
    planned = plan(args.alerts, args.oncall, args.critical)
    fake = FakeSlack(channels=CHANNELS).start()
    fake.enforce_limits(SLACK_LIMITS)
    try:
        with RedisServer() as redis_server:
            env = baseline_env(pythonpath) if pythonpath else None
            yaml_text = config(redis_server.url, fake.url, args.wait_minutes)
            with versus_serve(redis_server.url, PREFIX, config_yaml=yaml_text, env=env) as receiver:
                started = time.monotonic()
                sent = asyncio.run(send_all(receiver.url, planned, args.seconds, args.wait_minutes))
                time.sleep(max(0.0, started + args.seconds + args.drain_seconds - time.monotonic()))
                client = redis.Redis.from_url(redis_server.url, decode_responses=True)
                try:
                    prefix = PREFIX if pythonpath else Keys(PREFIX).prefix
                    result = figures(sent, fake, client, round(time.monotonic() - started, 1), prefix)
                finally:
                    client.close()
    finally:
        fake.stop()
    result["accepted"] = len(sent)
    print(f"{name}: done", file=sys.stderr)
    return result


def baseline_env(checkout: str) -> dict[str, str]:
    """Import `versus` from the checkout, ahead of this one (PYTHONSAFEPATH: not from the working directory,
    which `python -m` would put first); checked before the run."""
    env = {"PYTHONPATH": checkout, "PYTHONSAFEPATH": "1"}
    probe = [sys.executable, "-c", "import versus.notify.outbox as o; print(o.__file__)"]
    found = subprocess.run(probe, env={**os.environ, **env}, capture_output=True, text=True, check=True).stdout
    if not found.startswith(checkout):
        raise SystemExit(f"storm: the baseline would import {found.strip()}, not the checkout")
    return env


def baseline_checkout() -> Path:
    """The package as of BASELINE_REVISION, in a temporary directory (git archive: no worktree metadata)."""
    target = Path(tempfile.mkdtemp(prefix="versus-bench-baseline-"))
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", BASELINE_REVISION, "versus"], capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="tiny run: checks the harness, not the figures")
    parser.add_argument("--alerts", type=int, default=2000)
    parser.add_argument("--oncall", type=int, default=200)
    parser.add_argument("--critical", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=60.0, help="intake window")
    parser.add_argument("--wait-minutes", type=float, default=2.0)
    parser.add_argument("--drain-seconds", type=float, default=150.0, help="after the intake window")
    parser.add_argument("--json", help="also write the figures here")
    args = parser.parse_args()
    if args.smoke:
        args.alerts, args.oncall, args.critical, args.seconds, args.wait_minutes, args.drain_seconds = (
            24, 3, 3, 3.0, 0.25, 15.0
        )  # fmt: skip
    results: dict[str, Any] = {"machine": machine(), "baseline_revision": BASELINE_REVISION}
    old = baseline_checkout()
    try:
        results["baseline"] = run("baseline", args, str(old))
    finally:
        shutil.rmtree(old, ignore_errors=True)
    results["now"] = run("now", args, None)
    report(results, args)
    write_json(args.json, results)


def report(results: dict[str, Any], args: argparse.Namespace) -> None:
    print(f"machine: {results['machine']}")
    run_seconds = args.seconds + args.drain_seconds
    print(f"{args.alerts} alerts in {args.seconds:g} s to {len(CHANNELS)} channels ({args.oncall} on-call, wait"
          f" {args.wait_minutes:g} min; {args.critical} other critical); runs of {run_seconds:g} s")  # fmt: skip
    print("| figure | baseline (" + BASELINE_REVISION + ") | now |")
    print("|---|---|---|")

    def cell(value: Any) -> str:
        return "n/p" if value is None else f"{value:g}" if isinstance(value, float) else str(value)

    base, now = results["baseline"], results["now"]
    for klass in CLASSES:
        b, n = base["classes"][klass], now["classes"][klass]
        print(f"| {klass}: posted in the run | {b['posted']}/{b['alerts']} | {n['posted']}/{n['alerts']} |")
        print(f"| {klass}: intake→posted p50 / p99 (s) | {cell(b['p50_s'])} / {cell(b['p99_s'])} |"
              f" {cell(n['p50_s'])} / {cell(n['p99_s'])} |")  # fmt: skip
        print(f"| {klass}: intake→visible (own or digest) p50 / p99 (s) | {cell(b['visible_p50_s'])} /"
              f" {cell(b['visible_p99_s'])} | {cell(n['visible_p50_s'])} / {cell(n['visible_p99_s'])} |")  # fmt: skip
    for key, label in (
        ("oncall_ack_before_due", "on-call: Ack button posted before the escalation was due"),
        ("slack_calls", "Slack calls"),
        ("slack_429s", "429s received"),
        ("give_ups", "give-ups"),
        ("duplicates", "duplicate posts"),
        ("digested", "incidents shown in a digest"),
        ("digest_messages", "digest messages posted"),
    ):
        print(f"| {label} | {cell(base[key])} | {cell(now[key])} |")


if __name__ == "__main__":
    main()
