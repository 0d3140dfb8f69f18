"""The console's Jinja2 environment: autoescaped templates, and the filters they share."""

from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

_ENV = Environment(
    loader=PackageLoader("versus.console", "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def iso(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def when(ms: int | datetime | None) -> Markup:
    """A <time> the script rewrites into the viewer's time zone; UTC stays in the text until then and on hover."""
    if ms is None:
        return Markup("")
    if isinstance(ms, datetime):
        ms = int(ms.timestamp() * 1000)
    text = iso(ms)
    return Markup('<time datetime="{0}" title="{1}" class="local">{1}</time>').format(text, text.replace("T", " "))


def countdown(ms: int) -> Markup:
    """Time left until `ms`, counted down live by the script."""
    return Markup('<span class="countdown" data-due="{0}">{1}</span>').format(ms, "due " + iso(ms).replace("T", " "))


def query(values: dict[str, Any]) -> str:
    return urlencode(values)


_ENV.filters.update(when=when, countdown=countdown, query=query, iso=iso)


def render(name: str, **context: Any) -> str:
    return _ENV.get_template(name).render(**context)
