"""The HTML report opened from disk in headless Chromium: it renders its SVG charts with no script or network."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import SEED_SPEC
from tests.integration.analytics.recorded_history import write_history
from tests.integration.schedule.test_schedule_html_in_chromium import distinct_colours, near, png_pixels
from tests.support.binaries import require_binary
from versus.analytics.svg_charts import PALETTE

WIDTH, HEIGHT = 1200, 1600


def chromium_args(chromium: str, tmp_path: Path) -> list[str]:
    return [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]  # fmt: skip


@pytest.mark.needs_binary("chromium")
def test_html_report_shows_its_charts_in_headless_chromium(tmp_path, redis_url, key_prefix):
    chromium = require_binary("chromium")
    write_history(redis_url, key_prefix)
    config = tmp_path / "config.yaml"
    config.write_text(yaml.safe_dump({"redis": {"url": redis_url, "key_prefix": key_prefix}}))
    page = tmp_path / "report.html"
    subprocess.run(
        [sys.executable, "-m", "versus", "report", "--config", str(config), "--since", "2026-01-05",
         "--until", "2026-01-12", "--format", "html", "--spec", str(SEED_SPEC), "--out", str(page)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    html = page.read_text()
    assert "<script" not in html and not re.search(r"""(src|href)=["']?(https?:)?//""", html), "self-contained"

    dom = subprocess.run(
        [*chromium_args(chromium, tmp_path), "--dump-dom", page.as_uri()],
        check=True, capture_output=True, text=True, timeout=120,
    ).stdout  # fmt: skip
    titles = re.findall(r'<svg[^>]*aria-label="([^"]+)"', dom)
    assert titles == [
        "Incidents by severity", "Top 10 services", "Time to acknowledge", "Time to resolve",
        "Time to acknowledge by on-call person", "On-call hours per person", "On-call hours per person",
    ]  # fmt: skip
    assert dom.count("<rect") > 30

    shot = tmp_path / "shot.png"
    subprocess.run(
        [*chromium_args(chromium, tmp_path), f"--screenshot={shot}", f"--window-size={WIDTH},{HEIGHT}", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    width, height, rows = png_pixels(shot.read_bytes())
    assert (width, height) == (WIDTH, HEIGHT)
    colours = distinct_colours(rows, len(rows[0]) // width)
    assert len(colours) > 20, "a blank page has one colour"
    for hex_colour in PALETTE[:2]:  # median and p90 bars; the burden chart (third colour) is below the fold
        wanted = tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
        assert any(near(c, wanted) for c in colours), f"bars in {hex_colour} are on screen"
