"""Tokenizer for Go text/template source.

It follows the Go lexer's rules (text/template/parse/lex.go) closely where they decide what a template
means: trim markers need a space (`{{- ` and ` -}}`, so `{{-3}}` is the number -3), a comment must
follow the opening delimiter directly and end right before the closing one, newlines are allowed
inside actions, and a field chain (`.a.b`, `$x.a`) is one token only when written without spaces.
"""

import enum
import re
from dataclasses import dataclass

from versus.notify.templates.errors import TemplateError

_SPACE = " \t\r\n"
_NUMBER = re.compile(
    r"[+-]?(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+"
    r"|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d+)?)"
)
_SIMPLE_ESCAPES = {
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "v": "\v",
    "\\": "\\",
    "'": "'",
    '"': '"',
}
_HEX_ESCAPE_LENGTH = {"x": 2, "u": 4, "U": 8}


class Kind(enum.Enum):
    TEXT = "text"
    LEFT = "{{"
    RIGHT = "}}"
    FIELD = "field"
    VARIABLE = "variable"
    DOT = "."
    IDENT = "identifier"
    STRING = "string"
    NUMBER = "number"
    BOOL = "bool"
    NIL = "nil"
    PIPE = "|"
    LPAREN = "("
    RPAREN = ")"
    DECLARE = ":="
    ASSIGN = "="
    COMMA = ","
    EOF = "end of template"


_PUNCTUATION = {"|": Kind.PIPE, "(": Kind.LPAREN, ")": Kind.RPAREN, ",": Kind.COMMA, "=": Kind.ASSIGN}


@dataclass(frozen=True)
class Token:
    """One lexical item. `value` depends on the kind: text, identifier name, decoded literal,
    field path (tuple of names) or, for variables, (name, field path)."""

    kind: Kind
    value: object
    line: int
    space_before: bool = False


