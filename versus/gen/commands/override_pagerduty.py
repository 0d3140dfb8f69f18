"""`versus-gen override apply` for the teams that page through PagerDuty: the spec's planned overrides as
schedule overrides, through PagerDuty's REST API (`POST /schedules/{id}/overrides`).

Schedules are found by the rotation's name and users by email, as `versus-gen terraform --pagerduty-output`
creates them. An override PagerDuty already has (same user, start and end) is not created again, so
re-running apply changes nothing. The token comes from PAGERDUTY_TOKEN (never an argument, which would
land in shell history); PAGERDUTY_API_URL points at another region or a local stand-in.
"""

from __future__ import annotations

import os
from datetime import UTC

from versus.gen.commands.override_plan import teams_planned_overrides
from versus.gen.problems import InputError, Problem
from versus.gen.spec_model import Team, TeamSpec
from versus.rotation_overrides import OverrideError
from versus.rotation_overrides.pagerduty import API_URL, PagerDutyOverrides

TOKEN_ENV = "PAGERDUTY_TOKEN"
API_URL_ENV = "PAGERDUTY_API_URL"
_DISPLAY = "%Y-%m-%d %H:%M UTC"


def apply_pagerduty(spec: TeamSpec, teams: list[Team], dry_run: bool) -> int:
    """0 when every planned override is in PagerDuty (or would be, for a dry run); 1 if PagerDuty refused."""
    planned = teams_planned_overrides(spec, teams)
    emails = {person.alias: person.email for person in spec.people}
    for item in planned:
        if len(item.contacts) != 1 or not emails.get(item.contacts[0]):
            who = ", ".join(item.contacts) or "nobody"
            raise InputError(
                [
                    Problem(
                        spec.source,
                        f"rotation {item.rotation}",
                        f"a PagerDuty override puts one person with an email on call, not {who}",
                    )
                ]
            )
    token = os.environ.get(TOKEN_ENV, "")
    if not token and not dry_run and planned:
        raise InputError([Problem(TOKEN_ENV, "", "set it to a PagerDuty REST API token to apply overrides")])
    client = PagerDutyOverrides(token, os.environ.get(API_URL_ENV) or API_URL)
    for item in planned:
        email = str(emails[item.contacts[0]])
        when = f"{item.start.astimezone(UTC).strftime(_DISPLAY)} to {item.end.astimezone(UTC).strftime(_DISPLAY)}"
        if dry_run:
            print(f"Would create a PagerDuty override on {item.rotation}: {email} from {when}")
            continue
        try:
            schedule = client.schedule_id(item.rotation)
            user = client.user_id(email)
            existing = client.overrides(schedule, item.start, item.end)
            if any((o.user_id, o.start, o.end) == (user, item.start, item.end) for o in existing):
                print(f"Already in PagerDuty: {item.rotation}: {email} from {when}")
                continue
            override_id = client.create(schedule, user, item.start, item.end)
        except OverrideError as error:
            print(f"error: {error}")
            return 1
        print(f"PagerDuty override {override_id} on {item.rotation}: {email} from {when}")
    return 0
