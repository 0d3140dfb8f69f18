"""Load and compile message templates (Go text/template or Jinja2 syntax) into one sandboxed engine.

Go-syntax templates are compiled to Jinja2 source once, at start-up, so a broken template stops the
service with a precise error instead of failing on the first alert; rendering then runs plain Jinja2.
"""

import logging
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import jinja2
from jinja2 import ChainableUndefined
from jinja2.sandbox import SandboxedEnvironment

from versus.notify.templates.codegen import ENV, ROOT, compile_go
from versus.notify.templates.errors import TemplateError
from versus.notify.templates.fallback import fallback_message
from versus.notify.templates.functions import field, go_date, go_out, go_raw, go_to_json, jinja_globals, range_items
from versus.notify.templates.limits import (
    MAX_OUTPUT_CHARS,
    RenderLimit,
    budget,
    range_number,
    repeat_length,
)
from versus.notify.templates.mrkdwn import Mrkdwn, escape, finalize

logger = logging.getLogger("versus.notify.templates")

Syntax = Literal["go", "jinja"]

_JINJA_ONLY = re.compile(r"\{%|\{#")
_GO_ONLY = re.compile(
    r"\{\{-?\s*(?:/\*|\.|\$|(?:end|range|if|else|with|define|template|block)\b)"
    r"|\{\{(?:(?!\}\}).)*?[\s(|](?:\.[A-Za-z_]|\.(?=[\s)|]|-?\}\})|\$)",
    re.DOTALL,
)


def _date_filter(value: object, layout: str) -> str:
    """Jinja spelling of sprig's date: `{{ startsAt | date("Jan 02, 2006") }}`."""
    return go_date(layout, value)


MAX_POWER = 1000
"""Jinja `x ** n`: a larger exponent could build a number of unbounded size."""


class _Environment(SandboxedEnvironment):
    """The sandbox, plus the rendering bounds for what Jinja does natively: `*` repeats and `**`."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for sequence, count in ((left, right), (right, left)):
                if isinstance(sequence, str | list | tuple) and isinstance(count, int):
                    repeat_length(len(sequence), count)
        elif operator == "**" and isinstance(right, int) and abs(right) > MAX_POWER:
            raise RenderLimit(f"a power with an exponent above {MAX_POWER}")
        return super().call_binop(context, operator, left, right)


def _environment() -> SandboxedEnvironment:
    environment = _Environment(
        undefined=ChainableUndefined,
        autoescape=False,
        finalize=finalize,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.loopcontrols"],
    )
    environment.globals.update(go_field=field, go_range=range_items, go_out=go_out, go_text=Mrkdwn, raw=go_raw)
    environment.globals.update(jinja_globals())
    environment.globals["range"] = _bounded_range
    environment.filters.update(date=_date_filter, toJson=go_to_json, raw=go_raw)
    return environment


def _bounded_range(*args: int) -> range:
    """Jinja's `range()`, at most MAX_RANGE_NUMBER long (the sandbox alone allows 100,000)."""
    numbers = range(*args)
    range_number(len(numbers))
    return numbers


_ENVIRONMENT = _environment()


def detect_syntax(source: str) -> Syntax:
    """Go if an action uses a Go-only form (`{{ .x`, `$x`, `{{ end }}`, `{{/* */}}`, a bare `.` …), since
    none of those is valid Jinja; Jinja when it has `{% %}`/`{# #}`; otherwise, for `{{ }}` actions only,
    Jinja if Jinja can parse it and Go if not (`{{ env "TEAM" }}`). Plain text is Go (it renders the
    same either way)."""
    if _GO_ONLY.search(source):
        return "go"
    if _JINJA_ONLY.search(source):
        return "jinja"
    if "{{" not in source:
        return "go"
    try:
        _ENVIRONMENT.parse(source)
    except jinja2.TemplateSyntaxError:
        return "go"
    return "jinja"


class MessageTemplate:
    """A compiled template. `render` never raises: a failure is logged and the built-in message sent."""

    def __init__(
        self, name: str, syntax: Syntax, jinja_source: str, template: jinja2.Template, env: Mapping[str, str]
    ) -> None:
        self.name = name
        self.syntax = syntax
        self.jinja_source = jinja_source
        self._template = template
        self._env = dict(env)

    def render(self, data: Mapping[str, Any]) -> str:
        try:
            return self._render(data)
        except RenderLimit as limit:
            logger.warning("template %s not used: %s; sending the built-in message instead", self.name, limit)
            reason = f"⚠️ The message template was not used: {escape(str(limit))}."
            return fallback_message(data) + "\n" + reason
        except Exception:
            logger.exception("template %s failed to render; sending the built-in message instead", self.name)
            return fallback_message(data)

    def _render(self, data: Mapping[str, Any]) -> str:
        context = {ROOT: data, ENV: self._env} if self.syntax == "go" else dict(data)
        out: list[str] = []
        size = 0
        with budget():
            for chunk in self._template.generate(context):
                size += len(chunk)
                if size > MAX_OUTPUT_CHARS:
                    raise RenderLimit(f"the message passed {MAX_OUTPUT_CHARS:,} characters")
                out.append(chunk)
        return "".join(out)

    def __repr__(self) -> str:
        return f"MessageTemplate(name={self.name!r}, syntax={self.syntax!r})"


def compile_template(
    source: str,
    *,
    name: str,
    syntax: str = "auto",
    functions: str = "versus",
    env: Mapping[str, str] | None = None,
) -> MessageTemplate:
    """Compile template text. `syntax` is "go", "jinja" or "auto" (see `detect_syntax`); `functions`
    ("versus" or "sprig") chooses the argument orders of Go syntax; `env` holds what `env` may read."""
    if syntax not in ("go", "jinja", "auto"):
        raise ValueError(f"template syntax must be go, jinja or auto, not {syntax!r}")
    if functions not in ("versus", "sprig"):
        raise ValueError(f"template functions must be versus or sprig, not {functions!r}")
    chosen: Syntax = detect_syntax(source) if syntax == "auto" else "go" if syntax == "go" else "jinja"
    jinja_source = compile_go(source, name, functions) if chosen == "go" else source
    try:
        template = _ENVIRONMENT.from_string(jinja_source)
    except jinja2.TemplateSyntaxError as error:
        if chosen == "go":
            raise TemplateError(name, 1, f"internal error compiling to Jinja2: {error.message}") from error
        raise TemplateError(name, error.lineno, error.message or "syntax error") from error
    return MessageTemplate(name, chosen, jinja_source, template, env or {})


def load_template(
    path: Path, syntax: str = "auto", functions: str = "versus", env: Mapping[str, str] | None = None
) -> MessageTemplate:
    """Read and compile a template file; any problem is a TemplateError naming the file and line."""
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise TemplateError(str(path), 1, f"cannot read template: {error}") from error
    return compile_template(source, name=str(path), syntax=syntax, functions=functions, env=env)
