"""Bounds on the work one rendering may do, so alert data cannot make a template allocate without end.

Alert data is untrusted and reaches loops (`range` over a number), repeats, widths and replacements.
Each rendering runs inside `budget()`; passing a bound raises `RenderLimit`, and the caller sends the
built-in message with a warning saying which bound was hit.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

MAX_OUTPUT_CHARS = 100_000
"""The rendered message (Slack shows at most 40,000 characters of it anyway)."""
MAX_WORK_CHARS = 1_000_000
"""Characters produced along the way by functions and printing (toJson, printf, replace, repeat…)."""
MAX_RANGE_NUMBER = 10_000
"""`range N` over a number, and Jinja's `range()`."""
MAX_ITERATIONS = 100_000
"""Loop iterations of `range` in one rendering, all loops together."""
MAX_WIDTH = 1_000_000
"""printf width and precision: larger ones print %!(BADWIDTH) / %!(BADPREC), exactly as Go's fmt does."""


class RenderLimit(Exception):
    """A rendering passed one of the bounds above; the message says which."""


@dataclass
class _Budget:
    work: int = 0
    iterations: int = 0


_CURRENT: ContextVar[_Budget | None] = ContextVar("versus_template_budget", default=None)


@contextmanager
def budget() -> Iterator[None]:
    token = _CURRENT.set(_Budget())
    try:
        yield
    finally:
        _CURRENT.reset(token)


def charge(text: str, extra: int = 0) -> str:
    """Count `text` (plus `extra` characters about to be made) against the rendering's work bound."""
    current = _CURRENT.get()
    if current is not None:
        current.work += len(text) + extra
        if current.work > MAX_WORK_CHARS:
            raise RenderLimit(f"the template produced more than {MAX_WORK_CHARS:,} characters of intermediate text")
    return text


def charge_iterations(count: int) -> None:
    current = _CURRENT.get()
    if current is not None:
        current.iterations += count
        if current.iterations > MAX_ITERATIONS:
            raise RenderLimit(f"the template's loops ran more than {MAX_ITERATIONS:,} times")


def range_number(count: int) -> range:
    """`range N`: bounded, since N may come from the payload."""
    if count > MAX_RANGE_NUMBER:
        raise RenderLimit(f"range over the number {count} (the limit is {MAX_RANGE_NUMBER:,})")
    return range(max(count, 0))


def repeat_length(unit: int, count: int) -> None:
    """Check a repeat (sprig `repeat`, Jinja `*`) before building it."""
    charge("", unit * max(count, 0))
