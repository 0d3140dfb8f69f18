"""Go's fmt rules for the values a JSON payload holds: %v printing and Printf verbs.

Templates written for Go print lists as `[a b]`, maps as `map[k:v]`, floats with %g rules (1e+06) and
report a wrong verb inline (`%!d(string=x)`) instead of failing; these helpers reproduce that so a
template ported from Go renders the same text. JSON integers stay integers (Go would hold float64),
so `%d` and `%f` both accept any number.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from jinja2 import Undefined

from versus.notify.templates.golayout import GoTime, go_time_string, to_time
from versus.notify.templates.limits import MAX_WIDTH, charge

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
    """Go's fmt.Sprintf for the verbs %v %s %d %q %f %e %g %x %X %o %b %c %t %T %U and %%, with Go's
    flags (`-+# 0`), `*` widths and precisions, explicit argument indexes (`%[2]d`, `%[3]*.[2]*[1]f`)
    and its error forms (%!d(string=x), %!d(MISSING), %!d(BADINDEX), %!(BADWIDTH), %!(EXTRA …)).
    A width or precision above 1e6 is refused as in Go, so payload numbers cannot make it allocate."""
    return _Printf(template, args).run()


class _Printf:
    """fmt's doPrintf, step by step (argument numbers, reordering, BADINDEX) for the same results."""

    def __init__(self, template: str, args: tuple[Any, ...]) -> None:
        self.format = template
        self.args = args
        self.out: list[str] = []
        self.arg = 0
        self.reordered = False
        self.good_index = True

    def run(self) -> str:
        text, end, i = self.format, len(self.format), 0
        while i < end:
            self.good_index = True
            start = text.find("%", i)
            if start < 0:
                self.out.append(text[i:])
                break
            self.out.append(text[i:start])
            i = self.directive(start + 1)
        if not self.reordered and self.arg < len(self.args):
            extra = ", ".join(
                "<nil>" if missing(value) else f"{type_name(value)}={value_string(value)}"
                for value in self.args[self.arg :]
            )
            self.out.append(f"%!(EXTRA {extra})")
        return charge("".join(self.out))

    def directive(self, i: int) -> int:
        """Format one directive starting after its `%`; returns the index after it."""
        text, end = self.format, len(self.format)
        flags = ""
        while i < end and text[i] in "#0+- ":
            flags += text[i]
            i += 1
        if "-" in flags:
            flags = flags.replace("0", "")
        after_index, i = self.argument_number(i)
        width: int | None = None
        if i < end and text[i] == "*":
            i += 1
            width = self.int_argument()
            if width is None:
                self.out.append("%!(BADWIDTH)")
            elif width < 0:
                width, flags = -width, flags.replace("0", "") + "-"
            after_index = False
        else:
            width, i = _parse_number(text, i)
            if width is _OVERFLOW:
                self.out.append("%!(NOVERB)")
                return end
            if after_index and width is not None:
                self.good_index = False
        precision: int | None = None
        if i + 1 < end and text[i] == ".":
            i += 1
            if after_index:
                self.good_index = False
            after_index, i = self.argument_number(i)
            if i < end and text[i] == "*":
                i += 1
                precision = self.int_argument()
                if precision is not None and precision < 0:
                    precision = None
                elif precision is None:
                    self.out.append("%!(BADPREC)")
                after_index = False
            else:
                precision, i = _parse_number(text, i)
                if precision is _OVERFLOW:
                    self.out.append("%!(NOVERB)")
                    return end
                precision = precision or 0
        if not after_index:
            after_index, i = self.argument_number(i)
        if i >= end:
            self.out.append("%!(NOVERB)")
            return end
        verb = text[i]
        i += 1
        if verb == "%":
            self.out.append("%")
        elif not self.good_index:
            self.out.append(f"%!{verb}(BADINDEX)")
        elif self.arg >= len(self.args):
            self.out.append(f"%!{verb}(MISSING)")
        else:
            value = self.args[self.arg]
            self.arg += 1
            sharp_v = verb == "v" and "#" in flags
            if verb == "v":
                # %+v and %#v mean "field names" / "Go syntax", never sign or prefix.
                flags = flags.replace("+", "").replace("#", "")
            spec = Spec(flags, width, precision)
            if missing(value):
                self.out.append(_pad("", spec))
            elif sharp_v:
                self.out.append(_pad(go_syntax(value), spec))
            else:
                self.out.append(_format(value, verb, spec))
        return i

    def argument_number(self, i: int) -> tuple[bool, int]:
        """`[n]` at i: switch to argument n (1-based); returns (found, index after it)."""
        text = self.format
        if i >= len(text) or text[i] != "[":
            return False, i
        self.reordered = True
        close = text.find("]", i + 1)
        if close < 0:
            self.good_index = False
            return False, i + 1
        digits = text[i + 1 : close]
        if digits.isdigit() and digits.isascii() and 1 <= int(digits) <= len(self.args):
            self.arg = int(digits) - 1
            return True, close + 1
        self.good_index = False
        return digits.isdigit() and digits.isascii(), close + 1

    def int_argument(self) -> int | None:
        """The argument a `*` takes: an integer within Go's bound, else None (BADWIDTH / BADPREC)."""
        if self.arg >= len(self.args):
            return None
        value = self.args[self.arg]
        self.arg += 1
        if not isinstance(value, int) or isinstance(value, bool) or abs(value) > MAX_WIDTH:
            return None
        return value