class _Lexer:
    def __init__(self, source: str, name: str) -> None:
        self.src = source
        self.name = name
        self.pos = 0
        self.line = 1
        self.tokens: list[Token] = []
        self.trim_next_text = False

    def error(self, message: str, line: int | None = None) -> TemplateError:
        return TemplateError(self.name, self.line if line is None else line, message)

    def advance(self, count: int) -> None:
        self.line += self.src.count("\n", self.pos, self.pos + count)
        self.pos += count

    def run(self) -> list[Token]:
        while self.pos < len(self.src):
            start = self.src.find("{{", self.pos)
            end = len(self.src) if start < 0 else start
            text = self.src[self.pos : end]
            trim_left = start >= 0 and self.src.startswith("-", start + 2) and self._space_at(start + 3)
            if self.trim_next_text:
                text = text.lstrip(_SPACE)
            if trim_left:
                text = text.rstrip(_SPACE)
            if text:
                self.tokens.append(Token(Kind.TEXT, text, self.line))
            self.advance(end - self.pos)
            self.trim_next_text = False
            if start >= 0:
                self.lex_action(trim_left)
        self.tokens.append(Token(Kind.EOF, None, self.line))
        return self.tokens

    def _space_at(self, index: int) -> bool:
        return index < len(self.src) and self.src[index] in _SPACE

    def lex_action(self, trim_left: bool) -> None:
        action_line = self.line
        self.advance(4 if trim_left else 2)
        if self.src.startswith("/*", self.pos):
            self.lex_comment(action_line)
            return
        self.tokens.append(Token(Kind.LEFT, None, action_line))
        space = trim_left
        while True:
            if self.pos >= len(self.src):
                raise self.error("unclosed action", action_line)
            char = self.src[self.pos]
            if char in _SPACE:
                self.advance(1)
                space = True
                continue
            if self.src.startswith("}}", self.pos) or (space and self.src.startswith("-}}", self.pos)):
                self.trim_next_text = char == "-"
                self.advance(3 if char == "-" else 2)
                self.tokens.append(Token(Kind.RIGHT, None, self.line, space))
                return
            self.lex_item(space)
            space = False

    def lex_comment(self, action_line: int) -> None:
        close = self.src.find("*/", self.pos + 2)
        if close < 0:
            raise self.error("unclosed comment", action_line)
        self.advance(close + 2 - self.pos)
        if self.src.startswith("}}", self.pos):
            self.advance(2)
        elif self.src.startswith(" -}}", self.pos):
            self.advance(4)
            self.trim_next_text = True
        else:
            raise self.error("comment ends before closing delimiter")

    def emit(self, kind: Kind, value: object, length: int, space: bool) -> None:
        self.tokens.append(Token(kind, value, self.line, space))
        self.advance(length)

    def lex_item(self, space: bool) -> None:
        src, pos = self.src, self.pos
        char = src[pos]
        if src.startswith(":=", pos):
            self.emit(Kind.DECLARE, None, 2, space)
        elif char in _PUNCTUATION:
            self.emit(_PUNCTUATION[char], None, 1, space)
        elif char == '"':
            self.lex_quoted(space)
        elif char == "`":
            close = src.find("`", pos + 1)
            if close < 0:
                raise self.error("unterminated raw quoted string")
            self.emit(Kind.STRING, src[pos + 1 : close], close + 1 - pos, space)
        elif char == "'":
            self.lex_char(space)
        elif char == "$":
            name_end = self._ident_end(pos + 1)
            fields, end = self._fields(name_end)
            self.emit(Kind.VARIABLE, (src[pos:name_end], fields), end - pos, space)
        elif char == "." and not src[pos + 1 : pos + 2].isdigit():
            fields, end = self._fields(pos)
            if fields:
                self.emit(Kind.FIELD, fields, end - pos, space)
            else:
                self.emit(Kind.DOT, None, 1, space)
        elif char.isdigit() or char in "+-.":
            self.lex_number(space)
        elif char.isalpha() or char == "_":
            end = self._ident_end(pos)
            word = src[pos:end]
            if word in ("true", "false"):
                self.emit(Kind.BOOL, word == "true", end - pos, space)
            elif word == "nil":
                self.emit(Kind.NIL, None, end - pos, space)
            else:
                self.emit(Kind.IDENT, word, end - pos, space)
        else:
            raise self.error(f"unexpected {char!r} in command")

    def _ident_end(self, pos: int) -> int:
        while pos < len(self.src) and (self.src[pos].isalnum() or self.src[pos] == "_"):
            pos += 1
        return pos

    def _fields(self, pos: int) -> tuple[tuple[str, ...], int]:
        """Read `.a.b.c` starting at pos; stops before a `.` that does not start a name."""
        names: list[str] = []
        while self.src.startswith(".", pos):
            end = self._ident_end(pos + 1)
            if end == pos + 1 or self.src[pos + 1].isdigit():
                break
            names.append(self.src[pos + 1 : end])
            pos = end
        return tuple(names), pos

    def lex_number(self, space: bool) -> None:
        match = _NUMBER.match(self.src, self.pos)
        if match is None:
            raise self.error(f"bad number syntax: {self.src[self.pos : self.pos + 8]!r}")
        text, after = match.group(0), match.end()
        if after < len(self.src) and (self.src[after].isalnum() or self.src[after] in "._"):
            raise self.error(f"bad number syntax: {self.src[self.pos : self._ident_end(after)]!r}")
        self.emit(Kind.NUMBER, _parse_number(text), len(text), space)

    def lex_quoted(self, space: bool) -> None:
        pos = self.pos + 1
        while True:
            if pos >= len(self.src) or self.src[pos] == "\n":
                raise self.error("unterminated quoted string")
            if self.src[pos] == "\\":
                pos += 2
                continue
            if self.src[pos] == '"':
                break
            pos += 1
        value = self._unescape(self.src[self.pos + 1 : pos])
        self.emit(Kind.STRING, value, pos + 1 - self.pos, space)

    def lex_char(self, space: bool) -> None:
        pos = self.pos + 1
        while pos < len(self.src) and self.src[pos] not in "'\n":
            pos += 2 if self.src[pos] == "\\" else 1
        if pos >= len(self.src) or self.src[pos] != "'":
            raise self.error("unterminated character constant")
        value = self._unescape(self.src[self.pos + 1 : pos])
        if len(value) != 1:
            raise self.error(f"malformed character constant: {self.src[self.pos : pos + 1]}")
        self.emit(Kind.NUMBER, ord(value), pos + 1 - self.pos, space)

    def _unescape(self, body: str) -> str:
        """Decode Go escapes. \\x and octal escapes are bytes in Go, so the result is built as UTF-8."""
        out = bytearray()
        index = 0
        while index < len(body):
            char = body[index]
            if char != "\\":
                out += char.encode()
                index += 1
                continue
            code = body[index + 1 : index + 2]
            if code in _SIMPLE_ESCAPES:
                out += _SIMPLE_ESCAPES[code].encode()
                index += 2
            elif code in _HEX_ESCAPE_LENGTH:
                digits = body[index + 2 : index + 2 + _HEX_ESCAPE_LENGTH[code]]
                if len(digits) != _HEX_ESCAPE_LENGTH[code] or not _is_hex(digits):
                    raise self.error(f"invalid escape \\{code}{digits} in quoted string")
                number = int(digits, 16)
                if code == "x":
                    out.append(number)
                elif number > 0x10FFFF or 0xD800 <= number <= 0xDFFF:
                    raise self.error(f"invalid Unicode code point \\{code}{digits}")
                else:
                    out += chr(number).encode()
                index += 2 + len(digits)
            elif code in "01234567" and code and _is_octal(body[index + 1 : index + 4]):
                number = int(body[index + 1 : index + 4], 8)
                if number > 255:
                    raise self.error(f"octal escape value > 255: \\{body[index + 1 : index + 4]}")
                out.append(number)
                index += 4
            else:
                raise self.error(f"unknown escape sequence \\{code}")
        return out.decode("utf-8", errors="replace")


def _is_hex(text: str) -> bool:
    return all(char in "0123456789abcdefABCDEF" for char in text)


def _is_octal(text: str) -> bool:
    return len(text) == 3 and all(char in "01234567" for char in text)


def _parse_number(text: str) -> int | float:
    digits = text.replace("_", "")
    unsigned = digits.lstrip("+-")
    if re.fullmatch(r"0[0-7]+", unsigned):
        return int(digits[: len(digits) - len(unsigned)] + "0o" + unsigned[1:], 0)
    try:
        return int(digits, 0)
    except ValueError:
        return float(digits)


def tokenize(source: str, name: str) -> list[Token]:
    """Split Go template source into tokens, applying trim markers and dropping comments."""
    return _Lexer(source, name).run()
