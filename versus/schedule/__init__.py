"""On-call schedules: AWS Incident Manager rotation semantics as a pure engine, and views of its shifts.

The generator passes the team spec's `people` and `rotations` dicts to the facade functions; the
lower-level API (rotation_from_spec, shifts, on_call_at, coverage_gaps, burden) is for other tools.
"""

from versus.schedule.burden import Burden, burden
from versus.schedule.checks import ineffective_overrides, unknown_contacts
from versus.schedule.engine import on_call_at, shifts, whole_shifts
from versus.schedule.facade import (
    CalendarFormat,
    burden_table,
    describe_on_call,
    find_gaps,
    load_schedule,
    on_call_burden,
    render_calendar,
    schedule_warnings,
    who_is_on_call,
    window_shifts,
)
from versus.schedule.gaps import always, coverage_gaps, route_active, time_interval_active
from versus.schedule.model import (
    CoverageTime,
    Frequency,
    Gap,
    Override,
    Person,
    Recurrence,
    Rotation,
    ScheduleError,
    Shift,
)
from versus.schedule.spec import people_from_spec, rotation_from_spec, rotations_from_spec

__all__ = [
    "Burden",
    "CalendarFormat",
    "CoverageTime",
    "Frequency",
    "Gap",
    "Override",
    "Person",
    "Recurrence",
    "Rotation",
    "ScheduleError",
    "Shift",
    "always",
    "burden",
    "burden_table",
    "coverage_gaps",
    "describe_on_call",
    "find_gaps",
    "ineffective_overrides",
    "load_schedule",
    "on_call_at",
    "on_call_burden",
    "people_from_spec",
    "render_calendar",
    "rotation_from_spec",
    "rotations_from_spec",
    "route_active",
    "schedule_warnings",
    "shifts",
    "time_interval_active",
    "unknown_contacts",
    "who_is_on_call",
    "whole_shifts",
    "window_shifts",
]
