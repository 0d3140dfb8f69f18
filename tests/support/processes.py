"""The process tree under a pid, read from /proc, so a test can check that no child outlives its parent."""

import time
from pathlib import Path


def _parent(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name (field 2) is in parentheses and may hold spaces; the parent pid follows it.
    return int(stat.rsplit(")", 1)[1].split()[1])


def descendants(pid: int) -> dict[int, str]:
    """Every live process below `pid` (children, grandchildren, …), with its command line."""
    parents = {int(p.name): _parent(int(p.name)) for p in Path("/proc").iterdir() if p.name.isdigit()}
    found: dict[int, str] = {}
    frontier = [pid]
    while frontier:
        current = frontier.pop()
        for child, parent in parents.items():
            if parent == current and child not in found:
                found[child] = command_line(child)
                frontier.append(child)
    return found


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return ""


def alive(pids: dict[int, str]) -> dict[int, str]:
    """Those of `pids` still running as the same program (a reused pid has another command line); zombies
    count as gone."""
    living = {}
    for pid, cmd in pids.items():
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z" and command_line(pid) == cmd:
            living[pid] = cmd
    return living


def wait_gone(pids: dict[int, str], timeout: float = 10.0) -> dict[int, str]:
    """Wait until none of `pids` runs; return those still running at the timeout."""
    deadline = time.monotonic() + timeout
    while (left := alive(pids)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left
