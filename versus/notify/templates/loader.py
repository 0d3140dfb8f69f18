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

from versus.notify.templates.codegen import ROOT, compile_go
from versus.notify.templates.errors import TemplateError
from versus.notify.templates.fallback import fallback_message
from versus.notify.templates.functions import FUNCTIONS, field, go_date, go_out, go_raw, go_to_json, range_items
from versus.notify.templates.mrkdwn import Mrkdwn, finalize

logger = logging.getLogger("versus.notify.templates")

Syntax = Literal["go", "jinja"]

_JINJA_ONLY = re.compile(r"\{%|\{#")
_GO_ONLY = re.compile(
    r"\{\{-?\s*(?:/\*|\.|\$|(?:end|range|if|else|with|define|template|block)\b)"
    r"|\{\{(?:(?!\}\}).)*?[\s(|](?:\.[A-Za-z_]|\$)",
    re.DOTALL,
)


def _date_filter(value: object, layout: str) -> str:
    """Jinja spelling of sprig's date: `{{ startsAt | date("Jan 02, 2006") }}`."""
    return go_date(layout, value)


def _environment() -> SandboxedEnvironment:
    environment = SandboxedEnvironment(
        undefined=ChainableUndefined,
        autoescape=False,
        finalize=finalize,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.loopcontrols"],
    )
    environment.globals.update(go_field=field, go_range=range_items, go_out=go_out, go_text=Mrkdwn, raw=go_raw)
    environment.globals.update(
        {f"fn_{name}": function.call for name, function in FUNCTIONS.items() if function.call is not None}
    )
    environment.filters.update(date=_date_filter, toJson=go_to_json, raw=go_raw)
    return environment


_ENVIRONMENT = _environment()


def detect_syntax(source: str) -> Syntax:
    """Go if an action uses a Go-only form (`{{ .x`, `$x`, `{{ end }}`, `{{/* */}}` …), since none of
    those is valid Jinja; otherwise Jinja when it has any `{{ }}`/`{% %}`/`{# #}`. Plain text is Go
    (it renders the same either way)."""
    if _GO_ONLY.search(source):
        return "go"
    if _JINJA_ONLY.search(source) or "{{" in source:
        return "jinja"
    return "go"


class MessageTemplate:
    """A compiled template. `render` never raises: a failure is logged and the built-in message sent."""

    def __init__(self, name: str, syntax: Syntax, jinja_source: str, template: jinja2.Template) -> None:
        self.name = name
        self.syntax = syntax
        self.jinja_source = jinja_source
        self._template = template

    def render(self, data: Mapping[str, Any]) -> str:
        try:
            context = {ROOT: data} if self.syntax == "go" else dict(data)
            return self._template.render(context)
        except Exception:
            logger.exception("template %s failed to render; sending the built-in message instead", self.name)
            return fallback_message(data)

    def __repr__(self) -> str:
        return f"MessageTemplate(name={self.name!r}, syntax={self.syntax!r})"


def compile_template(source: str, *, name: str, syntax: str = "auto") -> MessageTemplate:
    """Compile template text. `syntax` is "go", "jinja" or "auto" (see `detect_syntax`)."""
    if syntax not in ("go", "jinja", "auto"):
        raise ValueError(f"template syntax must be go, jinja or auto, not {syntax!r}")
    chosen: Syntax = detect_syntax(source) if syntax == "auto" else "go" if syntax == "go" else "jinja"
    jinja_source = compile_go(source, name) if chosen == "go" else source
    try:
        template = _ENVIRONMENT.from_string(jinja_source)
    except jinja2.TemplateSyntaxError as error:
        if chosen == "go":
            raise TemplateError(name, 1, f"internal error compiling to Jinja2: {error.message}") from error
        raise TemplateError(name, error.lineno, error.message or "syntax error") from error
    return MessageTemplate(name, chosen, jinja_source, template)


def load_template(path: Path, syntax: str = "auto") -> MessageTemplate:
    """Read and compile a template file; any problem is a TemplateError naming the file and line."""
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise TemplateError(str(path), 1, f"cannot read template: {error}") from error
    return compile_template(source, name=str(path), syntax=syntax)
