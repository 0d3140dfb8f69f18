"""Escalation benchmark: memory per pending escalation, lateness when many fall due at once, idle CPU.

Incidents are written through the store's own record path (what intake runs), many at once, into a
private redis-server (AOF on, fsync always). Slack is off, so no deliveries are queued.
1. memory: N pending escalations (due in a day); INFO used_memory delta / N for the whole incident, and
   MEMORY USAGE of the due set / N for the scheduling cost alone.
2. lateness: M more fall due within the same second; an in-process EscalationScheduler with a fake
   provider (answers at once) claims and finishes them. Claim lateness is claimed_at - due_at and
   end-to-end lateness escalated_at - due_at, both from the incident hashes (one Redis clock).
3. idle CPU: `versus serve` on the N pending (none due) against a bare Sanic process, utime+stime from
   /proc/<pid>/stat over a window.
Usage: escalations.py [--smoke] [--pending N] [--burst M] [--idle-seconds S] [--json FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import redis.asyncio as aioredis
from benchlib import RedisServer, bare_handler, cpu_seconds, machine, percentile, versus_serve, write_json

from versus.config.model import RedisConfig
from versus.intake.payload import Alert
from versus.oncall.decision import Decision
from versus.oncall.scheduler import EscalationScheduler
from versus.store.connection import connect
from versus.store.incidents import IncidentStore, Recorded, now_ms
from versus.store.keys import Keys

PREFIX = "bench:"
PLAN = "arn:aws:ssm-incidents::123456789012:response-plan/PlatformCriticalPlan"
BATCH = 256
HOUR_MS = 3_600_000
"""The pending N are due in a day, so anything in the due set sooner (due, or claimed and leased) is the burst's.
One ZCOUNT says when the burst is done, without parsing 10,000 replies on the scheduler's own event loop."""


def payload(index: int) -> dict[str, Any]:
    """A small, realistic Alertmanager group of one alert (about 0.8 KB of JSON)."""
    labels = {"alertname": "DiskFull", "service": "database", "severity": "critical", "team": "platform",
              "instance": f"db-{index}.prod:9100"}  # fmt: skip
    return {
        "version": "4", "receiver": "versus-platform-database", "status": "firing",
        "groupKey": f'{{}}:{{alertname="DiskFull",instance="db-{index}"}}', "groupLabels": {"alertname": "DiskFull"},
        "commonLabels": labels, "commonAnnotations": {"summary": "Disk 95% full"},
        "externalURL": "https://alertmanager.example.com", "truncatedAlerts": 0,
        "alerts": [{"status": "firing", "labels": labels, "annotations": {"summary": "Disk 95% full"},
                    "startsAt": "2026-01-01T00:00:00Z", "endsAt": "0001-01-01T00:00:00Z",
                    "generatorURL": "https://prometheus.example.com/graph?g0.expr=disk",
                    "fingerprint": f"{index:016x}"}],
    }  # fmt: skip


async def insert(store: IncidentStore, count: int, due_ms: Callable[[int], int]) -> list[str]:
    """Record `count` incidents through the store's record path, as intake does, BATCH at a time.

    The wait is computed just before each call, so each due time lands within a few ms of `due_ms(i)`.
    """
    summary = {"alertname": "DiskFull", "service": "database", "severity": "critical"}

    def one(index: int) -> Awaitable[Recorded]:
        alert = Alert(payload(index), "alertmanager", f"alertmanager:{uuid.uuid4().hex}", False, summary)
        wait = max(0.0, (due_ms(index) - now_ms()) / 60_000)
        return store.record(alert, Decision(True, wait, "default", PLAN, "aws_incident_manager"))

    ids = []
    for start in range(0, count, BATCH):
        recorded = await asyncio.gather(*(one(index) for index in range(start, min(count, start + BATCH))))
        ids += [item.incident_id for item in recorded]
    return ids


async def memory(client: aioredis.Redis, store: IncidentStore, pending: int) -> dict[str, Any]:
    await client.execute_command("MEMORY", "PURGE")
    before = int((await client.info("memory"))["used_memory"])
    started = time.perf_counter()
    await insert(store, pending, lambda _: now_ms() + 86_400_000)
    seconds = time.perf_counter() - started
    after = int((await client.info("memory"))["used_memory"])
    keys = store.keys
    due = int(await client.memory_usage(keys.escalations_due, samples=0) or 0)
    by_time = int(await client.memory_usage(keys.incidents_by_time, samples=0) or 0)
    events = int(await client.memory_usage(keys.events, samples=0) or 0)
    sample = str((await client.zrange(keys.escalations_due, 0, 0))[0])
    incident = int(await client.memory_usage(keys.incident(sample), samples=0) or 0)
    payload_bytes = len(json.dumps(payload(0), separators=(",", ":")))
    return {
        "pending": pending,
        "insert_per_second": round(pending / seconds),
        "payload_json_bytes": payload_bytes,
        "whole_incident_bytes": round((after - before) / pending),
        "due_set_bytes": round(due / pending, 1),
        "by_time_set_bytes": round(by_time / pending, 1),
        "event_stream_bytes": round(events / pending, 1),
        "incident_hash_bytes": incident,
    }


