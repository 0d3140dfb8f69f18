"""The Prometheus metrics: defined once, fed from outcomes and intake, exposed per scrape.

Multi-process: with several Sanic workers, `versus serve` points PROMETHEUS_MULTIPROC_DIR at a fresh
directory before the workers start (see `multiproc.py`); prometheus-client then keeps each worker's
values in a memory-mapped file there, and a scrape (whichever worker answers) sums the files. Each event
is counted by exactly one worker, because the workers share one Redis consumer group (see `follower.py`).
The two gauges are not process state at all: they are read from Redis at scrape time.
"""

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

from versus.analytics.outcomes import ACKNOWLEDGED, ESCALATED, NOTIFIED, RECEIVED, RESOLVED, Outcome

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
# Minutes to hours: 30 s, 1, 2, 5, 10, 15, 30 min, 1, 2, 4, 8, 24 h.
RESPONSE_BUCKETS = (30.0, 60.0, 120.0, 300.0, 600.0, 900.0, 1800.0, 3600.0, 7200.0, 14400.0, 28800.0, 86400.0)
INTAKE_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
PENDING_ESCALATIONS = "versus_escalations_pending"
OUTBOX_DEPTH = "versus_outbox_depth"
OUTBOX_CHANNELS = ("slack", "provider")
"""The outbox channels a label may name: a fixed set, whatever the stored counters say."""


@dataclass(frozen=True)
class OutboxFigures:
    """What the outbox workers keep in Redis for every replica: per outbox channel, the age of the oldest
    due delivery (seconds) and the counters `{channel}:rate_limited|digested|failed` of `outbox:stats`."""

    lag_seconds: Mapping[str, float] = field(default_factory=dict)
    stats: Mapping[str, str] = field(default_factory=dict)


class _Sourced(Protocol):
    def collect(self) -> Iterable[Metric]: ...


