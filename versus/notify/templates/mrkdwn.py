"""Slack mrkdwn escaping for everything a template prints.

Slack reads `<…>` as a control sequence (`<!channel>`, `<!here>`, `<@U123>`, `<url|text>`) and `&` as the
start of an entity, so a value taken from alert data is escaped (`&` `<` `>`) before it reaches a message.
Template text is the author's and goes out as written; a value the author knows is mrkdwn is printed
raw by passing it through `raw` as the last step (`{{ raw .x }}` / `{{ .x | raw }}`), which wraps it
in `Mrkdwn`.
"""

from typing import Any

from jinja2 import Undefined


class Mrkdwn(str):
    """Text that is already Slack mrkdwn and is printed as it is (template text, `raw`, escaped output)."""

    __slots__ = ()


def escape(text: str) -> str:
    """Slack's three control characters; anything else in mrkdwn is shown as written."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def finalize(value: Any) -> str:
    """Jinja's `finalize`: every `{{ … }}` is escaped unless it is `Mrkdwn`; undefined and None are ""."""
    if isinstance(value, Mrkdwn):
        return value
    if value is None or isinstance(value, Undefined):
        return ""
    return escape(str(value))
