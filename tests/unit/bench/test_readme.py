"""The README's Performance table is a pure function of the benchmark history; the committed README matches it."""

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
_spec = importlib.util.spec_from_file_location("bench_readme", ROOT / "scripts" / "bench" / "readme.py")
assert _spec is not None and _spec.loader is not None
readme = sys.modules["bench_readme"] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(readme)

MACHINE = {"nproc": 2, "cpu": "AMD EPYC", "ram_gib": 23.5, "python": "3.11.7"}


def merged(throughput_ratio: float, claim_p99_s: float, smoke: bool = False) -> dict:
    return {
        "date": "2026-11-30 02:30 UTC",
        "machine": MACHINE,
        "smoke": smoke,
        "load_average_start": [5.5, 6.0, 7.0],
        "load_average_end": [4.25, 5.0, 6.0],
        "scripts": {
            "intake": {"throughput_ratio": throughput_ratio, "versus": {"constant_rate": [
                {"rate": 500, "p99_ms": 3.0}, {"rate": 1000, "p99_ms": 7.5}]}},
            "escalations": {"lateness": {"claim_p99_s": claim_p99_s}},
        },
        "skipped": {"storm": "scripts/bench/storm.py is not in this checkout"},
        "failed": {},
    }  # fmt: skip


SEED = {"runs": [{"date": "2026-11-26", "machine": "seed", "figures": {
    "intake.throughput_ratio": 0.32, "escalations.claim_p99_s": 0.83, "generator.config_s": 5.68}}]}  # fmt: skip


def rows(block: str) -> dict[str, list[str]]:
    table = [line.strip("|").split(" | ") for line in block.splitlines() if line.startswith("| ")]
    return {cells[0].strip(): [cell.strip() for cell in cells[1:]] for cells in table[1:]}


def test_figures_are_read_from_each_script_and_unmeasured_ones_left_out():
    figures = readme.figures_of(merged(0.41, 0.5))
    assert figures == {"intake.throughput_ratio": 0.41, "intake.p99_ms_1000": 7.5, "escalations.claim_p99_s": 0.5}


def test_table_gives_the_first_recorded_value_as_baseline_and_the_newest_with_its_change():
    history = readme.record(readme.record(SEED, merged(0.35, 0.9)), merged(0.41, 0.5))
    assert len(history["runs"]) == 3 and len(SEED["runs"]) == 1
    block = readme.render(history)
    assert block.startswith(readme.BEGIN) and block.endswith(readme.END)
    assert 'Newest run: 2026-11-30 02:30 UTC on 2 cores (`nproc`), CPU "AMD EPYC", 23.5 GiB RAM' in block
    assert "load average 5.5 at the start, 4.25 at the end" in block
    table = rows(block)
    throughput = table["intake requests/s / the bare handler's, same run"]
    assert throughput == ["0.32× (2026-11-26)", "0.41×", "+28 % (better)"]
    lateness = table["escalation lateness, 10,000 due in one second: claim p99"]
    assert lateness == ["0.83 s (2026-11-26)", "0.50 s", "−40 % (better)"]
    config = table["`versus-gen config`, 1,000 teams"]
    assert config == ["5.68 s (2026-11-26)", "5.68 s (2026-11-26)", "="]
    assert table["intake p99 at 1,000 requests/s (open loop)"] == ["7.50 ms (2026-11-30)", "7.50 ms", "="]


def test_a_regression_is_marked_worse():
    table = rows(readme.render(readme.record(SEED, merged(0.2, 1.2))))
    assert table["intake requests/s / the bare handler's, same run"][2] == "−38 % (worse)"
    assert table["escalation lateness, 10,000 due in one second: claim p99"][2] == "+45 % (worse)"


def test_a_change_under_half_a_percent_is_shown_as_about_equal_and_large_ones_with_separators():
    table = rows(readme.render(readme.record(SEED, merged(0.3201, 12.0))))
    assert table["intake requests/s / the bare handler's, same run"][2] == "≈"
    assert table["escalation lateness, 10,000 due in one second: claim p99"][2] == "+1,346 % (worse)"


def test_a_smoke_run_is_not_recorded():
    with pytest.raises(ValueError, match="smoke"):
        readme.record(SEED, merged(0.41, 0.5, smoke=True))


def test_only_the_text_between_the_markers_is_replaced():
    text = f"# Title\n\n## Performance\n\nintro\n\n{readme.BEGIN}\nold table\n{readme.END}\n\nafter\n"
    replaced = readme.replace_section(text, readme.render(SEED))
    assert replaced.startswith("# Title\n\n## Performance\n\nintro\n\n" + readme.BEGIN)
    assert replaced.endswith(readme.END + "\n\nafter\n")
    assert "old table" not in replaced
    with pytest.raises(ValueError, match="markers"):
        readme.replace_section("# no markers\n", readme.render(SEED))


def test_the_committed_readme_is_the_committed_history_rendered():
    history = json.loads((ROOT / "scripts" / "bench" / "history.json").read_text(encoding="utf-8"))
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.replace_section(text, readme.render(history)) == text