_OVERFLOW = -1


def _parse_number(text: str, i: int) -> tuple[int | None, int]:
    """Go's parsenum: decimal digits at i; a number past 1e6 is _OVERFLOW (Go then stops the format)."""
    number: int | None = None
    while i < len(text) and "0" <= text[i] <= "9":
        if number is not None and number > MAX_WIDTH:
            return _OVERFLOW, len(text)
        number = (number or 0) * 10 + int(text[i])
        i += 1
    return number, i


def go_syntax(value: object) -> str:
    """%#v: Go syntax for JSON-shaped values."""
    if missing(value):
        return "interface {}(nil)"
    if isinstance(value, str):
        return go_quote(value)
    if isinstance(value, Mapping):
        items = sorted(value.items(), key=lambda item: str(item[0]))
        inner = ", ".join(f"{go_quote(str(key))}:{go_syntax(item)}" for key, item in items)
        return "map[string]interface {}{" + inner + "}"
    if isinstance(value, list | tuple):
        return "[]interface {}{" + ", ".join(go_syntax(item) for item in value) + "}"
    return value_string(value)


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
    return charge(_format_value(value, verb, spec))


def _format_value(value: object, verb: str, spec: Spec) -> str:
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
        text = f"U+{number:04X}"
        if "#" in spec.flags and 0 <= number <= 0x10FFFF and chr(number).isprintable():
            text += f" '{chr(number)}'"
        return _pad(text, spec)
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
    sharp = "#" in spec.flags
    if verb in "vgG" and spec.precision is None:
        text = shortest_float(number, upper=verb == "G")
        if sharp:
            text = _keep_point(text, 6)
    else:
        precision = 6 if spec.precision is None else spec.precision
        text = format(number, f"{'#' if sharp else ''}.{precision}{verb.replace('F', 'f').replace('v', 'g')}")
    if not text.startswith("-"):
        text = ("+" if "+" in spec.flags else " " if " " in spec.flags else "") + text
    return _pad(text, spec, zero_ok=True)


def _keep_point(text: str, digits: int) -> str:
    """%#g without a precision: a decimal point always, and trailing zeros up to `digits` significant."""
    mantissa, marker, exponent = text.partition("e") if "e" in text else text.partition("E")
    count = sum(char.isdigit() for char in mantissa.lstrip("-+0.")) or 1
    if "." not in mantissa:
        mantissa += "."
    return mantissa + "0" * max(digits - count, 0) + marker + exponent


def _format_str(text: str, verb: str, spec: Spec) -> str:
    if verb in "vs":
        return _pad(text if spec.precision is None else text[: spec.precision], spec)
    if verb == "q":
        return _pad(_quote_flags(text, spec.flags), spec)
    if verb in "xX":
        data = text.encode()
        if spec.precision is not None:
            data = data[: spec.precision]
        return _pad(_hex_bytes(data, verb, spec.flags), spec)
    return _bad(text, verb)


def _quote_flags(text: str, flags: str) -> str:
    """%q, %+q (ASCII only, like strconv.QuoteToASCII) and %#q (backquoted when Go can)."""
    if "#" in flags and "`" not in text and "\ufeff" not in text and all(c == "\t" or c.isprintable() for c in text):
        return f"`{text}`"
    quoted = go_quote(text)
    if "+" not in flags:
        return quoted
    return "".join(
        char if char.isascii() else f"\\u{ord(char):04x}" if ord(char) < 0x10000 else f"\\U{ord(char):08x}"
        for char in quoted
    )


def _hex_bytes(data: bytes, verb: str, flags: str) -> str:
    """%x / %X of a string: `% x` spaces the bytes, `%#x` adds 0x (to each byte with the space flag)."""
    digits = [f"{byte:02x}" if verb == "x" else f"{byte:02X}" for byte in data]
    prefix = ("0x" if verb == "x" else "0X") if "#" in flags else ""
    if " " in flags:
        return " ".join(prefix + pair for pair in digits)
    return prefix + "".join(digits) if digits else ""
