"""Notification templates: Jinja2 in a sandbox, and Go text/template syntax compiled to it.

    template = load_template(Path("config/slack_message.tmpl"))   # TemplateError at start-up
    text = template.render(payload)                                 # never raises

Everything a template prints is escaped for Slack mrkdwn (`raw` opts out, see `mrkdwn`), and each
rendering is bounded (see `limits`). `DEFAULT_TEMPLATE` is used when no template_path is configured.
"""

from versus.notify.templates.default import DEFAULT_SOURCE
from versus.notify.templates.errors import TemplateError
from versus.notify.templates.fallback import fallback_message
from versus.notify.templates.loader import (
    MessageTemplate,
    Syntax,
    compile_template,
    detect_syntax,
    load_template,
)

DEFAULT_TEMPLATE: MessageTemplate = compile_template(DEFAULT_SOURCE, name="<default template>", syntax="go")

__all__ = [
    "DEFAULT_TEMPLATE",
    "MessageTemplate",
    "Syntax",
    "TemplateError",
    "compile_template",
    "detect_syntax",
    "fallback_message",
    "load_template",
]
