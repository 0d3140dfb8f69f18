"""Standard JSON only, at a bounded cost: what intake accepts from callers it does not trust.

Python's `json` module takes `NaN`, `Infinity` and integers of any length, and recurses once per nesting
level. Here a non-finite number, an integer longer than `MAX_INTEGER_DIGITS` digits or a document nested
deeper than `MAX_DEPTH` is a `BadJson` with a message saying which, so intake answers 400, never 500, and
nothing non-standard is ever stored or served again.
"""

import json
import math
from typing import Any

MAX_DEPTH = 64
"""An Alertmanager webhook is 4 levels deep (body, alerts, alert, labels); 64 leaves room for any JSON alert."""
MAX_INTEGER_DIGITS = 40
"""Longer than any 128-bit integer; far below the 4,300 digits at which Python refuses to convert."""


class BadJson(ValueError):
    """Valid-looking text that is not standard, bounded JSON; the message says why."""


class TooManyItems(ValueError):
    def __init__(self, found: int, allowed: int) -> None:
        super().__init__(f"{found} items, {allowed} allowed")
        self.found = found
        self.allowed = allowed


def _constant(name: str) -> Any:
    raise BadJson(f"{name} is not standard JSON; send numbers as finite values or strings")


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INTEGER_DIGITS:
        raise BadJson(f"an integer of {len(text.lstrip('-'))} digits is longer than {MAX_INTEGER_DIGITS} digits")
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise BadJson(f"the number {text[:20]} is out of range for a finite double")
    return value


def loads(text: str, max_items: int | None = None) -> Any:
    """Parse `text`; raises BadJson (limits) or json.JSONDecodeError (syntax). A top-level array longer
    than `max_items` raises TooManyItems before the nesting is walked, so refusing a flood costs one parse."""
    try:
        document = json.loads(text, parse_constant=_constant, parse_int=_integer, parse_float=_float)
    except RecursionError as exc:
        raise BadJson(f"the JSON is nested deeper than {MAX_DEPTH} levels") from exc
    if max_items is not None and isinstance(document, list) and len(document) > max_items:
        raise TooManyItems(len(document), max_items)
    if depth(document) > MAX_DEPTH:
        raise BadJson(f"the JSON is nested deeper than {MAX_DEPTH} levels")
    return document


def depth(document: Any) -> int:
    """Nesting depth of arrays and objects (a scalar is 0), one level at a time, stopping past MAX_DEPTH."""
    level: list[Any] = [document] if isinstance(document, dict | list) else []
    found = 0
    while level and found <= MAX_DEPTH:
        found += 1
        level = [
            child
            for node in level
            for child in (node.values() if isinstance(node, dict) else node)
            if isinstance(child, dict | list)
        ]
    return found
