"""`versus report` from a recorded history in a real Redis: every number matches the hand-worked answer."""

import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import SEED_SPEC
from tests.integration.analytics.recorded_history import EXPECTED_MARKDOWN, EXPECTED_ON_CALL, SINCE, write_history
from versus.gen.spec import load_spec
from versus.schedule import on_call_burden

FOOTER = "\n_Median and p90 are nearest-rank percentiles (always an observed time). Drills are not counted._\n"


def report(tmp_path: Path, redis_url: str, key_prefix: str, *args: str) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "config.yaml"
    config.write_text(yaml.safe_dump({"redis": {"url": redis_url, "key_prefix": key_prefix}}))
    command = [sys.executable, "-m", "versus", "report", "--config", str(config), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


def test_markdown_report_matches_the_hand_worked_answers(tmp_path, redis_url, key_prefix):
    write_history(redis_url, key_prefix)
    done = report(tmp_path, redis_url, key_prefix, "--since", "2026-01-05", "--until", "2026-01-12")
    assert done.returncode == 0, done.stderr
    assert done.stdout == EXPECTED_MARKDOWN + FOOTER


def test_a_spec_adds_ack_times_per_on_call_person_and_burden_from_the_rotation_engine(tmp_path, redis_url, key_prefix):
    write_history(redis_url, key_prefix)
    out = tmp_path / "report.md"
    done = report(
        tmp_path, redis_url, key_prefix,
        "--since", "2026-01-05", "--until", "2026-01-12", "--spec", str(SEED_SPEC), "--out", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = out.read_text()
    assert text.startswith(EXPECTED_MARKDOWN + "\n" + EXPECTED_ON_CALL)
    spec = load_spec(SEED_SPEC)
    names = {person.alias: person.name for person in spec.people}
    for team in spec.raw["teams"]:
        assert f"*On-call burden, {team['name']}*" in text
        for row in on_call_burden(spec.raw["people"], team["rotations"], SINCE, 7):
            line = f"{names[row.alias]:<20} {row.shifts:>6} {row.hours:>7.1f} {row.sleep_hours:>7.1f}"
            assert line in text


def test_an_empty_window_says_so(tmp_path, redis_url, key_prefix):
    done = report(tmp_path, redis_url, key_prefix, "--since", "2020-01-01", "--until", "2020-01-08")
    assert done.returncode == 0, done.stderr
    assert "• Incidents: 0 (drills excluded: 0)" in done.stdout
    assert "no incidents in this window" in done.stdout


def test_a_bad_window_is_refused_with_the_reason(tmp_path, redis_url, key_prefix):
    done = report(tmp_path, redis_url, key_prefix, "--since", "last week")
    assert done.returncode == 2
    assert "'last week' is neither a duration like 7d" in done.stderr
    backwards = report(tmp_path, redis_url, key_prefix, "--since", "2026-01-12", "--until", "2026-01-05")
    assert backwards.returncode == 2
    assert "must come before --until" in backwards.stderr