class FakeProvider:
    """Answers StartIncident at once: what is measured is the scheduler and Redis, not AWS."""

    name = "fake"

    async def start(self, incident: dict[str, Any]) -> str:
        return f"arn:aws:ssm-incidents::123456789012:incident-record/fake/{incident['id']}"

    async def resolve(self, record_id: str) -> None:
        return None


async def lateness(client: aioredis.Redis, store: IncidentStore, burst: int) -> dict[str, Any]:
    lead_ms = 2_000 + burst  # inserting takes well under 1 ms each; the burst must start after it
    first_due = now_ms() + lead_ms
    ids = await insert(store, burst, lambda _: first_due + random.randrange(1000))
    if now_ms() >= first_due:
        raise SystemExit("escalations: inserting the burst took longer than its lead time")
    scheduler = EscalationScheduler(store, FakeProvider())
    task = asyncio.create_task(scheduler.run())
    deadline = time.monotonic() + lead_ms / 1000 + 60
    while time.monotonic() < deadline:
        await asyncio.sleep(0.5)
        if await client.zcount(store.keys.escalations_due, "-inf", now_ms() + HOUR_MS) == 0:
            break
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    pipe = client.pipeline(transaction=False)
    for incident_id in ids:
        pipe.hmget(store.keys.incident(incident_id), "due_at", "claimed_at", "escalated_at")
    rows = [row for row in await pipe.execute() if row[2] is not None]
    claim = [(int(claimed) - int(due)) / 1000 for due, claimed, _ in rows]
    end = [(int(escalated) - int(due)) / 1000 for due, _, escalated in rows]
    return {
        "burst": burst,
        "escalated": len(rows),
        "claim_p50_s": percentile(claim, 50),
        "claim_p99_s": percentile(claim, 99),
        "end_to_end_p50_s": percentile(end, 50),
        "end_to_end_p99_s": percentile(end, 99),
        "end_to_end_max_s": max(end, default=float("nan")),
    }


def idle_cpu(redis_url: str, seconds: float) -> dict[str, Any]:
    with versus_serve(redis_url, PREFIX) as receiver, bare_handler() as bare:
        time.sleep(min(5.0, seconds))  # start-up (script loading, metrics catching up on the event stream)
        before = {name: cpu_seconds(p.pid) for name, p in (("versus", receiver), ("bare", bare))}
        time.sleep(seconds)
        used = {name: cpu_seconds(p.pid) - before[name] for name, p in (("versus", receiver), ("bare", bare))}
    return {
        "window_s": seconds,
        "versus_cpu_percent": round(100 * used["versus"] / seconds, 3),
        "bare_cpu_percent": round(100 * used["bare"] / seconds, 3),
    }


async def measure(redis_url: str, pending: int, burst: int) -> dict[str, Any]:
    client = connect(RedisConfig(url=redis_url))
    store = IncidentStore(client, Keys(PREFIX))
    figures = {"memory": await memory(client, store, pending), "lateness": await lateness(client, store, burst)}
    await client.aclose()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="tiny run: checks the harness, not the figures")
    parser.add_argument("--pending", type=int, default=100_000)
    parser.add_argument("--burst", type=int, default=10_000)
    parser.add_argument("--idle-seconds", type=float, default=30.0)
    parser.add_argument("--json", help="also write the figures here")
    args = parser.parse_args()
    pending, burst, idle = (1_000, 200, 1.0) if args.smoke else (args.pending, args.burst, args.idle_seconds)
    with RedisServer() as redis_server:
        figures = {"machine": machine(), **asyncio.run(measure(redis_server.url, pending, burst))}
        figures["idle"] = idle_cpu(redis_server.url, idle)
    report(figures)
    write_json(args.json, figures)


def report(figures: dict[str, Any]) -> None:
    m, late, idle = figures["memory"], figures["lateness"], figures["idle"]
    print(f"machine: {figures['machine']}")
    print(f"memory, {m['pending']} pending ({m['payload_json_bytes']} B payload):"
          f" whole incident {m['whole_incident_bytes']} B each, due set {m['due_set_bytes']} B each"
          f" (hash {m['incident_hash_bytes']} B, by-time set {m['by_time_set_bytes']} B,"
          f" event stream {m['event_stream_bytes']} B)")  # fmt: skip
    print(f"lateness, {late['escalated']}/{late['burst']} due in one second: claim p50 {late['claim_p50_s']:.3f} s"
          f" p99 {late['claim_p99_s']:.3f} s; end-to-end p50 {late['end_to_end_p50_s']:.3f} s"
          f" p99 {late['end_to_end_p99_s']:.3f} s max {late['end_to_end_max_s']:.3f} s")  # fmt: skip
    print(f"idle CPU over {idle['window_s']:g} s: versus serve {idle['versus_cpu_percent']:.2f} %,"
          f" bare Sanic {idle['bare_cpu_percent']:.2f} %")  # fmt: skip


if __name__ == "__main__":
    main()
