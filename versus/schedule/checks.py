"""Spec checks that the engine can answer and a schema cannot: members and overrides that do nothing."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from versus.schedule.engine import shifts
from versus.schedule.model import Person, Rotation


def unknown_contacts(rotations: Iterable[Rotation], people: Mapping[str, Person]) -> list[str]:
    """One message per rotation member or override contact that is not in `people`."""
    problems = []
    for rotation in rotations:
        for alias in rotation.members:
            if alias not in people:
                problems.append(f"rotations[{rotation.name}].members: {alias!r} is not in people")
        for index, override in enumerate(rotation.overrides):
            for alias in filter(None, (override.contact, override.replaces)):
                if alias not in people:
                    problems.append(f"rotations[{rotation.name}].overrides[{index}]: {alias!r} is not in people")
    return problems


def ineffective_overrides(rotation: Rotation) -> list[str]:
    """Overrides that change nobody's shift, e.g. `replaces` names someone who is not on call then."""
    problems = []
    for index, override in enumerate(rotation.overrides):
        alone = replace(rotation, overrides=(override,))
        if not any(s.is_override for s in shifts(alone, override.start, override.end)):
            who = f"{override.replaces!r} is not on call" if override.replaces else "nobody else is on call"
            problems.append(
                f"rotations[{rotation.name}].overrides[{index}]: {who} between "
                f"{override.start:%Y-%m-%d %H:%M} and {override.end:%Y-%m-%d %H:%M} ({rotation.time_zone}); "
                "the override changes nothing"
            )
    return problems
