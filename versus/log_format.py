"""Where and how the receiver logs: to stdout, as text lines or as one JSON object per line (`log.format`).

JSON lines suit log collectors (CloudWatch Logs, Loki, …) that index fields; each line carries the time
(UTC, ISO 8601), level, logger, message and, for an exception, its traceback as one string.
"""

import json
import logging
import sys
from datetime import UTC, datetime
from typing import TextIO

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


class _StdoutHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to the sys.stdout of the moment a record is emitted, not of the moment logging was set up: a
    caller that swaps stdout (an embedding program, a test capturing output) then closes it, breaks nothing."""

    @property  # type: ignore[override]
    def stream(self) -> TextIO:
        return sys.stdout

    @stream.setter
    def stream(self, _: TextIO) -> None:
        """StreamHandler sets its stream; this one has none of its own."""


def configure_logging(level: str, log_format: str = "text") -> None:
    """Send every log record to stdout in `log_format` ("text" or "json"), replacing earlier handlers."""
    handler = _StdoutHandler()
    handler.setFormatter(JsonFormatter() if log_format == "json" else logging.Formatter(TEXT_FORMAT))
    logging.basicConfig(level=level.upper(), handlers=[handler], force=True)
