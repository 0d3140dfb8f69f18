"""Display names for contacts, shared by every view so all of them name a person the same way."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from versus.schedule.model import Person, Shift


def display_name(alias: str, people: Mapping[str, Person]) -> str:
    """The person's name, or the bare alias for a contact the spec does not list."""
    person = people.get(alias)
    return person.name if person else alias


def who(contacts: Iterable[str], people: Mapping[str, Person]) -> str:
    """'Alice Nguyen, Bob Okafor', or 'nobody'."""
    names = [display_name(alias, people) for alias in contacts]
    return ", ".join(names) if names else "nobody"


def shift_label(shift: Shift, people: Mapping[str, Person]) -> str:
    """Who is on call, with what an override changed and why."""
    label = who(shift.contacts, people)
    if shift.is_override:
        note = f"override for {who(shift.replaced, people)}"
        label += f" ({note}: {shift.reason})" if shift.reason else f" ({note})"
    return label
