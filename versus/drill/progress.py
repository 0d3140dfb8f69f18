"""What a drill run shows on a terminal while it waits: a note at the start (how long, and how to make it
quick), a line per drill as it settles, and a countdown line in between. Off the terminal (piped, or
`--json`) it prints nothing, so the output stays the table (or the JSON) alone.
"""

from __future__ import annotations

import shutil
import time
from typing import TextIO

from versus.drill.runner import GRACE_SECONDS, Drill

STATES = {
    "none": "no page (on-call off for this alert)",
    "escalated": "paged (rehearsed)",
    "cancelled": "no page (cancelled)",
    "failed": "page failed",
    "pending": "still pending after the wait",
}


def duration(seconds: float) -> str:
    """`1 min 56 s`, `45 s`, `2 min`."""
    whole = max(0, round(seconds))
    minutes, rest = divmod(whole, 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min" + (f" {rest} s" if rest else "")


class Progress:
    """Progress lines on `stream` when `enabled` (a terminal), else silence."""

    def __init__(self, stream: TextIO, *, enabled: bool, wait_overridden: bool) -> None:
        self.stream = stream
        self.enabled = enabled
        self.wait_overridden = wait_overridden
        self.total = 0
        self.done = 0
        self._status = ""

    def sent(self, drills: list[Drill]) -> None:
        self.total = len(drills)
        if not self.enabled:
            return
        longest = max((drill.due - time.monotonic() for drill in drills if drill.error is None), default=0.0)
        note = f"Sent {self.total} drill(s); "
        if longest <= 0:
            note += f"each settles within {duration(GRACE_SECONDS)}."
        else:
            note += (
                f"waiting up to {duration(longest + GRACE_SECONDS)} for them to settle (the longest escalation"
                f" wait, {duration(longest)}, plus {duration(GRACE_SECONDS)} to page)."
            )
            if not self.wait_overridden:
                note += " For a quick run, pass --wait-minutes 0.05."
        self._print(note)

    def settled(self, drill: Drill) -> None:
        self.done += 1
        if not self.enabled:
            return
        if drill.error is not None:
            state = f"error: {drill.error}"
        else:
            escalation = str(drill.incident.get("escalation") or "")
            state = STATES.get(escalation, escalation or "no answer")
        self._print(f"[{self.done}/{self.total}] {drill.scenario.name}: {state}")

    def waiting(self, drills: list[Drill]) -> None:
        if not self.enabled or not drills:
            return
        now = time.monotonic()
        left = max(drill.due - now for drill in drills)
        names = ", ".join(drill.scenario.name for drill in drills)
        if left > 0:
            text = f"  {len(drills)} waiting, {duration(left)} left of the wait: {names}"
        else:
            text = f"  {len(drills)} waiting for the page (wait over): {names}"
        text = text[: shutil.get_terminal_size().columns - 1]
        if text != self._status:
            self.stream.write("\r\x1b[2K" + text)
            self.stream.flush()
            self._status = text

    def _print(self, line: str) -> None:
        if self._status:
            self.stream.write("\r\x1b[2K")
            self._status = ""
        self.stream.write(line + "\n")
        self.stream.flush()

    def finished(self) -> None:
        if self.enabled and self._status:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self._status = ""
