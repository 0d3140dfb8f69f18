"""The functions a compiled Go template calls: Go's builtins, sprig's, and (from `upstream`) the Go
Versus Incident's, in the two sets `alert.slack.template_functions` chooses between (`VERSUS`, `SPRIG`).

They run on JSON-shaped data and follow Go/sprig semantics (argument order, truthiness, what `and`
returns), with one deliberate difference throughout: a missing value (absent key, JSON null) is
never an error. `len` of it is 0, `index` into it is missing, string functions see "", `date` gives
"" -- Go would fail the whole message, and a notification with a blank field is better than none.

Only mappings and sequences are ever looked into (never object attributes), which keeps the
sandbox's guarantee for the Go side: a template can read the payload and nothing else.
"""

import html
import json
import math
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from versus.notify.templates import upstream
from versus.notify.templates.gofmt import missing, print_value, sprintf, type_name, value_string
from versus.notify.templates.golayout import format_time, to_time
from versus.notify.templates.limits import charge, charge_iterations, range_number, repeat_length
from versus.notify.templates.mrkdwn import Mrkdwn, escape

# Characters Go's unicode.IsSpace accepts, which strings.TrimSpace removes.
_GO_SPACE = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
_GO_SPACE += "\u2028\u2029\u202f\u205f\u3000"


@dataclass(frozen=True)
class Function:
    """A template function and how many arguments it takes (max None: any number); `call` is None
    for the ones the code generator writes inline."""

    call: Callable[..., Any] | None
    min_args: int
    max_args: int | None


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _text(value: object) -> str:
    return value if isinstance(value, str) else print_value(value)


def field(value: object, *names: str) -> Any:
    """`.a.b`: map lookups only; anything missing on the way gives a missing value."""
    for name in names:
        if not isinstance(value, Mapping):
            return None
        value = value.get(name)
    return value


def go_out(value: object) -> Mrkdwn:
    """What `{{ pipeline }}` prints: the value as Go prints it, escaped for Slack unless it is `raw`."""
    if isinstance(value, Mrkdwn):
        return value
    return Mrkdwn(escape(print_value(value)))


def go_raw(value: object) -> Mrkdwn:
    """`raw`: print this value as Slack mrkdwn, unescaped (mentions, links the author builds)."""
    return value if isinstance(value, Mrkdwn) else Mrkdwn(_text(value))


def range_items(value: object) -> list[tuple[Any, Any]]:
    """(key, element) pairs the way Go's range walks them: lists by index, maps by sorted key."""
    if missing(value):
        return []
    if isinstance(value, Mapping):
        items = sorted(value.items(), key=lambda item: (str(type(item[0])), item[0]))
    elif isinstance(value, list | tuple):
        items = list(enumerate(value))
    elif isinstance(value, int) and not isinstance(value, bool):
        items = [(number, number) for number in range_number(value)]
    else:
        raise TypeError(f"range can't iterate over {type_name(value)}")
    charge_iterations(len(items))
    return items


def go_eq(first: object, *others: object) -> bool:
    """Go's eq: true if the first argument equals any of the others. Values of different kinds are
    not equal (1 is not true); Go raises an error there, which would cost the whole message."""
    return any(_equal(first, other) for other in others)


def _equal(left: object, right: object) -> bool:
    if missing(left) or missing(right):
        return missing(left) and missing(right)
    if _number(left) and _number(right):
        return left == right
    if isinstance(left, str) and isinstance(right, str):
        return left == right
    return type(left) is type(right) and left == right


def go_ne(left: object, right: object) -> bool:
    return not _equal(left, right)


def _ordered(left: object, right: object) -> tuple[Any, Any]:
    if (_number(left) and _number(right)) or (isinstance(left, str) and isinstance(right, str)):
        return left, right
    raise TypeError(f"incompatible types for comparison: {value_string(left)} and {value_string(right)}")


def go_lt(left: object, right: object) -> bool:
    a, b = _ordered(left, right)
    return bool(a < b)


def go_le(left: object, right: object) -> bool:
    a, b = _ordered(left, right)
    return bool(a <= b)


def go_gt(left: object, right: object) -> bool:
    a, b = _ordered(left, right)
    return bool(a > b)


