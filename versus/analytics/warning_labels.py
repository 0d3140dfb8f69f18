"""Which query parameter an intake warning is about, as a bounded metric label.

The decision module words its warnings for people ("oncall_wait_minutes='soon' is not a non-negative
number ..."); the metric needs the parameter's name. Known parameter names are kept; a warning about a
parameter Versus does not know becomes "unknown", because that name comes from a URL and is unbounded.
"""

import re

from versus.oncall.decision import KNOWN_PARAMETERS

UNKNOWN_PARAMETER = "unknown"
_LEADING_NAME = re.compile(r"^([a-z_]+)=")


def warning_parameter(warning: str) -> str:
    found = _LEADING_NAME.match(warning)
    if found and found.group(1) in KNOWN_PARAMETERS:
        return found.group(1)
    return UNKNOWN_PARAMETER
