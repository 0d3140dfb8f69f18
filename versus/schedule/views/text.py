"""The terminal calendar: one row per shift in local time, and a line saying who is on call now."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from versus.schedule.model import Person, Shift
from versus.schedule.views.names import shift_label, who

_FORMAT = "%a %Y-%m-%d %H:%M"


def text_table(
    shift_list: Sequence[Shift],
    people: Mapping[str, Person],
    time_zone: str,
    now: datetime | None = None,
    on_call_now: Mapping[str, tuple[str, ...]] | None = None,
) -> str:
    """Aligned columns Start, End, Layer, Rotation, On call; times shown in `time_zone`."""
    zone = ZoneInfo(time_zone)
    header = ("Start", "End", "Layer", "Rotation", "On call")
    rows = [
        (
            s.start.astimezone(zone).strftime(_FORMAT),
            s.end.astimezone(zone).strftime(_FORMAT),
            s.layer,
            s.rotation,
            shift_label(s, people),
        )
        for s in sorted(shift_list, key=lambda s: (s.start, s.layer, s.rotation))
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    lines = [f"Times in {time_zone}"]
    for row in [header, *rows]:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]))
    if not rows:
        lines.append("(no shifts in this window)")
    if now is not None and on_call_now is not None:
        stamp = now.astimezone(zone).strftime(_FORMAT + " %Z")
        layers = "; ".join(f"{layer}: {who(contacts, people)}" for layer, contacts in on_call_now.items())
        lines.append(f"Now ({stamp}): {layers or 'no rotations'}")
    return "\n".join(lines) + "\n"
