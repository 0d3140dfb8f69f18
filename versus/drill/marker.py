"""How a request says it is a drill: `?drill=true` or `X-Versus-Drill: true`; `drill_page=true` (query or
`X-Versus-Drill-Page: true`) is a drill that really pages.

A header lets a drill reuse a route's generated webhook URL unchanged; the query string lets `curl` or
Alertmanager (which cannot set arbitrary headers) mark one.
"""

from collections.abc import Mapping
from dataclasses import dataclass

DRILL = "drill"
DRILL_PAGE = "drill_page"
DRILL_HEADER = "X-Versus-Drill"
DRILL_PAGE_HEADER = "X-Versus-Drill-Page"
_TRUE = frozenset({"1", "true", "yes", "on"})


@dataclass(frozen=True)
class DrillFlags:
    drill: bool
    page: bool


def drill_flags(query: Mapping[str, str], headers: Mapping[str, str]) -> DrillFlags:
    """A real-page request is a drill too: asking for a drill's page only makes sense for a drill."""
    page = _on(query.get(DRILL_PAGE)) or _on(headers.get(DRILL_PAGE_HEADER))
    drill = page or _on(query.get(DRILL)) or _on(headers.get(DRILL_HEADER))
    return DrillFlags(drill=drill, page=page)


def _on(value: str | None) -> bool:
    return value is not None and value.strip().lower() in _TRUE
