"""Where generated text goes: a file (written only when its bytes change) or standard output."""

from __future__ import annotations

import sys
from pathlib import Path

from versus.file_errors import describe
from versus.gen.problems import InputError, Problem


def write_output(text: str, path: Path | None) -> None:
    if path is None:
        sys.stdout.write(text)
        return
    data = text.encode("utf-8")
    try:
        if not path.is_file() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    except OSError as error:
        problem = Problem(str(path), "", f"cannot write ({describe(error)}); choose another -o path")
        raise InputError([problem]) from None
