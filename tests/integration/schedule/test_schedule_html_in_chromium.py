"""The HTML calendar opened in headless Chromium: it renders, at the asked size, and is not blank.

A screenshot is the cheapest proof that the page needs no script and no network: Chromium runs with
networking features off and the file is loaded from disk. The PNG is read with zlib alone (no imaging
library), enough to check the size and count the colours on screen.
"""

import colorsys
import re
import struct
import subprocess
import zlib
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from tests.support.chromium import headless_chromium
from versus.schedule import render_calendar

SEED = Path(__file__).resolve().parents[3] / "examples" / "seed-teams.yaml"
WIDTH, HEIGHT = 1400, 1000


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and unfiltered rows of an 8-bit RGB or RGBA, non-interlaced PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, idat, header = 8, b"", b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        position += 12 + length
    width, height, depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour_type in (2, 6) and interlace == 0, "unexpected PNG format"
    channels = 3 if colour_type == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        if kind == 1:
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 0xFF
        elif kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, previous, strict=True))
        elif kind == 3:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = line[i - channels] if i >= channels else 0
                b, c = previous[i], previous[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                predictor = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + predictor) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, rows


def legend_colours(html: str) -> list[tuple[int, int, int]]:
    """The RGB of each person's swatch, from the `hsl(h s% l%)` the page declares."""
    found = re.findall(r'class="swatch" style="background: hsl\((\d+) (\d+)% (\d+)%\)"', html)
    colours = []
    for hue, saturation, lightness in found:
        red, green, blue = colorsys.hls_to_rgb(int(hue) / 360, int(lightness) / 100, int(saturation) / 100)
        colours.append((round(red * 255), round(green * 255), round(blue * 255)))
    return colours


def near(colour: bytes, wanted: tuple[int, int, int], tolerance: int = 4) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour, wanted, strict=True))


def distinct_colours(rows: list[bytes], channels: int = 4, step: int = 3) -> set[bytes]:
    return {row[x : x + 3] for row in rows[::step] for x in range(0, len(row), channels * step)}


@pytest.mark.needs_binary("chromium")
def test_calendar_page_renders_in_headless_chromium(tmp_path: Path):
    seed = yaml.safe_load(SEED.read_text())
    rotations = [r for team in seed["teams"] for r in team["rotations"]]
    start = datetime(2026, 12, 14, tzinfo=ZoneInfo("America/New_York"))
    page = tmp_path / "calendar.html"
    html = render_calendar(
        seed["people"], rotations, start, 21, "html", now=datetime(2026, 12, 15, 10, tzinfo=start.tzinfo)
    )
    page.write_text(html)
    shot = tmp_path / "shot.png"
    subprocess.run(
        headless_chromium(
            tmp_path / "profile", f"--screenshot={shot}", f"--window-size={WIDTH},{HEIGHT}", page.as_uri()
        ),
        check=True,
        capture_output=True,
        timeout=120,
    )
    width, height, rows = png_pixels(shot.read_bytes())
    assert (width, height) == (WIDTH, HEIGHT)
    channels = len(rows[0]) // width
    colours = distinct_colours(rows, channels)
    # white page, ink, grid rules and one colour per person on screen: far more than a blank page's one
    assert len(colours) > 20
    legend = legend_colours(html)
    assert len(legend) == 9  # platform (alice, bob, carol, dave, erin, frank) and application (3)
    on_screen = [wanted for wanted in legend if any(near(c, wanted) for c in colours)]
    assert len(on_screen) == len(legend), "every person's colour is visible in the legend and the grid"
