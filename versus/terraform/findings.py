"""What an offline check reports: a problem and exactly where it is."""

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Finding:
    path: Path
    line: int
    address: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.address}: {self.message}"
