"""Problems found in a file, each pinned to a key path, so a reader can go straight to the line at fault."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One finding: where (file and key path), what, and whether it blocks."""

    source: str
    path: str
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        separator = "" if self.path.startswith("[") else ": "
        where = f"{self.source}{separator}{self.path}" if self.path else self.source
        return f"{where}: {self.severity.value}: {self.message}"


def key_path(parts: Iterable[str | int]) -> str:
    """`["teams", 1, "routes", 0, "wait_minutes"]` -> `teams[1].routes[0].wait_minutes`."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


class InputError(Exception):
    """An input file (spec, config, Terraform outputs) is unusable; carries every problem, not just the first."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class SpecError(InputError):
    """The team spec is unusable."""
