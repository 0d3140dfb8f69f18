"""Checking calls of local modules against the variables those modules declare.

`terraform validate` would catch a misspelt or missing module argument, but it cannot run without the
providers. The module's own `variable` blocks say the same thing, so an argument the module does not declare,
or a variable without a default that the call leaves out, is reported here.
"""

from collections.abc import Iterable
from pathlib import Path

from versus.terraform.findings import Finding
from versus.terraform.parse import parse_file
from versus.terraform.tree import Block, TfFile

_META_ARGUMENTS = frozenset({"source", "version", "count", "for_each", "providers", "depends_on"})


def check_module_calls(files: Iterable[TfFile]) -> list[Finding]:
    findings: list[Finding] = []
    declared_by_dir: dict[Path, dict[str, bool]] = {}
    for tf in files:
        for block in tf.blocks:
            if block.type != "module" or not block.labels or "source" not in block.attributes:
                continue
            source = str(block.attributes["source"].value)
            if not source.startswith(("./", "../")):
                continue
            module_dir = (tf.path.parent / source).resolve()
            address = f"module.{block.labels[0]}"
            if not module_dir.is_dir():
                findings.append(Finding(tf.path, block.line, address, f"module source {source!r} does not exist"))
                continue
            if module_dir not in declared_by_dir:
                declared_by_dir[module_dir] = _variables(module_dir)
            findings.extend(_check_call(tf.path, address, block, declared_by_dir[module_dir]))
    return sorted(findings)


def _variables(module_dir: Path) -> dict[str, bool]:
    """Variable name → whether the caller must set it (no default)."""
    variables: dict[str, bool] = {}
    for path in sorted(module_dir.glob("*.tf")):
        for block in parse_file(path).blocks:
            if block.type == "variable" and block.labels:
                variables[block.labels[0]] = "default" not in block.attributes
    return variables


def _check_call(path: Path, address: str, block: Block, variables: dict[str, bool]) -> list[Finding]:
    findings = [
        Finding(path, attribute.line, f"{address}.{name}", f"the module has no variable {name!r}")
        for name, attribute in block.attributes.items()
        if name not in _META_ARGUMENTS and name not in variables
    ]
    findings.extend(
        Finding(path, block.line, address, f"missing required argument {name!r}")
        for name, required in sorted(variables.items())
        if required and name not in block.attributes
    )
    return findings
