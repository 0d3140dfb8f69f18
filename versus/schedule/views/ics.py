"""The iCalendar feed: one VEVENT per shift, so people can subscribe to their on-call turns.

UIDs are derived from rotation, start and contacts, so exporting the same schedule again updates the
events a calendar already holds instead of duplicating them; DTSTAMP is the caller's fixed instant
for the same reason (the same spec gives byte-identical output).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from icalendar import Calendar, Event

from versus.schedule.model import Person, Shift
from versus.schedule.views.names import shift_label, who

UID_DOMAIN = "versus.schedule"


def shift_uid(shift: Shift) -> str:
    """Stable identity of a shift: the same rotation, start and contacts give the same UID."""
    key = "|".join([shift.rotation, shift.start.astimezone(UTC).isoformat(), ",".join(shift.contacts)])
    return f"{hashlib.sha256(key.encode()).hexdigest()[:32]}@{UID_DOMAIN}"


def ics_calendar(
    shift_list: Sequence[Shift], people: Mapping[str, Person], stamp: datetime, name: str = "On call"
) -> str:
    """A VCALENDAR text with one event per shift; SUMMARY 'On call: Name (layer)', overrides marked."""
    calendar = Calendar()
    calendar.add("prodid", "-//Versus//On-call schedule//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for shift in sorted(shift_list, key=lambda s: (s.start, s.layer, s.rotation)):
        event = Event()
        event.add("uid", shift_uid(shift))
        event.add("dtstamp", stamp.astimezone(UTC))
        event.add("dtstart", shift.start.astimezone(UTC))
        event.add("dtend", shift.end.astimezone(UTC))
        layer = f"{shift.layer}, override" if shift.is_override else shift.layer
        event.add("summary", f"On call: {who(shift.contacts, people)} ({layer})")
        event.add("description", f"Rotation {shift.rotation}: {shift_label(shift, people)}")
        event.add("categories", ["on-call", shift.layer, *(["override"] if shift.is_override else [])])
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical().decode()