def go_ge(left: object, right: object) -> bool:
    a, b = _ordered(left, right)
    return bool(a >= b)


def go_len(value: object) -> int:
    """Go's len; strings count UTF-8 bytes as in Go."""
    if missing(value):
        return 0
    if isinstance(value, str):
        return len(value.encode())
    if isinstance(value, Mapping | list | tuple):
        return len(value)
    raise TypeError(f"len of type {type(value).__name__}")


def go_index(value: object, *keys: object) -> Any:
    """Go's index: `index .m "k"`, `index .list 0`, several keys walk deeper. A missing key or an
    out-of-range position gives a missing value (Go: error for the position)."""
    for key in keys:
        if missing(value):
            return None
        if isinstance(value, Mapping):
            value = value.get(key)
        elif isinstance(value, list | tuple | str):
            if not isinstance(key, int) or isinstance(key, bool):
                raise TypeError(f"cannot index a list with {value_string(key)}")
            sequence = value.encode() if isinstance(value, str) else value
            value = sequence[key] if 0 <= key < len(sequence) else None
        else:
            raise TypeError(f"can't index item of type {type(value).__name__}")
    return value


def go_print(*values: object) -> str:
    """fmt.Sprint: a space between two operands when neither is a string."""
    out: list[str] = []
    for position, value in enumerate(values):
        if position and not isinstance(value, str) and not isinstance(values[position - 1], str):
            out.append(" ")
        out.append(print_value(value))
    return "".join(out)


def go_printf(template: object, *values: object) -> str:
    return sprintf(_text(template), *values)


def go_println(*values: object) -> str:
    """fmt.Sprintln: always a space between operands, then a newline."""
    return " ".join(print_value(value) for value in values) + "\n"


def go_html(*values: object) -> Mrkdwn:
    """text/template's html: escapes like html/template.HTMLEscapeString (&#34; and &#39;). The result
    has no `<` or `>` left, so it is printed as it is (escaping it again would show `&lt;` in Slack)."""
    return Mrkdwn(html.escape(go_print(*values), quote=False).replace('"', "&#34;").replace("'", "&#39;"))


def go_urlquery(*values: object) -> str:
    return urllib.parse.quote_plus(go_print(*values), safe="")


def go_upper(value: object) -> str:
    """strings.ToUpper maps rune to rune ("ß" stays), unlike str.upper ("SS")."""
    return "".join(upper if len(upper := char.upper()) == 1 else char for char in _text(value))


def go_lower(value: object) -> str:
    return "".join(lower if len(lower := char.lower()) == 1 else char for char in _text(value))


def go_title(value: object) -> str:
    """sprig title (strings.Title): capitalise the first letter of each word, leave the rest as is."""
    out: list[str] = []
    previous = " "
    for char in _text(value):
        out.append(char.upper() if len(char.upper()) == 1 and _separator(previous) else char)
        previous = char
    return "".join(out)


def _separator(char: str) -> bool:
    if char.isascii():
        return not (char.isalnum() or char == "_")
    if char.isalpha() or char.isdigit():
        return False
    return char.isspace()


def go_replace(old: object, new: object, text: object) -> str:
    """sprig replace OLD NEW STRING: every occurrence, so `{{ .x | replace "a" "b" }}` works."""
    return upstream.replace_all(_text(text), _text(old), _text(new))


def sprig_contains(substring: object, text: object) -> bool:
    """sprig contains SUBSTR STRING."""
    return _text(substring) in _text(text)


def sprig_trim_prefix(prefix: object, text: object) -> str:
    return _text(text).removeprefix(_text(prefix))


def sprig_trim_suffix(suffix: object, text: object) -> str:
    return _text(text).removesuffix(_text(suffix))


def sprig_split(separator: object, text: object) -> dict[str, str]:
    """sprig split SEP STRING: a map `_0`, `_1`, … (`{{ (split "." .x)._1 }}`)."""
    return {f"_{index}": part for index, part in enumerate(upstream.versus_split(text, separator))}


def sprig_repeat(count: object, text: object) -> str:
    """sprig repeat COUNT STRING, bounded by the rendering's work limit."""
    if not isinstance(count, int) or isinstance(count, bool):
        raise TypeError(f"repeat: expected an integer count, got {type_name(count)}")
    unit = _text(text)
    repeat_length(len(unit), count)
    return unit * max(count, 0)


