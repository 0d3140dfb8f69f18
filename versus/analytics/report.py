"""`versus report`: read the event history from the configured Redis and write the on-call report.

The numbers are computed by pure functions (`timeline`, `summary`, `percentiles`); this module only reads
Redis and the optional team spec, and picks the renderer.
"""

import asyncio
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from versus.analytics.history import read_events
from versus.analytics.report_formats import FORMATS
from versus.analytics.report_html import render_html
from versus.analytics.report_markdown import render_markdown
from versus.analytics.summary import OnCallLookup, ReportSummary, TeamBurden, summarise
from versus.analytics.timeline import IncidentHistory, incident_histories
from versus.config.model import Config
from versus.gen.spec_model import TeamSpec
from versus.schedule.burden import burden
from versus.schedule.engine import on_call_at
from versus.schedule.facade import load_schedule, window_shifts
from versus.store.connection import connect
from versus.store.embedded import EmbeddedRedis, EmbeddedRedisError, data_dir_for
from versus.store.keys import Keys

_RELATIVE = re.compile(r"^(\d+)([mhdw])$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
PRIMARY = "primary"


class ReportError(ValueError):
    """A report that cannot be made; the message says what to change."""


@dataclass(frozen=True)
class Window:
    since: datetime
    until: datetime

    @property
    def since_ms(self) -> int:
        return int(self.since.timestamp() * 1000)

    @property
    def until_ms(self) -> int:
        return int(self.until.timestamp() * 1000)


def parse_instant(text: str, now: datetime) -> datetime:
    """`7d`, `12h`, `30m`, `2w` (that long before `now`) or an ISO date/time (UTC unless it says otherwise)."""
    relative = _RELATIVE.match(text.strip())
    if relative:
        return now - timedelta(**{_UNITS[relative.group(2)]: int(relative.group(1))})
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ReportError(f"{text!r} is neither a duration like 7d, 24h, 30m, 2w nor an ISO date or time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def window(since: str, until: str | None, now: datetime) -> Window:
    start = parse_instant(since, now)
    end = parse_instant(until, now) if until else now
    if start >= end:
        raise ReportError(f"--since ({start:%Y-%m-%d %H:%M} UTC) must come before --until ({end:%Y-%m-%d %H:%M} UTC)")
    return Window(start.astimezone(UTC), end.astimezone(UTC))


def team_burdens(spec: TeamSpec, span: Window) -> list[TeamBurden]:
    """Each team's on-call hours in the window, from its rotations in the spec (overrides included)."""
    people = spec.raw.get("people", [])
    names = {person.alias: person.name for person in spec.people}
    found = []
    for team in spec.raw["teams"]:
        rotations: Sequence[dict[str, object]] = team.get("rotations", [])
        if rotations:
            known, parsed = load_schedule(people, rotations)
            shares = burden(window_shifts(parsed, span.since, span.until), known)
            found.append(TeamBurden(team=str(team["name"]), people=shares, names=names))
    return found


def on_call_lookup(spec: TeamSpec) -> OnCallLookup:
    """Who was the primary on-call of the incident's team (matched by its team label) when it came in."""
    primaries = {}
    for team, raw in zip(spec.teams, spec.raw["teams"], strict=True):
        rotations = [r for r in raw.get("rotations", []) if (r.get("layer") or PRIMARY) == PRIMARY]
        if rotations:
            primaries[team.label_value] = load_schedule(spec.raw.get("people", []), rotations)[1]
    names = {person.alias: person.name for person in spec.people}

    def lookup(history: IncidentHistory) -> tuple[str, ...]:
        rotations = primaries.get(history.team)
        if not rotations:
            return ()
        at = datetime.fromtimestamp(history.received_at_ms / 1000, UTC)
        return tuple(names.get(alias, alias) for alias in on_call_at(rotations, at).get(PRIMARY, ()))

    return lookup


async def collect(config: Config, span: Window, redis_url: str | None, spec: TeamSpec | None) -> ReportSummary:
    client = connect(config.redis, redis_url)
    try:
        events = await read_events(client, Keys(config.redis.key_prefix), span.since_ms, span.until_ms)
    finally:
        await client.aclose()
    histories = incident_histories(events, span.since_ms, span.until_ms)
    if spec is None:
        return summarise(histories, span.since_ms, span.until_ms)
    return summarise(histories, span.since_ms, span.until_ms, team_burdens(spec, span), on_call_lookup(spec))


def make_report(config: Config, span: Window, fmt: str, spec: TeamSpec | None = None) -> str:
    if fmt not in FORMATS:
        raise ReportError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    summary = asyncio.run(collect(config, span, _redis_url(config), spec))
    return render_html(summary) if fmt == "html" else render_markdown(summary)


def write_report(text: str, out: Path | None) -> None:
    if out is None:
        print(text, end="")
    else:
        out.write_text(text, encoding="utf-8")


def _redis_url(config: Config) -> str | None:
    """The embedded server's socket when the config names no Redis: the report reads what `serve` wrote."""
    if not config.redis.embedded:
        return None
    try:
        embedded = EmbeddedRedis(data_dir_for(config.redis.data_dir))
    except EmbeddedRedisError as exc:
        raise ReportError(str(exc)) from None
    if not embedded.socket.exists():
        raise ReportError(
            f"no redis section in {config.source} and no embedded Redis at {embedded.socket}: "
            "run the report where `versus serve` runs, or set redis.url"
        )
    return embedded.url
