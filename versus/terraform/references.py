"""Checking that expressions refer to things that exist, as `terraform validate` would.

Validate cannot run without the providers, yet a misspelt `var.`, `local.`, resource, data source, module
output or resource attribute is the most common mistake it catches. Declarations are gathered per module
directory; resource and data source attributes are looked up in the provider schema.
"""

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from versus.terraform.findings import Finding
from versus.terraform.parse import parse_file
from versus.terraform.schema import ProviderSchemas
from versus.terraform.tree import Block, TfFile, is_expression

_INDEX = r"(?:\[[^\]]*\])?"
_VAR = re.compile(r"(?<![\w.])var\.(\w+)")
_LOCAL = re.compile(r"(?<![\w.])local\.(\w+)")
_MODULE = re.compile(r"(?<![\w.])module\.(\w+)" + _INDEX + r"\.(\w+)")
_DATA = re.compile(r"(?<![\w.])data\.(\w+)\.(\w+)" + _INDEX + r"\.(\w+)")
_RESOURCE = re.compile(r"(?<![\w.])((?:aws|awscc)_\w+)\.(\w+)" + _INDEX + r"\.(\w+)")
# Attributes every resource and data source has, whatever its schema says.
_ALWAYS = frozenset({"id"})


@dataclass
class _Declarations:
    variables: set[str] = field(default_factory=set)
    locals: set[str] = field(default_factory=set)
    resources: set[tuple[str, str]] = field(default_factory=set)
    data: set[tuple[str, str]] = field(default_factory=set)
    modules: dict[str, Path | None] = field(default_factory=dict)
    module_outputs: dict[Path, frozenset[str]] = field(default_factory=dict)

    def add(self, tf: TfFile) -> None:
        for block in tf.blocks:
            if block.type == "variable" and block.labels:
                self.variables.add(block.labels[0])
            elif block.type == "locals":
                self.locals.update(block.attributes)
            elif block.type == "resource" and len(block.labels) == 2:
                self.resources.add((block.labels[0], block.labels[1]))
            elif block.type == "data" and len(block.labels) == 2:
                self.data.add((block.labels[0], block.labels[1]))
            elif block.type == "module" and block.labels:
                source = str(block.attributes["source"].value) if "source" in block.attributes else ""
                local = source.startswith(("./", "../"))
                self.modules[block.labels[0]] = (tf.path.parent / source).resolve() if local else None

    def outputs_of(self, directory: Path) -> frozenset[str]:
        """Output names a called module declares (empty when its directory is missing)."""
        if directory not in self.module_outputs:
            self.module_outputs[directory] = frozenset(
                block.labels[0]
                for path in sorted(directory.glob("*.tf"))
                for block in parse_file(path).blocks
                if block.type == "output" and block.labels
            )
        return self.module_outputs[directory]


def check_references(files: Iterable[TfFile], schemas: ProviderSchemas) -> list[Finding]:
    by_dir: dict[Path, list[TfFile]] = {}
    for tf in files:
        by_dir.setdefault(tf.path.parent, []).append(tf)
    findings: list[Finding] = []
    for group in by_dir.values():
        declared = _Declarations()
        for tf in group:
            declared.add(tf)
        for tf in group:
            for block in tf.blocks:
                for line, text in _expressions(block):
                    findings.extend(
                        Finding(tf.path, line, _address(block), m) for m in _problems(text, declared, schemas)
                    )
    return sorted(findings)


def _address(block: Block) -> str:
    """How Terraform names the block: `aws_x.name`, `data.aws_y.name`, `module.m`, `var.v`, `output.o`."""
    if block.type == "resource":
        return ".".join(block.labels)
    prefix = {"variable": "var"}.get(block.type, block.type)
    return ".".join((prefix, *block.labels))


def _expressions(block: Block) -> Iterator[tuple[int, str]]:
    for attribute in block.attributes.values():
        yield from ((attribute.line, text) for text in _strings(attribute.value))
    for child in block.blocks:
        yield from _expressions(child)


def _strings(value: Any) -> Iterator[str]:
    if is_expression(value):
        yield value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _problems(text: str, declared: _Declarations, schemas: ProviderSchemas) -> Iterator[str]:
    for name in _VAR.findall(text):
        if name not in declared.variables:
            yield f"reference to undeclared input variable var.{name}"
    for name in _LOCAL.findall(text):
        if name not in declared.locals:
            yield f"reference to undeclared local value local.{name}"
    for name, output in _MODULE.findall(text):
        if name not in declared.modules:
            yield f"reference to undeclared module module.{name}"
        elif (directory := declared.modules[name]) is not None and output not in declared.outputs_of(directory):
            yield f"module.{name} has no output {output!r}"
    for type_name, name, attribute in _DATA.findall(text):
        yield from _attribute_problems("data", type_name, name, attribute, declared.data, schemas)
    for type_name, name, attribute in _RESOURCE.findall(text):
        yield from _attribute_problems("resource", type_name, name, attribute, declared.resources, schemas)


def _attribute_problems(
    kind: str, type_name: str, name: str, attribute: str, declared: set[tuple[str, str]], schemas: ProviderSchemas
) -> Iterator[str]:
    address = f"{'data.' if kind == 'data' else ''}{type_name}.{name}"
    if (type_name, name) not in declared:
        yield f"reference to undeclared {'data source' if kind == 'data' else 'resource'} {address}"
        return
    schema = schemas.block(kind, type_name)
    if schema is None or attribute in _ALWAYS:
        return
    known = set(schema.get("attributes") or {}) | set(schema.get("block_types") or {})
    if attribute not in known:
        yield f"{address} has no attribute {attribute!r}"
