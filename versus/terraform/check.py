"""The offline Terraform check: provider schema, references, module calls and Incident Manager rules, in one report.

Usage: `python -m versus.terraform.check PATH…` prints one finding per line and exits 1 if there are any,
2 if the provider schema cannot be found.
"""

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from lark.exceptions import UnexpectedInput

from versus.terraform.findings import Finding
from versus.terraform.module_calls import check_module_calls
from versus.terraform.parse import parse_file, tf_files
from versus.terraform.references import check_references
from versus.terraform.rules import check_rules
from versus.terraform.schema import SCHEMA_ENV, ProviderSchemas, schema_dir
from versus.terraform.schema_check import check_schema
from versus.terraform.tree import TfFile


def check_paths(paths: Iterable[Path], schemas: ProviderSchemas, described: Iterable[TfFile] = ()) -> list[Finding]:
    """Every finding for the .tf files under `paths`, sorted by file and line.

    `described` are files already in hand as blocks (what the generator has just written): they are checked
    as they are instead of being parsed back, which grew with the spec much faster than writing them did.
    A file that does not parse is one finding at the error's position; the other files are still checked.
    """
    files = list(described)
    known = {tf.path for tf in files}
    syntax: list[Finding] = []
    for path in tf_files(paths):
        if path in known:
            continue
        try:
            files.append(parse_file(path))
        except UnexpectedInput as error:
            syntax.append(Finding(path, error.line, "", f"HCL syntax error at column {error.column}"))
    return sorted(
        syntax
        + check_schema(files, schemas)
        + check_references(files, schemas)
        + check_module_calls(files)
        + check_rules(files)
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    directory = schema_dir()
    if directory is None:
        print(f"provider schema not found: set {SCHEMA_ENV}", file=sys.stderr)
        return 2
    findings = check_paths([Path(arg) for arg in args or ["."]], ProviderSchemas.load(directory))
    for finding in findings:
        print(finding)
    return 1 if findings else 0


if __name__ == "__main__":
    raise SystemExit(main())