def go_slice(value: object, *indexes: object) -> Any:
    """Go's builtin slice: `slice X 1 2` on a list or on a string's bytes."""
    if missing(value):
        raise TypeError("slice of untyped nil")
    if not isinstance(value, str | list | tuple):
        raise TypeError(f"can't slice item of type {type_name(value)}")
    sequence = value.encode() if isinstance(value, str) else value
    bounds = [upstream.integer(index, "slice") for index in indexes]
    first = bounds[0] if bounds else 0
    last = bounds[1] if len(bounds) > 1 else len(sequence)
    if not 0 <= first <= last <= len(sequence):
        raise IndexError(f"slice index out of range: {first}:{last} of {len(sequence)}")
    part = sequence[first:last]
    return part.decode(errors="replace") if isinstance(part, bytes) else list(part)


def go_trim(value: object) -> str:
    """sprig trim (strings.TrimSpace)."""
    return _text(value).strip(_GO_SPACE)


def go_date(layout: object, value: object) -> str:
    """sprig date LAYOUT TIME with a Go reference-time layout.

    The time may be a datetime, an RFC3339 string (nanoseconds allowed) or Unix seconds, and is
    formatted in its own offset (sprig would use the server's zone). A missing time renders as ""
    where sprig would print the current time; Alertmanager has no root `startsAt`, and the seed
    template asks for one, so an empty field is the honest result. Text that is not a time is
    returned unchanged.
    """
    if missing(value):
        return ""
    time = to_time(value)
    if time is None:
        return _text(value)
    return format_time(time, _text(layout))


def go_default(fallback: object, *given: object) -> Any:
    """sprig default DEFAULT VALUE: VALUE unless it is empty (nil, "", 0, false, empty list/map)."""
    if not given or _empty(given[0]):
        return fallback
    return given[0]


def _empty(value: object) -> bool:
    if missing(value):
        return True
    if isinstance(value, bool | int | float | str | Mapping | list | tuple):
        return not value
    return False


def go_join(separator: object, values: object) -> str:
    """sprig join SEP LIST: nil elements are skipped; a single value joins as itself."""
    if missing(values):
        items: list[object] = []
    elif isinstance(values, list | tuple):
        items = [value for value in values if not missing(value)]
    else:
        items = [values]
    return _text(separator).join(_text(item) for item in items)


def go_to_json(value: object) -> str:
    """sprig toJson (json.Marshal): compact, keys sorted, <>& escaped; "" for NaN/Inf like sprig."""
    try:
        return _json(value)
    except ValueError:
        return ""


def _json(value: object) -> str:
    if isinstance(value, Mapping | list | tuple):
        return _json_container(value)
    return charge(_json_scalar(value))


def _json_container(value: Mapping[Any, Any] | list[Any] | tuple[Any, ...]) -> str:
    charge("", len(value) + 2)
    if isinstance(value, Mapping):
        items = sorted((str(key), item) for key, item in value.items())
        return "{" + ",".join(f"{_json_string(key)}:{_json(item)}" for key, item in items) + "}"
    return "[" + ",".join(_json(item) for item in value) + "]"


def _json_scalar(value: object) -> str:
    if missing(value):
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _json_float(value)
    return _json_string(value if isinstance(value, str) else value_string(value))


def _json_string(text: str) -> str:
    encoded = json.dumps(text, ensure_ascii=False)
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        encoded = encoded.replace(char, code)
    return encoded.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _json_float(number: float) -> str:
    """encoding/json float format: plain digits between 1e-6 and 1e21, else e-notation (e-7, e+21)."""
    if math.isnan(number) or math.isinf(number):
        raise ValueError("unsupported float value")
    if number.is_integer() and abs(number) < 1e21:
        return str(int(number))
    text = repr(number)
    if 1e-6 <= abs(number) < 1e21:
        return format(Decimal(text), "f")
    mantissa, _, exponent = text.partition("e")
    sign = exponent[0]
    return f"{mantissa}e{sign}{exponent[1:].lstrip('0') or '0'}" if sign == "-" else text


