"""The HTML calendar: a self-contained page (inline CSS, no script, no external assets).

One grid per week and layer, days as columns and the 24 hours as rows; every shift is a block placed
by its local wall-clock minutes, each person has a colour of their own, and overrides are hatched and
outlined so a swapped turn stands out. The page works offline and in mail, hence no JavaScript.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from jinja2 import Environment, PackageLoader, select_autoescape

from versus.schedule.model import MINUTES_PER_DAY, Person, Shift, to_utc
from versus.schedule.views.names import display_name, shift_label

_ENVIRONMENT = Environment(
    loader=PackageLoader("versus.schedule", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


@dataclass(frozen=True)
class Block:
    """A shift's part within one local day, as percentages of the day column."""

    top: float
    height: float
    left: float
    width: float
    contacts: tuple[str, ...]
    label: str
    title: str
    is_override: bool


@dataclass(frozen=True)
class Day:
    day: date
    in_window: bool
    blocks: tuple[Block, ...]
    now_at: float | None


@dataclass(frozen=True)
class LayerWeek:
    layer: str
    days: tuple[Day, ...]


@dataclass(frozen=True)
class Week:
    monday: date
    layers: tuple[LayerWeek, ...]


def person_colours(aliases: Sequence[str]) -> dict[str, str]:
    """A distinct, stable colour per alias: hues a golden angle apart, in the given order."""
    return {alias: f"hsl({(index * 137.508) % 360:.0f} 70% 62%)" for index, alias in enumerate(aliases)}


def html_page(
    shift_list: Sequence[Shift],
    people: Mapping[str, Person],
    time_zone: str,
    start: datetime,
    end: datetime,
    title: str = "On-call schedule",
    layers: Sequence[str] = (),
    now: datetime | None = None,
) -> str:
    """The whole page for the window [start, end), in `time_zone` wall-clock time."""
    zone = ZoneInfo(time_zone)
    layer_names = list(dict.fromkeys([*layers, *(s.layer for s in shift_list)]))
    seen = {alias for s in shift_list for alias in s.contacts}
    aliases = [a for a in people if a in seen] + sorted(seen - set(people))
    colours = person_colours(aliases)
    first_day = start.astimezone(zone).date()
    last_day = (end - timedelta(microseconds=1)).astimezone(zone).date()
    monday = first_day - timedelta(days=first_day.weekday())
    lanes = {layer: _lanes([s for s in shift_list if s.layer == layer]) for layer in layer_names}
    weeks: list[Week] = []
    while monday <= last_day:
        weeks.append(
            Week(
                monday,
                tuple(
                    LayerWeek(
                        layer,
                        tuple(
                            _day(
                                monday + timedelta(days=offset),
                                zone,
                                first_day,
                                last_day,
                                now,
                                people,
                                lanes[layer],
                            )
                            for offset in range(7)
                        ),
                    )
                    for layer in layer_names
                ),
            )
        )
        monday += timedelta(weeks=1)
    return _ENVIRONMENT.get_template("calendar.html.j2").render(
        title=title,
        time_zone=time_zone,
        first_day=first_day,
        last_day=last_day,
        weeks=weeks,
        legend=[(alias, display_name(alias, people), colours[alias]) for alias in aliases],
        colours=colours,
        hours=range(24),
    )


def _lanes(layer_shifts: Sequence[Shift]) -> list[list[Shift]]:
    """One lane for the layer, or one per rotation when rotations of the layer overlap in time.

    Follow-the-sun rotations share a layer without overlapping and read best in one column; overlapping
    ones would hide each other, so they get side-by-side lanes.
    """
    latest_end: dict[str, datetime] = {}
    overlapping = False
    for shift in sorted(layer_shifts, key=lambda s: s.start):
        overlapping = overlapping or any(
            end > shift.start for name, end in latest_end.items() if name != shift.rotation
        )
        latest_end[shift.rotation] = max(shift.end, latest_end.get(shift.rotation, shift.end))
    if not overlapping:
        return [list(layer_shifts)]
    names = list(dict.fromkeys(s.rotation for s in layer_shifts))
    return [[s for s in layer_shifts if s.rotation == name] for name in names]


def _day(
    day: date,
    zone: ZoneInfo,
    first_day: date,
    last_day: date,
    now: datetime | None,
    people: Mapping[str, Person],
    lanes: Sequence[Sequence[Shift]],
) -> Day:
    midnight = datetime(day.year, day.month, day.day)
    day_start, day_end = to_utc(midnight, zone), to_utc(midnight + timedelta(days=1), zone)
    blocks = []
    lane_width = 100 / len(lanes)
    for lane, shift in ((lane, shift) for lane, lane_shifts in enumerate(lanes) for shift in lane_shifts):
        lo, hi = max(shift.start, day_start), min(shift.end, day_end)
        if lo >= hi:
            continue
        top = _minute_of_day(lo, zone, midnight)
        bottom = MINUTES_PER_DAY if hi == day_end else _minute_of_day(hi, zone, midnight)
        local_lo, local_hi = lo.astimezone(zone), hi.astimezone(zone)
        label = shift_label(shift, people)
        shown = label if len(lanes) == 1 else ", ".join(display_name(a, people).split()[0] for a in shift.contacts)
        blocks.append(
            Block(
                top=round(100 * top / MINUTES_PER_DAY, 3),
                height=round(100 * max(bottom - top, 1) / MINUTES_PER_DAY, 3),
                left=round(lane * lane_width, 3),
                width=round(lane_width, 3),
                contacts=shift.contacts,
                label=shown,
                title=f"{local_lo:%a %H:%M}–{local_hi:%a %H:%M}: {label}",
                is_override=shift.is_override,
            )
        )
    now_at = None
    if now is not None and day_start <= now < day_end:
        now_at = round(100 * _minute_of_day(now, zone, midnight) / MINUTES_PER_DAY, 3)
    return Day(day, first_day <= day <= last_day, tuple(blocks), now_at)


def _minute_of_day(instant: datetime, zone: ZoneInfo, midnight: datetime) -> int:
    local = instant.astimezone(zone).replace(tzinfo=None)
    return min(MINUTES_PER_DAY, max(0, int((local - midnight).total_seconds() // 60)))
