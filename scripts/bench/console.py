"""Console benchmark: how long the incident list takes to render with N incidents in Redis.

N incidents (default 10,000; teams, severities and states mixed: some acknowledged, some resolved) are
written through the store's own record, acknowledge and resolve paths into a private redis-server.
1. in process: the list query (the per-process index brought up to date from the event stream, then one
   pipeline of the page's rows) and the Jinja render, timed together, for the first page, a filtered
   search and a deep page; and, once, the cold start, when the index is loaded from the incident hashes.
2. over HTTP: GET /ui/ (logged in) from a real `versus serve` against a bare Sanic handler (GET /healthz)
   in the same run, sequential requests on one connection; the figure to quote is the latency ratio.
Usage: console.py [--smoke] [--incidents N] [--requests R] [--json FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import re
import time
import uuid
from typing import Any

import httpx
from benchlib import RedisServer, bare_handler, machine, percentile, versus_serve, write_json

from versus.config.model import RedisConfig
from versus.console.access import Viewer
from versus.console.listing import SEVERITIES, STATE_FILTERS, Filters, IncidentList
from versus.console.pages import render
from versus.console.passwords import hash_password
from versus.intake.payload import Alert
from versus.oncall.decision import Decision
from versus.store.connection import connect
from versus.store.incidents import IncidentStore
from versus.store.keys import Keys

PREFIX = "bench:"
PLAN = "arn:aws:ssm-incidents::123456789012:response-plan/PlatformCriticalPlan"
BATCH = 256
PASSWORD = "bench-password"
TEAMS = ("platform", "application", "network", "data")
QUERIES = {
    "first_page": Filters(),
    "team_and_search": Filters(team="platform", q="disk"),
    "deep_page": Filters(page=100),
}


def alert(index: int) -> Alert:
    team, severity = TEAMS[index % len(TEAMS)], SEVERITIES[index % len(SEVERITIES)]
    name = ("DiskFull", "HighLatency", "ErrorBudgetBurn", "PodCrashLooping")[index % 4]
    labels = {"alertname": name, "service": f"svc-{index % 50}", "severity": severity, "team": team}
    payload = {
        "version": "4", "receiver": f"versus-{team}", "status": "firing", "groupKey": f"{{}}:{{i={index}}}",
        "groupLabels": {"alertname": name}, "commonLabels": labels, "commonAnnotations": {"summary": "bench"},
        "externalURL": "https://alertmanager.example.com", "truncatedAlerts": 0,
        "alerts": [{"status": "firing", "labels": labels, "annotations": {"summary": "bench"},
                    "startsAt": "2026-01-01T00:00:00Z", "endsAt": "0001-01-01T00:00:00Z",
                    "generatorURL": "https://prometheus.example.com/graph", "fingerprint": f"{index:016x}"}],
    }  # fmt: skip
    summary = {"alertname": name, "service": labels["service"], "severity": severity, "team": team}
    return Alert(payload, "alertmanager", f"alertmanager:{uuid.uuid4().hex}", False, summary)


async def fill(store: IncidentStore, count: int) -> None:
    """Record `count` incidents; every 3rd is acknowledged and every 5th resolved, as a real history is."""
    for start in range(0, count, BATCH):
        indexes = range(start, min(count, start + BATCH))
        decision = Decision(True, 60.0, "default", PLAN, "aws_incident_manager")
        recorded = await asyncio.gather(*(store.record(alert(i), decision) for i in indexes))
        changes = []
        for index, item in zip(indexes, recorded, strict=True):
            if index % 5 == 0:
                changes.append(store.resolve(item.incident_id, by="bench"))
            elif index % 3 == 0:
                changes.append(store.acknowledge(item.incident_id, by="bench"))
        await asyncio.gather(*changes)


async def in_process(redis_url: str, count: int, repeats: int) -> dict[str, Any]:
    client = connect(RedisConfig(), redis_url)
    keys = Keys(PREFIX)
    store = IncidentStore(client, keys)
    started = time.perf_counter()
    await fill(store, count)
    fill_seconds = time.perf_counter() - started
    listing = IncidentList(client, keys, page_size=50, window=20_000)
    viewer = Viewer("bench", "viewer", "token", "password")
    began = time.perf_counter()
    await listing.page(Filters())
    cold_ms = (time.perf_counter() - began) * 1000
    figures: dict[str, Any] = {
        "incidents": count, "fill_per_second": round(count / fill_seconds), "cold_load_ms": round(cold_ms, 1),
    }  # fmt: skip
    for name, filters in QUERIES.items():
        query_ms, render_ms = [], []
        for _ in range(repeats):
            began = time.perf_counter()
            page = await listing.page(filters)
            queried = time.perf_counter()
            render("incidents.html", viewer=viewer, page=page, teams=list(TEAMS), severities=SEVERITIES,
                   states=STATE_FILTERS, aws_url="https://example.com", refresh=30, section="incidents")  # fmt: skip
            rendered = time.perf_counter()
            query_ms.append((queried - began) * 1000)
            render_ms.append((rendered - queried) * 1000)
        total = [q + r for q, r in zip(query_ms, render_ms, strict=True)]
        figures[name] = {
            "matching": page.total,
            "rows": len(page.incidents),
            "query_p50_ms": round(percentile(query_ms, 50), 2),
            "render_p50_ms": round(percentile(render_ms, 50), 2),
            "total_p50_ms": round(percentile(total, 50), 2),
            "total_p99_ms": round(percentile(total, 99), 2),
        }
    await client.aclose()
    return figures


def latencies(client: httpx.Client, path: str, requests: int, headers: dict[str, str]) -> list[float]:
    found = []
    for _ in range(requests):
        began = time.perf_counter()
        answer = client.get(path, headers=headers)
        found.append((time.perf_counter() - began) * 1000)
        if answer.status_code != 200:
            raise SystemExit(f"console bench: GET {path} answered {answer.status_code}")
    return found


def over_http(redis_url: str, requests: int) -> dict[str, Any]:
    console = {"console": {"enable": True, "users": [{"name": "bench", "password_hash": hash_password(PASSWORD)}]}}
    with versus_serve(redis_url, PREFIX, console) as versus, bare_handler() as bare:
        with httpx.Client(base_url=versus.url, timeout=30) as client:
            form = client.get("/ui/login")
            token = re.search(r'name="csrf" value="([^"]+)"', form.text)
            assert token is not None
            # the config's public_host is https, so the cookies are Secure: send them by hand over plain HTTP
            cookies = f"versus_login={form.cookies['versus_login']}"
            data = {"csrf": token.group(1), "user": "bench", "password": PASSWORD}
            login = client.post("/ui/login", data=data, headers={"Cookie": cookies})
            session = {"Cookie": f"versus_session={login.cookies['versus_session']}"}
            latencies(client, "/ui/", 3, session)  # warm up
            console_ms = latencies(client, "/ui/", requests, session)
        with httpx.Client(base_url=bare.url, timeout=30) as client:
            latencies(client, "/healthz", 3, {})
            bare_ms = latencies(client, "/healthz", requests, {})
    figures = {
        "requests": requests,
        "console_p50_ms": round(percentile(console_ms, 50), 2),
        "console_p99_ms": round(percentile(console_ms, 99), 2),
        "bare_p50_ms": round(percentile(bare_ms, 50), 2),
        "bare_p99_ms": round(percentile(bare_ms, 99), 2),
    }
    figures["p50_ratio"] = round(figures["console_p50_ms"] / figures["bare_p50_ms"], 1)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="tiny run: checks the harness, not the figures")
    parser.add_argument("--incidents", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--json", help="also write the figures here")
    args = parser.parse_args()
    count, requests, repeats = (300, 10, 3) if args.smoke else (args.incidents, args.requests, 50)
    with RedisServer() as redis_server:
        figures = {"machine": machine(), "list": asyncio.run(in_process(redis_server.url, count, repeats))}
        figures["http"] = over_http(redis_server.url, requests)
    report(figures)
    write_json(args.json, figures)


def report(figures: dict[str, Any]) -> None:
    listing, http = figures["list"], figures["http"]
    print(f"machine: {figures['machine']}")
    print(f"{listing['incidents']} incidents in Redis (recorded at {listing['fill_per_second']}/s);"
          f" first list of a process (loads its index): {listing['cold_load_ms']} ms")  # fmt: skip
    for name in QUERIES:
        q = listing[name]
        print(f"  {name}: {q['matching']} match, {q['rows']} rows; query {q['query_p50_ms']} ms + render"
              f" {q['render_p50_ms']} ms = p50 {q['total_p50_ms']} ms, p99 {q['total_p99_ms']} ms")  # fmt: skip
    print(f"GET /ui/ over HTTP, {http['requests']} sequential: p50 {http['console_p50_ms']} ms,"
          f" p99 {http['console_p99_ms']} ms; bare Sanic GET /healthz p50 {http['bare_p50_ms']} ms,"
          f" p99 {http['bare_p99_ms']} ms; ratio {http['p50_ratio']}x")  # fmt: skip


if __name__ == "__main__":
    main()
