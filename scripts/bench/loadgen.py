"""A Python HTTP/1.1 load generator for the intake benchmark.

`--rate R`: open loop at a constant R requests/s (what wrk2 does and Debian's wrk cannot): request i is
due at start + i/R and its latency counts from that due time, so a stalled server cannot hide its queue
(no coordinated omission). Without `--rate`: closed loop, as fast as the connections allow (the fallback
when wrk is missing; slower than wrk, so its throughput is a lower bound). Prints one JSON line.
Usage: loadgen.py --port P --body-file F [--rate R] [--duration S] [--connections C] [--groups G]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from pathlib import Path

from benchlib import percentile


class Target:
    def __init__(self, port: int, template: str, groups: int) -> None:
        self.port = port
        self.template = template
        self.groups = groups
        self.counter = 0
        self.latencies: list[float] = []
        self.non_2xx = 0

    def next_request(self) -> bytes:
        self.counter += 1
        body = self.template.replace("@GROUP@", str(self.counter % self.groups)).encode()
        head = (
            f"POST /api/incidents HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        )
        return head.encode() + body

    async def exchange(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(self.next_request())
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
        await reader.readexactly(length)
        if not 200 <= status < 300:
            self.non_2xx += 1


async def constant_rate(target: Target, rate: float, duration: float, connections: int) -> float:
    queue: asyncio.Queue[float | None] = asyncio.Queue()

    async def worker() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", target.port)
        while (due := await queue.get()) is not None:
            await target.exchange(reader, writer)
            target.latencies.append(time.perf_counter() - due)
        writer.close()

    workers = [asyncio.create_task(worker()) for _ in range(connections)]
    await asyncio.sleep(0.2)
    start = time.perf_counter()
    total = int(rate * duration)
    for index in range(total):
        due = start + index / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        queue.put_nowait(due)
    for _ in workers:
        queue.put_nowait(None)
    await asyncio.gather(*workers)
    return time.perf_counter() - start


async def closed_loop(target: Target, duration: float, connections: int) -> float:
    stop = time.perf_counter() + duration

    async def worker() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", target.port)
        while time.perf_counter() < stop:
            sent = time.perf_counter()
            await target.exchange(reader, writer)
            target.latencies.append(time.perf_counter() - sent)
        writer.close()

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(connections)))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--body-file", type=Path, required=True)
    parser.add_argument("--rate", type=float)
    parser.add_argument("--duration", type=float, default=5.0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--groups", type=int, default=1000)
    args = parser.parse_args()
    target = Target(args.port, args.body_file.read_text(encoding="utf-8"), args.groups)
    if args.rate:
        elapsed = asyncio.run(constant_rate(target, args.rate, args.duration, args.connections))
    else:
        elapsed = asyncio.run(closed_loop(target, args.duration, args.connections))
    ms = [latency * 1000 for latency in target.latencies]
    print(
        json.dumps(
            {
                "requests": len(ms),
                "seconds": round(elapsed, 3),
                "rps": round(len(ms) / elapsed, 1),
                "non_2xx": target.non_2xx,
                "p50_ms": round(percentile(ms, 50), 3),
                "p99_ms": round(percentile(ms, 99), 3),
                "max_ms": round(max(ms, default=float("nan")), 3),
            }
        )
    )


if __name__ == "__main__":
    main()
