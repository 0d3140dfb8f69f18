"""Headless Chromium as the tests run it: no sandbox (containers), no GPU, no background network."""

from pathlib import Path

from tests.support.binaries import require_binary


def headless_chromium(profile: Path, *args: str) -> list[str]:
    """The command line: Chromium (skipped on a laptop without it, failed in CI), its quiet flags, `args`."""
    return [
        require_binary("chromium"),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        *args,
    ]
