"""Versus's Go-template compiler against Go's own text/template, case by case.

A small Go program (gorender/) renders every case of the corpus with the real text/template and a
function map written to the semantics the README documents; Versus renders the same case. The outputs
must be equal, except for the deliberate differences listed in DIFFERENCES (each in the README too),
where the test checks that the difference is exactly the documented one. The Go program is built once
per session and all cases go through one Go run.
"""

import json
import re
import subprocess
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.differential.corpus import Case, cases
from tests.differential.payloads import PAYLOADS
from tests.support.binaries import require_binary
from versus.notify.templates import TemplateError, compile_template

GORENDER = Path(__file__).parent / "gorender"
ENV = {"VERSUS_TEST_TEAM": "platform"}
CASES = cases()
_NOW = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")


Check = Callable[[dict[str, str], str | None, str | None], bool]


def _refused_by_go(go_error: str, output: str) -> Check:
    return lambda go, ours, error: go_error in go["error"] and ours == output


def _refused_by_versus(versus_error: str, go_output: Callable[[str], bool]) -> Check:
    return lambda go, ours, error: not go["error"] and go_output(go["output"]) and versus_error in str(error)


DIFFERENCES: dict[str, tuple[str, Check]] = {
    "printf-f-of-int": (
        "JSON integers stay integers and every number verb takes any number",
        lambda go, ours, error: go["output"] == "%!f(int=3)|%!d(float64=2)" and ours == "3.0|2",
    ),
    "else-with": ("{{else with}} is accepted, as in Go 1.23+", _refused_by_go("unexpected <with> in else", "hello")),
    "field-of-null": ("a field of null is missing, not an error", _refused_by_go("nil pointer evaluating", "[]")),
    "field-of-string": ("a field of a string is missing, not an error", _refused_by_go("can't evaluate field", "[]")),
    "range-over-number": ("range over an integer, as in Go 1.22+", _refused_by_go("range can't iterate over 3", "012")),
    "range-over-number-limit": (
        "range over a number is bounded",
        lambda go, ours, error: "range can't iterate over" in go["error"] and "RenderLimit" in str(error),
    ),
    "define-template": (
        "define/template/block are refused at start-up",
        _refused_by_versus("is not supported", lambda output: output == "hi"),
    ),
    "output-limit": (
        "the rendered message is bounded",
        _refused_by_versus("RenderLimit", lambda output: len(output) == 999_999),
    ),
}
"""Case name -> (why, check of both sides). Each is listed, with its example, in the README."""


@pytest.fixture(scope="session")
def go_results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    go = require_binary("go")
    build = tmp_path_factory.mktemp("gorender")
    binary = build / "gorender"
    env = {"GOCACHE": str(build / "cache"), "GOFLAGS": "-mod=mod", "GOPATH": str(build / "gopath"), "HOME": str(build)}
    env |= {"PATH": str(Path(go).parent), "CGO_ENABLED": "0"}
    subprocess.run([go, "build", "-o", str(binary), "."], cwd=GORENDER, env=env, check=True, timeout=300)
    batch = [
        {"name": c.name, "template": c.template, "data": PAYLOADS[c.payload], "functions": c.functions, "env": ENV}
        for c in CASES
    ]
    done = subprocess.run(
        [str(binary)], input=json.dumps(batch), capture_output=True, text=True, check=True, timeout=120
    )
    return {result["name"]: result for result in json.loads(done.stdout)}


def ours(case: Case) -> tuple[str | None, str | None]:
    """(output, None) or (None, error) from Versus, without the fallback a live render would send."""
    try:
        template = compile_template(case.template, name=case.name, syntax="go", functions=case.functions, env=ENV)
    except TemplateError as error:
        return None, str(error)
    try:
        return template._render(PAYLOADS[case.payload]), None
    except Exception as error:
        return None, f"{type(error).__name__}: {error}"


def without_now(text: str) -> str:
    """Upstream templates print `now` where a payload has no time; the two runs differ by milliseconds."""

    def replace(match: re.Match[str]) -> str:
        moment = datetime.strptime(match.group(0), "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
        return "<now>" if abs(moment.timestamp() - time.time()) < 600 else match.group(0)

    return _NOW.sub(replace, text)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_versus_renders_as_go(case: Case, go_results: dict[str, dict[str, str]]) -> None:
    go = go_results[case.name]
    output, error = ours(case)
    if case.name in DIFFERENCES:
        why, check = DIFFERENCES[case.name]
        assert check(go, output, error), f"documented difference changed ({why}): go={go} ours={output!r} {error}"
        return
    if go["error"]:
        assert error is not None, f"Go failed ({go['error']}) but Versus rendered {output!r}"
        return
    assert error is None, f"Versus failed: {error}"
    assert output is not None
    assert without_now(output) == without_now(go["output"])


def test_the_corpus_covers_every_real_payload_and_both_function_sets() -> None:
    assert len(CASES) >= 100
    assert {c.payload for c in CASES} == set(PAYLOADS)
    assert {c.functions for c in CASES} == {"versus", "sprig"}


def test_deliberate_differences_are_in_the_corpus() -> None:
    names = {c.name for c in CASES}
    assert set(DIFFERENCES) <= names, set(DIFFERENCES) - names
    assert all(isinstance(why, str) and why for why, _ in DIFFERENCES.values())


def test_the_readme_gives_these_figures() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"renders {len(CASES)} cases" in readme
    assert f"{len(CASES) - len(DIFFERENCES)} are identical and the other {len(DIFFERENCES)}" in readme
