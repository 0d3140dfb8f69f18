"""The template functions of the Go Versus Incident, with its argument orders and results, so the
templates it ships render here as they render there.

Where these differ from sprig's functions of the same name (`default`, `join`, `replace`, `contains`,
`split`, `trimPrefix`, `trimSuffix`, `title`, `slice`), `alert.slack.template_functions` chooses: `versus`
(these, the default for Go syntax) or `sprig`. Everything is computed on JSON-shaped data and never
raises for a missing value (see `functions`).
"""

import html
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from versus.notify.templates.gofmt import missing, print_value, type_name, value_string
from versus.notify.templates.golayout import GoTime, format_time, to_time
from versus.notify.templates.limits import charge
from versus.notify.templates.mrkdwn import Mrkdwn

_PARSE_LAYOUTS = (
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y/%m/%d %H:%M:%S",
    "%Y-%m-%d",
    "%m/%d/%Y",
)
"""`format` reads RFC3339 first, then these zone-less forms (as UTC), like upstream's list."""


def _text(value: object) -> str:
    return value if isinstance(value, str) else print_value(value)


def integer(value: object, what: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raise TypeError(f"{what}: expected an integer, got {value_string(value)}")


def versus_default(value: object, fallback: object) -> Any:
    """`default VALUE FALLBACK`: FALLBACK when VALUE is missing or "" (0 and false are kept)."""
    return fallback if missing(value) or value == "" else value


def versus_join(values: object, separator: object) -> str:
    """`join LIST SEP` (strings.Join); elements print as %v, a missing list joins to ""."""
    if missing(values):
        return ""
    items = values if isinstance(values, list | tuple) else [values]
    return charge(_text(separator).join(value_string(item) for item in items))


def versus_replace(text: object, old: object, new: object) -> str:
    """`replace S OLD NEW` and `replaceAll S OLD NEW` (strings.ReplaceAll)."""
    return replace_all(_text(text), _text(old), _text(new))


def replace_all(text: str, old: str, new: str) -> str:
    """str.replace with Go's rule for an empty OLD (insert NEW around every character), bounded."""
    count = text.count(old) if old else len(text) + 1
    charge("", len(text) + count * max(len(new) - len(old), 0))
    if old:
        return text.replace(old, new)
    return new + new.join(text) + new if text else new


def versus_contains(text: object, substring: object) -> bool:
    """`contains S SUBSTR` (strings.Contains)."""
    return _text(substring) in _text(text)


def versus_trim_prefix(text: object, prefix: object) -> str:
    """`trimPrefix S PREFIX`."""
    return _text(text).removeprefix(_text(prefix))


def versus_trim_suffix(text: object, suffix: object) -> str:
    """`trimSuffix S SUFFIX`."""
    return _text(text).removesuffix(_text(suffix))


def versus_split(text: object, separator: object) -> list[str]:
    """`split S SEP` (strings.Split): a list; an empty SEP splits into characters."""
    value, sep = _text(text), _text(separator)
    if not sep:
        return list(value)
    return value.split(sep)


def versus_title(value: object) -> str:
    """`title` as upstream's cases.Title: each word's first letter upper case, the rest lower case.
    Words start after a space or punctuation other than an apostrophe."""
    out: list[str] = []
    previous = " "
    for char in _text(value):
        start = not (previous.isalnum() or previous in "'’_")
        out.append(
            char.upper() if start and len(char.upper()) == 1 else char.lower() if len(char.lower()) == 1 else char
        )
        previous = char
    return "".join(out)


def versus_slice(value: object, start: object, end: object) -> str:
    """`slice S START END` on a string's bytes; invalid bounds give S unchanged, a non-string ""."""
    if not isinstance(value, str):
        return ""
    first, last = integer(start, "slice"), integer(end, "slice")
    data = value.encode()
    if first < 0 or last > len(data) or first > last:
        return value
    return data[first:last].decode(errors="ignore")


def truncate(value: object, length: object) -> str:
    """`truncate S N`: at most N bytes of S; a character cut in two is dropped (upstream: invalid UTF-8)."""
    data = _text(value).encode()
    limit = integer(length, "truncate")
    return value if isinstance(value, str) and len(data) <= limit else data[: max(limit, 0)].decode(errors="ignore")


def to_string(value: object) -> str:
    """`toString` (fmt %v): a missing value is "<nil>"."""
    return value_string(value)


def escape_html(value: object) -> Mrkdwn:
    """`escapeHTML` (html.EscapeString of %v): `<>&'"` as entities; no `<`/`>` is left, so it prints as is."""
    escaped = html.escape(value_string(value), quote=False).replace("'", "&#39;").replace('"', "&#34;")
    return Mrkdwn(escaped)


def format_time_function(value: object) -> str:
    """`formatTime S`: an RFC3339 time as "2006-01-02 15:04:05" in its own offset, else "Invalid time"."""
    time = to_time(value) if isinstance(value, str) else None
    return "Invalid time" if time is None else format_time(time, "2006-01-02 15:04:05")


def now() -> GoTime:
    """`now`: the current time (UTC)."""
    moment = datetime.now(UTC)
    return GoTime(moment, moment.microsecond * 1000)


def format_function(layout: object, value: object) -> str:
    """`format LAYOUT TIME` (`now | format "2006-01-02"`): a time, or a string read as RFC3339 or a
    common zone-less form; "Invalid time format" when it is none of those."""
    if isinstance(value, GoTime | datetime):
        time = to_time(value) if isinstance(value, datetime) else value
        assert time is not None
        return format_time(time, _text(layout))
    if not isinstance(value, str):
        return f"Unsupported type for format: {type_name(value)}"
    time = to_time(value)
    if time is None:
        for form in _PARSE_LAYOUTS:
            try:
                time = to_time(datetime.strptime(value, form).replace(tzinfo=UTC))
                break
            except ValueError:
                continue
    return "Invalid time format" if time is None else format_time(time, _text(layout))


def dict_function(*pairs: object) -> dict[str, Any]:
    """`dict K V K V …`."""
    if len(pairs) % 2:
        raise TypeError("dict expects an even number of arguments")
    out: dict[str, Any] = {}
    for key, value in zip(pairs[::2], pairs[1::2], strict=True):
        if not isinstance(key, str):
            raise TypeError("dict keys must be strings")
        out[key] = value
    return out


def list_function(*items: object) -> list[Any]:
    return list(items)


def append_function(items: object, *more: object) -> list[Any]:
    """`append LIST ITEM…`: a new list (a missing LIST is empty)."""
    if missing(items):
        return list(more)
    if not isinstance(items, list | tuple):
        raise TypeError(f"append: expected a list, got {type_name(items)}")
    return [*items, *more]


def string_slice(items: object) -> list[str]:
    """`stringSlice LIST`: each element as %v (nil is "<nil>")."""
    if missing(items):
        return []
    if not isinstance(items, list | tuple):
        raise TypeError(f"stringSlice: expected a list, got {type_name(items)}")
    return [value_string(item) for item in items]


def add(left: object, right: object) -> Any:
    """`add A B`: the sum of two numbers, else the two printed one after the other."""
    numbers = all(isinstance(x, int | float) and not isinstance(x, bool) for x in (left, right))
    if numbers:
        return left + right  # type: ignore[operator]
    return value_string(left) + value_string(right)


def regex_match(pattern: object, text: object) -> bool:
    """`regexMatch PATTERN S`; an invalid pattern does not match (Python's regex dialect, close to RE2)."""
    try:
        return re.search(_text(pattern), _text(text)) is not None
    except re.error:
        return False


def env_function(allowed: Mapping[str, str], name: object) -> str:
    """`env NAME`: only the variables listed in `alert.slack.template_env`, read at start-up; any other
    name is "" (as an unset variable), so a template cannot read a secret from the environment."""
    return allowed.get(_text(name), "")
