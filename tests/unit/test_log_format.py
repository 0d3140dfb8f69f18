"""`log.format: json`: one JSON object per line on stdout, with the traceback kept inside the line."""

import json
import logging

import pytest

from versus.config import parse_config
from versus.log_format import configure_logging


@pytest.fixture(autouse=True)
def _restore_logging():
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def test_json_lines_on_stdout(capsys):
    configure_logging("info", "json")
    log = logging.getLogger("versus.test")
    log.info("escalated incident %s", "abc")
    try:
        raise ValueError("boom")
    except ValueError:
        log.exception("failed")
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert (first["level"], first["logger"], first["message"]) == ("INFO", "versus.test", "escalated incident abc")
    assert first["time"].endswith("Z")
    assert "ValueError: boom" in second["exception"]


def test_text_is_the_default(capsys):
    configure_logging("info")
    logging.getLogger("versus.test").warning("plain")
    assert capsys.readouterr().out.rstrip().endswith("WARNING versus.test: plain")


def test_log_format_and_stop_grace_are_config_keys():
    config = parse_config("log: {format: json}\nstop_grace_seconds: 2", source="t", env={})
    assert (config.log.format, config.stop_grace_seconds) == ("json", 2)
    with pytest.raises(ValueError, match=r"log\.format"):
        parse_config("log: {format: xml}", source="t", env={})
