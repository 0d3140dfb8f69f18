"""Go's fmt rules for the values a JSON payload holds: %v printing and Printf verbs.

Templates written for Go print lists as `[a b]`, maps as `map[k:v]`, floats with %g rules (1e+06) and
report a wrong verb inline (`%!d(string=x)`) instead of failing; these helpers reproduce that so a
template ported from Go renders the same text. JSON integers stay integers (Go would hold float64),
so `%d` and `%f` both accept any number.
"""

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from jinja2 import Undefined

from versus.notify.templates.golayout import GoTime, go_time_string, to_time

_DIRECTIVE = re.compile(r"%([-+# 0]*)(\d+|\*)?(?:\.(\d+|\*)?)?(.?)", re.DOTALL)
_QUOTE_ESCAPES = {'"': '\\"', "\\": "\\\\", "\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n"}
_QUOTE_ESCAPES |= {"\r": "\\r", "\t": "\\t", "\v": "\\v"}


@dataclass(frozen=True)
class Spec:
    """One parsed directive: flags, width and precision."""

    flags: str = ""
    width: int | None = None
    precision: int | None = None


def missing(value: object) -> bool:
    """Absent key, JSON null or Jinja undefined: the template has no value here."""
    return value is None or isinstance(value, Undefined)


def type_name(value: object) -> str:
    """The Go type a JSON value would have, for %T and for bad-verb reports."""
    if missing(value):
        return "<nil>"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float64"
    if isinstance(value, str):
        return "string"
    if isinstance(value, Mapping):
        return "map[string]interface {}"
    if isinstance(value, list | tuple):
        return "[]interface {}"
    if isinstance(value, GoTime | datetime):
        return "time.Time"
    return type(value).__name__


def value_string(value: object) -> str:
    """%v of a value nested in a container or printed by fmt (nil is `<nil>`)."""
    return _format(value, "v", Spec())


def print_value(value: object) -> str:
    """How `{{ pipeline }}` prints: like %v, but a missing value prints nothing (Go: `<no value>`)."""
    return "" if missing(value) else value_string(value)


def go_quote(text: str) -> str:
    """strconv.Quote: double quotes, Go escapes, printable Unicode kept as is."""
    out = ['"']
    for char in text:
        if char in _QUOTE_ESCAPES:
            out.append(_QUOTE_ESCAPES[char])
        elif char.isprintable():
            out.append(char)
        elif ord(char) < 0x80:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) < 0x10000:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    out.append('"')
    return "".join(out)


def _quote_rune(char: str) -> str:
    """strconv.QuoteRune: like go_quote but in single quotes, where ' is escaped and " is not."""
    if char == "'":
        return "'\\''"
    return "'" + ('"' if char == '"' else go_quote(char)[1:-1]) + "'"


def shortest_float(number: float, upper: bool = False) -> str:
    """%v / %g without precision: shortest round-trip digits; like strconv's 'g' with precision -1,
    exponent form when the decimal exponent is < -4 or >= 6 (so 1e6 prints as 1e+06)."""
    special = _special_float(number)
    if special is not None:
        return special
    if number == 0:
        return "-0" if math.copysign(1, number) < 0 else "0"
    sign, digit_tuple, exponent = Decimal(repr(number)).normalize().as_tuple()
    digits = "".join(str(digit) for digit in digit_tuple)
    assert isinstance(exponent, int)
    point = len(digits) + exponent
    exp = point - 1
    prefix = "-" if sign else ""
    if exp < -4 or exp >= 6:
        mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        marker = "E" if upper else "e"
        return f"{prefix}{mantissa}{marker}{'-' if exp < 0 else '+'}{abs(exp):02d}"
    if point <= 0:
        return f"{prefix}0.{'0' * -point}{digits}"
    if point >= len(digits):
        return prefix + digits + "0" * (point - len(digits))
    return f"{prefix}{digits[:point]}.{digits[point:]}"


def _special_float(number: float) -> str | None:
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "+Inf" if number > 0 else "-Inf"
    return None


def sprintf(template: str, *args: Any) -> str:
    """Go's fmt.Sprintf for the verbs %v %s %d %q %f %e %g %x %X %o %b %c %t %T %U and %%."""
    out: list[str] = []
    queue = list(args)
    used = 0
    pos = 0
    while True:
        start = template.find("%", pos)
        if start < 0:
            out.append(template[pos:])
            break
        out.append(template[pos:start])
        match = _DIRECTIVE.match(template, start)
        assert match is not None
        pos = match.end()
        flags, width_text, precision_text, verb = match.groups()
        if not verb:
            out.append("%!(NOVERB)")
            break
        if verb == "%":
            out.append("%")
            continue
        width, used = _star(width_text, queue, used)
        precision, used = _star(precision_text, queue, used)
        if precision is None and match.group(0).find(".") > 0:
            precision = 0
        if used >= len(queue):
            out.append(f"%!{verb}(MISSING)")
            continue
        value = queue[used]
        used += 1
        if verb == "v":
            # Go reads %+v and %#v as "field names" / "Go syntax", never as sign or prefix flags.
            flags = flags.replace("+", "").replace("#", "")
        spec = Spec(flags, width, precision)
        out.append(_pad("", spec) if missing(value) else _format(value, verb, spec))
    if used < len(queue):
        extra = ", ".join(
            value_string(value) if missing(value) else f"{type_name(value)}={value_string(value)}"
            for value in queue[used:]
        )
        out.append(f"%!(EXTRA {extra})")
    return "".join(out)


