"""The spec's planned overrides as the AWS overrides that make them true.

A spec override says "dave replaces bob"; an AWS override says "these contacts are on call from S to E"
for everyone in the rotation. The engine already knows which stretches an override changes and who
is on call in them, so each changed stretch becomes one AWS override with exactly those contacts.
Terraform has no resource for overrides, so without this the calendar would show dave while AWS pages bob.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from versus.schedule import rotation_from_spec, shifts


@dataclass(frozen=True)
class PlannedOverride:
    """One stretch in which the spec's overrides put `contacts` on call; times are aware UTC."""

    rotation: str
    contacts: tuple[str, ...]
    replaced: tuple[str, ...]
    start: datetime
    end: datetime
    reason: str


def planned_overrides(rotations: Sequence[Mapping[str, Any]], not_before: datetime) -> list[PlannedOverride]:
    """Changed stretches of every rotation's overrides that end after `not_before`, in time order.

    Stretches keep their planned start even when it has passed, so the request (and so its idempotency
    token) is the same on every run.
    """
    found = []
    for spec in rotations:
        rotation = rotation_from_spec(spec)
        if not rotation.overrides:
            continue
        start = min(o.start for o in rotation.overrides)
        end = max(o.end for o in rotation.overrides)
        for shift in shifts(rotation, start, end):
            if shift.is_override and shift.end > not_before:
                found.append(
                    PlannedOverride(rotation.name, shift.contacts, shift.replaced, shift.start, shift.end, shift.reason)
                )
    return sorted(found, key=lambda o: (o.start, o.rotation))
