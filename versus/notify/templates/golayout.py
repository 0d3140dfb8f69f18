"""Go reference-time layouts ("Jan 02, 2006 15:04:05 MST") for the `date` template function.

Layouts are read chunk by chunk with the precedence of Go's time.nextStdChunk, so the odd cases
behave as in Go: "Jane" is not a month, "_2006" is "_" plus the year, ".000" is fixed-width fractional
seconds while ".999" drops trailing zeros. Times keep nanoseconds (Alertmanager sends them), which a
Python datetime cannot hold, hence `GoTime`.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_RFC3339 = re.compile(r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(Z|z|[+-]\d{2}:\d{2})")
_ZERO_PADDED = {"1": "01", "2": "02", "3": "03", "4": "04", "5": "05", "6": "06"}
_OFFSETS = ("-070000", "-07:00:00", "-0700", "-07:00", "-07")


@dataclass(frozen=True)
class GoTime:
    """An aware datetime plus the full nanosecond of the second (datetime only keeps microseconds)."""

    moment: datetime
    nanosecond: int


def to_time(value: object) -> GoTime | None:
    """Read a datetime, an RFC3339 string or Unix seconds; None when the value is not a time."""
    if isinstance(value, datetime):
        moment = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        return GoTime(moment, moment.microsecond * 1000)
    if isinstance(value, int | float) and not isinstance(value, bool):
        moment = datetime.fromtimestamp(value, UTC)
        return GoTime(moment, round((value % 1) * 1e9) if isinstance(value, float) else 0)
    if isinstance(value, str):
        match = _RFC3339.fullmatch(value.strip())
        if match is None:
            return None
        year, month, day, hour, minute, second = (int(part) for part in match.groups()[:6])
        nanosecond = int((match.group(7) or "").ljust(9, "0"))
        zone = match.group(8)
        tz = UTC if zone in "Zz" else _fixed_zone(zone)
        try:
            moment = datetime(year, month, day, hour, minute, second, nanosecond // 1000, tz)
        except ValueError:
            return None
        return GoTime(moment, nanosecond)
    return None


def _fixed_zone(text: str) -> timezone:
    sign = -1 if text[0] == "-" else 1
    return timezone(sign * timedelta(hours=int(text[1:3]), minutes=int(text[4:6])))


def _std_chunk(layout: str, i: int) -> tuple[str, int] | None:
    """The layout element starting at index i, as (canonical element, length), if one starts there."""
    rest = layout[i:]
    first = rest[0]
    if first == "J" and rest.startswith("Jan"):
        if rest.startswith("January"):
            return "January", 7
        if not rest[3:4].islower():
            return "Jan", 3
    elif first == "M":
        if rest.startswith("Mon"):
            if rest.startswith("Monday"):
                return "Monday", 6
            if not rest[3:4].islower():
                return "Mon", 3
        if rest.startswith("MST"):
            return "MST", 3
    elif first == "0":
        if rest[1:2] in _ZERO_PADDED:
            return rest[:2], 2
        if rest.startswith("002"):
            return "002", 3
    elif first == "1":
        return ("15", 2) if rest.startswith("15") else ("1", 1)
    elif first == "2":
        return ("2006", 4) if rest.startswith("2006") else ("2", 1)
    elif first == "_":
        if rest.startswith("_2") and not rest.startswith("_2006"):
            return "_2", 2
        if rest.startswith("__2"):
            return "__2", 3
    elif first in "345":
        return first, 1
    elif first == "P" and rest.startswith("PM"):
        return "PM", 2
    elif first == "p" and rest.startswith("pm"):
        return "pm", 2
    elif first in "-Z":
        for offset in _OFFSETS:
            candidate = first + offset[1:]
            if rest.startswith(candidate):
                return candidate, len(candidate)
    elif first in ".,":
        digits = re.match(r"[.,](0+|9+)", rest)
        if digits and not rest[digits.end() : digits.end() + 1].isdigit():
            return digits.group(0), digits.end()
    return None


def format_time(time: GoTime, layout: str) -> str:
    """Format like Go's Time.Format, in the time's own offset."""
    out: list[str] = []
    i = 0
    while i < len(layout):
        chunk = _std_chunk(layout, i)
        if chunk is None:
            out.append(layout[i])
            i += 1
            continue
        element, length = chunk
        out.append(_element(time, element))
        i += length
    return "".join(out)


def _element(time: GoTime, element: str) -> str:
    moment = time.moment
    hour12 = moment.hour % 12 or 12
    simple = {
        "January": _MONTHS[moment.month - 1],
        "Jan": _MONTHS[moment.month - 1][:3],
        "Monday": _WEEKDAYS[moment.weekday()],
        "Mon": _WEEKDAYS[moment.weekday()][:3],
        "2006": f"{moment.year:04d}",
        "06": f"{moment.year % 100:02d}",
        "1": str(moment.month),
        "01": f"{moment.month:02d}",
        "2": str(moment.day),
        "_2": f"{moment.day:>2d}",
        "02": f"{moment.day:02d}",
        "__2": f"{moment.timetuple().tm_yday:>3d}",
        "002": f"{moment.timetuple().tm_yday:03d}",
        "15": f"{moment.hour:02d}",
        "3": str(hour12),
        "03": f"{hour12:02d}",
        "4": str(moment.minute),
        "04": f"{moment.minute:02d}",
        "5": str(moment.second),
        "05": f"{moment.second:02d}",
        "PM": "PM" if moment.hour >= 12 else "AM",
        "pm": "pm" if moment.hour >= 12 else "am",
        "MST": _zone_name(moment),
    }
    if element in simple:
        return simple[element]
    if element[0] in ".,":
        digits = f"{time.nanosecond:09d}"[: len(element) - 1]
        if element[1] == "9":
            digits = digits.rstrip("0")
            return element[0] + digits if digits else ""
        return element[0] + digits
    return _offset(moment, element)


def _offset_seconds(moment: datetime) -> int:
    offset = moment.utcoffset()
    return int(offset.total_seconds()) if offset is not None else 0


def _offset(moment: datetime, element: str) -> str:
    seconds = _offset_seconds(moment)
    if element[0] == "Z" and seconds == 0:
        return "Z"
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    colon = ":" if ":" in element else ""
    text = f"{sign}{hours:02d}"
    if len(element.replace(":", "")) >= 5:
        text += f"{colon}{minutes:02d}"
    if len(element.replace(":", "")) == 7:
        text += f"{colon}{secs:02d}"
    return text


def _zone_name(moment: datetime) -> str:
    """Zone abbreviation; like Go, a fixed offset without a name prints as -0700 (UTC prints UTC)."""
    seconds = _offset_seconds(moment)
    if not isinstance(moment.tzinfo, timezone):
        name = moment.tzname()
        if name and name.isalpha():
            return name
    if seconds == 0:
        return "UTC"
    sign = "-" if seconds < 0 else "+"
    minutes = abs(seconds) // 60
    return f"{sign}{minutes // 60:02d}{minutes % 60:02d}"


def go_time_string(time: GoTime) -> str:
    """Go's Time.String(), which is how a time prints with %v or `{{ . }}`."""
    return format_time(time, "2006-01-02 15:04:05.999999999 -0700 MST")