COMMON: dict[str, Function] = {
    "and": Function(None, 1, None),
    "or": Function(None, 1, None),
    "not": Function(None, 1, 1),
    "eq": Function(go_eq, 2, None),
    "ne": Function(go_ne, 2, 2),
    "lt": Function(go_lt, 2, 2),
    "le": Function(go_le, 2, 2),
    "gt": Function(go_gt, 2, 2),
    "ge": Function(go_ge, 2, 2),
    "len": Function(go_len, 1, 1),
    "index": Function(go_index, 1, None),
    "print": Function(go_print, 0, None),
    "println": Function(go_println, 0, None),
    "printf": Function(go_printf, 1, None),
    "html": Function(go_html, 0, None),
    "urlquery": Function(go_urlquery, 0, None),
    "upper": Function(go_upper, 1, 1),
    "lower": Function(go_lower, 1, 1),
    "trim": Function(go_trim, 1, 1),
    "date": Function(go_date, 2, 2),
    "toJson": Function(go_to_json, 1, 1),
    "raw": Function(go_raw, 1, 1),
    "repeat": Function(sprig_repeat, 2, 2),
    "env": Function(upstream.env_function, 1, 1),
    "toString": Function(upstream.to_string, 1, 1),
    "replaceAll": Function(upstream.versus_replace, 3, 3),
    "truncate": Function(upstream.truncate, 2, 2),
    "escapeHTML": Function(upstream.escape_html, 1, 1),
    "formatTime": Function(upstream.format_time_function, 1, 1),
    "now": Function(upstream.now, 0, 0),
    "format": Function(upstream.format_function, 2, 2),
    "dict": Function(upstream.dict_function, 0, None),
    "list": Function(upstream.list_function, 0, None),
    "append": Function(upstream.append_function, 1, None),
    "stringSlice": Function(upstream.string_slice, 1, 1),
    "add": Function(upstream.add, 2, 2),
    "regexMatch": Function(upstream.regex_match, 2, 2),
}
"""Functions every Go template may call, whichever `template_functions` is chosen. `and`, `or` and `not`
are compiled to Python's operators, which short-circuit and return an operand under the same
truthiness rules as Go's; `env` is given the variables allowed by config."""

SPRIG: dict[str, Function] = {
    "default": Function(go_default, 1, 2),
    "join": Function(go_join, 2, 2),
    "replace": Function(go_replace, 3, 3),
    "contains": Function(sprig_contains, 2, 2),
    "trimPrefix": Function(sprig_trim_prefix, 2, 2),
    "trimSuffix": Function(sprig_trim_suffix, 2, 2),
    "split": Function(sprig_split, 2, 2),
    "title": Function(go_title, 1, 1),
    "slice": Function(go_slice, 1, 3),
}
"""`template_functions: sprig`: sprig's argument orders (the value last, so it can be piped)."""

VERSUS: dict[str, Function] = {
    "default": Function(upstream.versus_default, 2, 2),
    "join": Function(upstream.versus_join, 2, 2),
    "replace": Function(upstream.versus_replace, 3, 3),
    "contains": Function(upstream.versus_contains, 2, 2),
    "trimPrefix": Function(upstream.versus_trim_prefix, 2, 2),
    "trimSuffix": Function(upstream.versus_trim_suffix, 2, 2),
    "split": Function(upstream.versus_split, 2, 2),
    "title": Function(upstream.versus_title, 1, 1),
    "slice": Function(upstream.versus_slice, 3, 3),
}
"""`template_functions: versus` (the default): the Go Versus Incident's argument orders."""

FUNCTION_SETS: dict[str, dict[str, Function]] = {"versus": VERSUS, "sprig": SPRIG}


def global_name(functions: str, name: str) -> str:
    """The Jinja global a compiled template calls for function `name` under a function set."""
    return f"fn_{name}" if name in COMMON else f"fn_{functions}_{name}"


def jinja_globals() -> dict[str, Callable[..., Any]]:
    """Every function as the Jinja global `global_name` names."""
    out = {f"fn_{name}": spec.call for name, spec in COMMON.items() if spec.call is not None}
    for functions, table in FUNCTION_SETS.items():
        out.update({global_name(functions, name): spec.call for name, spec in table.items() if spec.call})
    return out
