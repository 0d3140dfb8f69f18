"""The benchmark scripts' smoke mode: the harness runs end to end and writes well-formed figures.

The figures themselves are not checked: speed on a shared machine is no test verdict.
"""

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.support.binaries import require_binary

BENCH = Path(__file__).resolve().parents[3] / "scripts" / "bench"


def smoke(script: str, tmp_path: Path) -> dict[str, Any]:
    out = tmp_path / f"{script}.json"
    result = subprocess.run(
        [sys.executable, str(BENCH / f"{script}.py"), "--smoke", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.startswith("machine: ")
    figures: dict[str, Any] = json.loads(out.read_text())
    assert figures["machine"]["nproc"] >= 1
    return figures


def number(value: Any) -> float:
    assert isinstance(value, int | float) and not isinstance(value, bool), value
    assert math.isfinite(value), value
    assert value >= 0, value
    return float(value)


def test_intake_benchmark_smoke(tmp_path):
    require_binary("wrk")
    require_binary("redis-server")
    figures = smoke("intake", tmp_path)
    assert figures["tool"] == "wrk"
    for server in ("bare", "versus"):
        throughput = figures[server]["throughput"]
        assert number(throughput["requests"]) > 0
        assert throughput["non_2xx"] == 0
        for key in ("rps", "p50_ms", "p99_ms", "max_ms"):
            number(throughput[key])
        assert number(throughput["server_cpu_ms_per_request"]) > 0
        [rate] = figures[server]["constant_rate"]
        assert rate["requests"] == pytest.approx(rate["rate"] * 1.0, abs=1)  # the smoke run lasts 1 s
        assert rate["non_2xx"] == 0
        assert number(rate["p50_ms"]) <= number(rate["p99_ms"]) <= number(rate["max_ms"])
    assert number(figures["versus"]["throughput"]["redis_cpu_ms_per_request"]) > 0
    assert number(figures["throughput_ratio"]) > 0
    assert number(figures["cpu_per_request_ratio"]) > 0


def test_escalation_benchmark_smoke(tmp_path):
    require_binary("redis-server")
    figures = smoke("escalations", tmp_path)
    memory = figures["memory"]
    assert memory["pending"] == 1000
    assert number(memory["due_set_bytes"]) < number(memory["whole_incident_bytes"])
    for key in ("incident_hash_bytes", "by_time_set_bytes", "event_stream_bytes", "insert_per_second"):
        assert number(memory[key]) > 0
    lateness = figures["lateness"]
    assert lateness["escalated"] == lateness["burst"] == 200
    assert number(lateness["claim_p50_s"]) <= number(lateness["claim_p99_s"])
    assert number(lateness["end_to_end_p50_s"]) <= number(lateness["end_to_end_p99_s"])
    assert number(lateness["claim_p99_s"]) <= number(lateness["end_to_end_max_s"])
    for key in ("versus_cpu_percent", "bare_cpu_percent", "window_s"):
        number(figures["idle"][key])


def test_generator_benchmark_smoke(tmp_path):
    figures = smoke("generator", tmp_path)
    assert {"alertmanager", "config"} <= set(figures["commands"])
    for run in ("baseline", "synthetic"):
        for command in figures["commands"]:
            result = figures[run][command]
            assert result["identical"] is True
            assert number(result["seconds"]) > 0
            assert number(result["peak_rss_mib"]) > 0
            assert number(result["output_bytes"]) > 0
    assert figures["synthetic"]["alertmanager"]["output_bytes"] > figures["baseline"]["alertmanager"]["output_bytes"]
    number(figures["ratio"])


def test_console_benchmark_smoke(tmp_path):
    require_binary("redis-server")
    figures = smoke("console", tmp_path)
    listing = figures["list"]
    assert listing["incidents"] == 300
    assert number(listing["cold_load_ms"]) > 0
    assert listing["first_page"]["matching"] == 300 and listing["first_page"]["rows"] == 50
    assert 0 < listing["team_and_search"]["matching"] < 300
    assert listing["deep_page"]["rows"] == 0
    for name in ("first_page", "team_and_search", "deep_page"):
        for key in ("query_p50_ms", "render_p50_ms", "total_p50_ms", "total_p99_ms"):
            number(listing[name][key])
    http = figures["http"]
    assert http["requests"] == 10
    for key in ("console_p50_ms", "console_p99_ms", "bare_p50_ms", "bare_p99_ms"):
        assert number(http[key]) > 0
    assert number(http["p50_ratio"]) > 0


def test_storm_benchmark_smoke(tmp_path):
    require_binary("redis-server")
    require_binary("git")
    figures = smoke("storm", tmp_path)
    assert figures["baseline_revision"] == "b6775ea"
    for run in ("baseline", "now"):
        result = figures[run]
        assert result["accepted"] == 24
        assert sum(c["alerts"] for c in result["classes"].values()) == 24
        assert result["classes"]["oncall"]["alerts"] == 3
        for klass in result["classes"].values():
            assert 0 <= klass["posted"] <= klass["alerts"]
            if klass["posted"] == klass["alerts"]:
                assert number(klass["p50_s"]) <= number(klass["p99_s"])
        assert 0 <= number(result["oncall_ack_before_due"]) <= 1
        assert number(result["slack_calls"]) >= 24
        for key in ("slack_429s", "give_ups", "duplicates", "digested", "digest_messages"):
            number(result[key])
    assert figures["now"]["slack_429s"] == 0
    assert figures["now"]["duplicates"] == 0


def test_whole_suite_runs_with_one_command_and_merges_the_figures(tmp_path):
    """all.py end to end, on the one script no other test here runs (startup), plus a name with no script.

    The other scripts' smoke modes are each run once by the tests above; running them again through all.py
    would double the time for nothing: all.py runs every listed script the same way, by name.
    """
    require_binary("redis-server")
    out = tmp_path / "all.json"
    result = subprocess.run(
        [sys.executable, str(BENCH / "all.py"), "--smoke", "--only", "startup,no_such_bench", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "== no_such_bench: skipped: scripts/bench/no_such_bench.py is not in this checkout" in result.stdout
    merged: dict[str, Any] = json.loads(out.read_text())
    assert merged["smoke"] is True
    assert merged["machine"]["nproc"] >= 1
    assert len(merged["load_average_start"]) == len(merged["load_average_end"]) == 3
    assert merged["skipped"] == {"no_such_bench": "scripts/bench/no_such_bench.py is not in this checkout"}
    assert merged["failed"] == {}
    startup = merged["scripts"]["startup"]
    assert "machine" not in startup
    for module in ("versus.cli", "versus.server.app"):
        assert number(startup["imports"][f"{module}_ms"]) > 0
    assert number(startup["imports"]["import_cli_s"]) > number(startup["imports"]["python_s"]) > 0
    for name in ("bare", "external_redis", "embedded_redis"):
        assert startup[name]["starts"] == 1
        assert 0 < number(startup[name]["min_s"]) <= number(startup[name]["p50_s"]) <= number(startup[name]["max_s"])
    assert number(startup["external_redis"]["ratio_to_bare"]) > 0


def test_a_failing_script_is_reported_and_the_suite_exits_nonzero(tmp_path):
    """A script that exits non-zero does not stop the others and makes the run fail (readme.py stands in for
    a broken benchmark: it takes no --json, so it exits 2 at once)."""
    out = tmp_path / "all.json"
    result = subprocess.run(
        [sys.executable, str(BENCH / "all.py"), "--only", "readme,no_such_bench", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1, result.stdout + result.stderr[-3000:]
    merged = json.loads(out.read_text())
    assert merged["failed"] == {"readme": "exit code 2"}
    assert merged["skipped"] == {"no_such_bench": "scripts/bench/no_such_bench.py is not in this checkout"}
