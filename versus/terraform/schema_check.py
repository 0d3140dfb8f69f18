"""Checking resource and data blocks against the provider schema, without the provider.

`terraform validate` needs the provider binaries, which cannot be downloaded offline. The schema JSON holds
the same structure validate checks first: which types exist, which arguments and nested blocks each takes,
which are required, which are read-only, and how many of a block are allowed.
"""

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from versus.terraform.findings import Finding
from versus.terraform.schema import ProviderSchemas
from versus.terraform.tree import Attribute, Block, TfFile, is_expression

# Meta-arguments Terraform itself handles in every resource/data block.
_META_ATTRIBUTES = frozenset({"count", "for_each", "provider", "depends_on"})
_META_BLOCKS = frozenset({"lifecycle", "provisioner", "connection"})
# Types served by Terraform core, not by a provider.
_BUILTIN_TYPES = frozenset({"terraform_data", "terraform_remote_state"})


def check_schema(files: Iterable[TfFile], schemas: ProviderSchemas) -> list[Finding]:
    findings: list[Finding] = []
    for tf in files:
        for block in tf.blocks:
            if block.type in ("resource", "data") and len(block.labels) == 2:
                findings.extend(_check_top_block(tf.path, block, schemas))
    return sorted(findings)


def _check_top_block(path: Path, block: Block, schemas: ProviderSchemas) -> list[Finding]:
    type_name, name = block.labels
    address = f"{'data.' if block.type == 'data' else ''}{type_name}.{name}"
    if type_name in _BUILTIN_TYPES:
        return []
    schema = schemas.block(block.type, type_name)
    if schema is None:
        kind = "resource type" if block.type == "resource" else "data source"
        return [Finding(path, block.line, address, f"unknown {kind} {type_name!r} in the provider schema")]
    return _check_body(path, address, block, schema, top_level=True)


def _check_body(
    path: Path, address: str, block: Block, schema: Mapping[str, Any], *, top_level: bool = False
) -> list[Finding]:
    findings: list[Finding] = []
    attributes: Mapping[str, Any] = schema.get("attributes") or {}
    block_types: Mapping[str, Any] = schema.get("block_types") or {}

    for attribute in block.attributes.values():
        if top_level and attribute.name in _META_ATTRIBUTES:
            continue
        findings.extend(_check_attribute(path, address, attribute, attributes, block_types))

    for name, spec in sorted(attributes.items()):
        if spec.get("required") and name not in block.attributes:
            findings.append(Finding(path, block.line, address, f"missing required argument {name!r}"))

    counts: dict[str, int] = {}
    dynamic_types: set[str] = set()
    for child in block.blocks:
        if top_level and child.type in _META_BLOCKS:
            continue
        if child.type == "dynamic" and child.labels:
            child_type = child.labels[0]
            dynamic_types.add(child_type)
            inner = child.children("content")
            body = inner[0] if inner else Block("content", (), child.line)
            findings.extend(_check_child(path, address, child_type, body, attributes, block_types))
            continue
        counts[child.type] = counts.get(child.type, 0) + 1
        findings.extend(_check_child(path, address, child.type, child, attributes, block_types))

    for name, spec in sorted(block_types.items()):
        static = counts.get(name, 0)
        min_items = spec.get("min_items") or 0
        max_items = spec.get("max_items") or 0
        if static < min_items and name not in dynamic_types:
            findings.append(Finding(path, block.line, address, f"needs at least {min_items} {name!r} block(s)"))
        if max_items and static > max_items:
            findings.append(Finding(path, block.line, address, f"takes at most {max_items} {name!r} block(s)"))
    return findings


def _check_child(
    path: Path,
    address: str,
    name: str,
    child: Block,
    attributes: Mapping[str, Any],
    block_types: Mapping[str, Any],
) -> list[Finding]:
    where = f"{address}.{name}"
    if name in block_types:
        spec = block_types[name]
        findings = _check_body(path, where, child, spec["block"])
        if spec["block"].get("deprecated"):
            findings.append(Finding(path, child.line, where, f"block {name!r} is deprecated"))
        return findings
    if name in attributes:
        return [Finding(path, child.line, where, f"{name!r} is an argument (write `{name} = …`), not a block")]
    return [Finding(path, child.line, where, f"unsupported block type {name!r}")]


def _check_attribute(
    path: Path,
    address: str,
    attribute: Attribute,
    attributes: Mapping[str, Any],
    block_types: Mapping[str, Any],
) -> list[Finding]:
    where = f"{address}.{attribute.name}"
    spec = attributes.get(attribute.name)
    if spec is None:
        if attribute.name in block_types:
            return [Finding(path, attribute.line, where, f"{attribute.name!r} is a block, not an argument")]
        return [Finding(path, attribute.line, where, f"unsupported argument {attribute.name!r}")]
    findings: list[Finding] = []
    if spec.get("computed") and not (spec.get("optional") or spec.get("required")):
        findings.append(Finding(path, attribute.line, where, f"{attribute.name!r} is read-only (computed)"))
    if spec.get("deprecated"):
        findings.append(Finding(path, attribute.line, where, f"argument {attribute.name!r} is deprecated"))
    nested = spec.get("nested_type")
    if nested is not None:
        findings.extend(_check_nested_value(path, where, attribute.line, attribute.value, nested))
    return findings


def _check_nested_value(path: Path, where: str, line: int, value: Any, nested: Mapping[str, Any]) -> list[Finding]:
    """Object keys in a literal value of an awscc-style nested attribute must be its nested attributes."""
    if is_expression(value) or value is None:
        return []
    if nested["nesting_mode"] != "single" and isinstance(value, list):
        return [
            f
            for item in value
            for f in _check_nested_value(path, where, line, item, {**nested, "nesting_mode": "single"})
        ]
    if not isinstance(value, dict):
        return [Finding(path, line, where, "expects an object (or a list of objects)")]
    findings: list[Finding] = []
    attributes: Mapping[str, Any] = nested.get("attributes") or {}
    for key, item in value.items():
        spec = attributes.get(key)
        if spec is None:
            findings.append(Finding(path, line, f"{where}.{key}", f"unsupported attribute {key!r}"))
        elif spec.get("nested_type") is not None:
            findings.extend(_check_nested_value(path, f"{where}.{key}", line, item, spec["nested_type"]))
    for key, spec in sorted(attributes.items()):
        if spec.get("required") and key not in value:
            findings.append(Finding(path, line, where, f"missing required attribute {key!r}"))
    return findings