class VersusMetrics:
    """Every metric Versus exports, on a registry of its own (several apps may live in one test process)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        response = ["team", "severity"]
        self.incidents = Counter(
            "versus_incidents", "Incidents received (drills excluded).", ["team", "service", "severity"],
            registry=self.registry,
        )  # fmt: skip
        self.acknowledgements = Counter(
            "versus_acknowledgements", "Incidents acknowledged; late=true once the escalation had started.",
            [*response, "late"], registry=self.registry,
        )  # fmt: skip
        self.escalations = Counter(
            "versus_escalations",
            "Escalation outcomes: started, failed, acknowledged_in_time, resolved_in_time (drills included).",
            ["team", "result"], registry=self.registry,
        )  # fmt: skip
        self.deliveries = Counter(
            "versus_deliveries", "Outbox deliveries that ended, by channel and result (sent or failed).",
            ["channel", "result"], registry=self.registry,
        )  # fmt: skip
        self.config_warnings = Counter(
            "versus_config_warnings", "Intake warnings about a bad query parameter, by parameter name.",
            ["parameter"], registry=self.registry,
        )  # fmt: skip
        self.time_to_acknowledge = Histogram(
            "versus_time_to_acknowledge_seconds", "Seconds from an incident's creation to its acknowledgement.",
            response, buckets=RESPONSE_BUCKETS, registry=self.registry,
        )  # fmt: skip
        self.time_to_resolve = Histogram(
            "versus_time_to_resolve_seconds", "Seconds from an incident's creation to its resolution.",
            response, buckets=RESPONSE_BUCKETS, registry=self.registry,
        )  # fmt: skip
        self.intake_refusals = Counter(
            "versus_intake_refusals", "Intake requests refused, by reason (unauthenticated, rate_limited, "
            "redis_out_of_memory, ...).", ["reason"], registry=self.registry,
        )  # fmt: skip
        self.intake_latency = Histogram(
            "versus_intake_request_duration_seconds", "Time to answer POST /api/incidents, by status class.",
            ["status"], buckets=INTAKE_BUCKETS, registry=self.registry,
        )  # fmt: skip

    def record(self, found: Sequence[Outcome]) -> None:
        for outcome in found:
            self.observe(outcome)

    def observe(self, outcome: Outcome) -> None:
        if outcome.kind == RECEIVED:
            self.incidents.labels(outcome.team, outcome.service, outcome.severity).inc()
        elif outcome.kind == ACKNOWLEDGED:
            late = "true" if outcome.late else "false"
            self.acknowledgements.labels(outcome.team, outcome.severity, late).inc()
            if outcome.seconds is not None:
                self.time_to_acknowledge.labels(outcome.team, outcome.severity).observe(outcome.seconds)
        elif outcome.kind == RESOLVED:
            if outcome.seconds is not None:
                self.time_to_resolve.labels(outcome.team, outcome.severity).observe(outcome.seconds)
        elif outcome.kind == ESCALATED:
            self.escalations.labels(outcome.team, outcome.result).inc()
        elif outcome.kind == NOTIFIED:
            self.deliveries.labels(outcome.channel, outcome.result).inc()

    def warned(self, parameter: str) -> None:
        self.config_warnings.labels(parameter).inc()

    def refused(self, reason: str) -> None:
        self.intake_refusals.labels(reason).inc()

    def answered(self, status: int, seconds: float) -> None:
        self.intake_latency.labels(f"{status // 100}xx").observe(seconds)

    def exposition(self, pending_escalations: int, outbox_depth: int, outbox: OutboxFigures | None = None) -> bytes:
        """The text format of one scrape: this process's (or all workers') metrics plus the live gauges."""
        if os.environ.get(MULTIPROC_ENV):
            workers = CollectorRegistry()
            MultiProcessCollector(workers)
            source: _Sourced = workers
        else:
            source = self.registry
        scrape = CollectorRegistry(auto_describe=False)
        scrape.register(_Forward(source))
        scrape.register(_LiveGauges(pending_escalations, outbox_depth))
        scrape.register(_OutboxFigures(outbox or OutboxFigures()))
        return generate_latest(scrape)


class _Forward(Collector):
    def __init__(self, source: _Sourced) -> None:
        self.source = source

    def collect(self) -> Iterator[Metric]:
        yield from self.source.collect()


class _LiveGauges(Collector):
    """Queue lengths read from Redis for this scrape: the same answer whichever process is asked."""

    def __init__(self, pending_escalations: int, outbox_depth: int) -> None:
        self.values = {PENDING_ESCALATIONS: pending_escalations, OUTBOX_DEPTH: outbox_depth}

    def collect(self) -> Iterator[Metric]:
        yield GaugeMetricFamily(
            PENDING_ESCALATIONS, "Escalations waiting for their due time or being claimed (Redis, at scrape).",
            value=self.values[PENDING_ESCALATIONS],
        )  # fmt: skip
        yield GaugeMetricFamily(
            OUTBOX_DEPTH, "Deliveries queued in the outbox, due or waiting to retry (Redis, at scrape).",
            value=self.values[OUTBOX_DEPTH],
        )  # fmt: skip


class _OutboxFigures(Collector):
    """Outbox lag and storm counters, read from Redis for this scrape (shared by every replica)."""

    COUNTERS = (
        ("rate_limited", "versus_outbox_rate_limited", "Deliveries held back by a Slack rate limit or a 429."),
        ("digested", "versus_outbox_digested", "Incidents shown in a channel's storm digest before their own message."),
        ("failed", "versus_outbox_given_up", "Deliveries given up (past the give-up time, or refused for good)."),
    )

    def __init__(self, figures: OutboxFigures) -> None:
        self.figures = figures

    def collect(self) -> Iterator[Metric]:
        lag = GaugeMetricFamily(
            "versus_outbox_lag_seconds", "Age of the oldest due delivery, per outbox channel.", labels=["channel"]
        )
        for channel in OUTBOX_CHANNELS:
            if channel in self.figures.lag_seconds:
                lag.add_metric([channel], self.figures.lag_seconds[channel])
        yield lag
        for what, name, help_text in self.COUNTERS:
            family = CounterMetricFamily(name, help_text, labels=["channel"])
            for channel in OUTBOX_CHANNELS:
                family.add_metric([channel], float(self.figures.stats.get(f"{channel}:{what}", 0)))
            yield family
