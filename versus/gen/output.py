"""Where generated text goes: a file (written only when its bytes change) or standard output."""

from __future__ import annotations

import sys
from pathlib import Path


def write_output(text: str, path: Path | None) -> None:
    if path is None:
        sys.stdout.write(text)
        return
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