def _star(text: str | None, queue: list[Any], used: int) -> tuple[int | None, int]:
    if text is None:
        return None, used
    if text != "*":
        return int(text), used
    if used < len(queue) and isinstance(queue[used], int):
        return int(queue[used]), used + 1
    return None, used


def _pad(text: str, spec: Spec, zero_ok: bool = False) -> str:
    if spec.width is None or len(text) >= spec.width:
        return text
    if "-" in spec.flags:
        return text.ljust(spec.width)
    if zero_ok and "0" in spec.flags:
        sign = text[0] if text[:1] in ("+", "-", " ") else ""
        return sign + text[len(sign) :].rjust(spec.width - len(sign), "0")
    return text.rjust(spec.width)


def _bad(value: object, verb: str) -> str:
    return f"%!{verb}({type_name(value)}={value_string(value)})"


def _format(value: object, verb: str, spec: Spec) -> str:
    if verb == "T":
        return _pad(type_name(value), spec)
    if missing(value):
        return "<nil>" if verb == "v" else f"%!{verb}(<nil>)"
    if isinstance(value, Mapping):
        items = sorted(value.items(), key=lambda item: str(item[0]))
        inner = " ".join(f"{_format(key, verb, spec)}:{_format(item, verb, spec)}" for key, item in items)
        return f"map[{inner}]"
    if isinstance(value, list | tuple):
        return "[" + " ".join(_format(item, verb, spec) for item in value) + "]"
    if isinstance(value, bool):
        return _pad("true" if value else "false", spec) if verb in "vt" else _bad(value, verb)
    if isinstance(value, int):
        return _format_int(value, verb, spec)
    if isinstance(value, float):
        return _format_float(value, verb, spec)
    if isinstance(value, str):
        return _format_str(value, verb, spec)
    time = value if isinstance(value, GoTime) else to_time(value) if isinstance(value, datetime) else None
    if time is not None:
        return _pad(go_time_string(time), spec) if verb in "vs" else _bad(value, verb)
    return _pad(str(value), spec) if verb in "vs" else _bad(value, verb)


def _format_int(number: int, verb: str, spec: Spec) -> str:
    if verb in "eEfFgG":
        return _format_float(float(number), verb, spec)
    if verb == "c":
        return _pad(chr(number), spec)
    if verb == "q":
        return _pad(_quote_rune(chr(number)), spec)
    if verb == "U":
        return _pad(f"U+{number:04X}", spec)
    bases = {"v": "d", "d": "d", "x": "x", "X": "X", "o": "o", "O": "o", "b": "b"}
    if verb not in bases:
        return _bad(number, verb)
    digits = format(abs(number), bases[verb])
    if spec.precision is not None:
        digits = "" if spec.precision == 0 and number == 0 else digits.zfill(spec.precision)
    prefix = ""
    if verb == "O" or ("#" in spec.flags and verb == "o" and not digits.startswith("0")):
        prefix = "0o" if verb == "O" else "0"
    elif "#" in spec.flags and verb in "xXb":
        prefix = {"x": "0x", "X": "0X", "b": "0b"}[verb]
    sign = "-" if number < 0 else "+" if "+" in spec.flags else " " if " " in spec.flags else ""
    zero_ok = spec.precision is None
    if zero_ok and "0" in spec.flags and "-" not in spec.flags and spec.width is not None:
        digits = digits.rjust(spec.width - len(sign) - len(prefix), "0")
    return _pad(sign + prefix + digits, spec)


def _format_float(number: float, verb: str, spec: Spec) -> str:
    if verb == "d" and number.is_integer():
        return _format_int(int(number), verb, spec)
    if verb not in "vfFeEgG":
        return _bad(number, verb)
    special = _special_float(number)
    if special is not None:
        sign_flag = "+" in spec.flags or special != "+Inf"
        return _pad(special if sign_flag or special == "NaN" else special[1:], spec)
    if verb in "vgG" and spec.precision is None:
        text = shortest_float(number, upper=verb == "G")
    else:
        precision = 6 if spec.precision is None else spec.precision
        text = format(number, f".{precision}{verb.replace('F', 'f').replace('v', 'g')}")
    if not text.startswith("-"):
        text = ("+" if "+" in spec.flags else " " if " " in spec.flags else "") + text
    return _pad(text, spec, zero_ok=True)


def _format_str(text: str, verb: str, spec: Spec) -> str:
    if verb in "vs":
        return _pad(text if spec.precision is None else text[: spec.precision], spec)
    if verb == "q":
        return _pad(go_quote(text), spec)
    if verb in "xX":
        encoded = text.encode().hex()
        return _pad(encoded.upper() if verb == "X" else encoded, spec)
    return _bad(text, verb)
