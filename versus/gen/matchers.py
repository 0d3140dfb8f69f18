"""Alertmanager label matchers (`name="value"`, `=~`, `!=`, `!~`): parse what users write, write them
back in one canonical quoted form, so generated routes are stable and Alertmanager reads them as meant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MATCHER = re.compile(
    r"^\s*(?P<name>[a-zA-Z_][a-zA-Z0-9_]*)\s*(?P<op>=~|!~|!=|=)\s*"
    r'(?:"(?P<quoted>(?:[^"\\]|\\.)*)"|(?P<bare>[^"\'\s,{}]*))\s*$'
)
_UNESCAPES = {"\\\\": "\\", '\\"': '"', "\\n": "\n"}


@dataclass(frozen=True)
class Matcher:
    name: str
    op: str
    value: str

    def __str__(self) -> str:
        escaped = self.value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return f'{self.name}{self.op}"{escaped}"'


def parse_matcher(text: str) -> Matcher:
    """Parse one matcher; ValueError says what is wrong (a regex is compiled to catch typos early)."""
    found = _MATCHER.match(text)
    if not found:
        raise ValueError(f"{text!r} is not a matcher like 'service=\"database\"'")
    quoted = found.group("quoted")
    value = (
        re.sub(r"\\[\\\"n]", lambda escape: _UNESCAPES[escape.group(0)], quoted)
        if quoted is not None
        else found.group("bare")
    )
    op = found.group("op")
    if op in {"=~", "!~"}:
        try:
            re.compile(value)
        except re.error as error:
            raise ValueError(f"{text!r} has an invalid regular expression: {error}") from error
    return Matcher(found.group("name"), op, value)


def equals(name: str, value: str) -> Matcher:
    return Matcher(name, "=", value)
