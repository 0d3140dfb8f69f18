"""Reading .tf files into blocks and attributes that remember their line numbers.

python-hcl2's dict output drops positions, and a finding that cannot say where it is wastes the reader's
time, so this walks python-hcl2's rule tree instead and keeps each element's starting line.
"""

import functools
from collections.abc import Iterable
from pathlib import Path

import hcl2
from hcl2.rules.abstract import LarkElement
from hcl2.rules.base import AttributeRule, BlockRule, BodyRule
from hcl2.utils import SerializationOptions

from versus.terraform.tree import Attribute, Block, TfFile

# Strings come back without their quotes; expressions come back as "${…}".
_OPTIONS = SerializationOptions(with_comments=False, strip_string_quotes=True, explicit_blocks=False)


def parse_file(path: Path) -> TfFile:
    """Parse one .tf file; python-hcl2 raises on a syntax error, naming the position.

    A check reads a module's files up to three times (its blocks, the variables its callers may set, the
    outputs they may use), so a file is parsed once for as long as it is unchanged.
    """
    stat = path.stat()
    return _parse(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=256)
def _parse(path: Path, mtime_ns: int, size: int) -> TfFile:
    tree = hcl2.parses(path.read_text(encoding="utf-8"))
    return TfFile(path=path, blocks=_body(tree.body).blocks)


def tf_files(paths: Iterable[Path]) -> list[Path]:
    """Every .tf file under the given files and directories, skipping `.terraform` caches."""
    found: set[Path] = set()
    for path in paths:
        if path.is_file():
            found.add(path)
        else:
            found.update(p for p in path.rglob("*.tf") if ".terraform" not in p.parts)
    return sorted(found)


def _lines(element: LarkElement) -> tuple[int, int]:
    """The element's first and last line. Read from the rule itself: `to_lark()` would rebuild the whole
    subtree for every element asked, which made a large file's walk quadratic."""
    meta = getattr(element, "_meta", None)
    return int(getattr(meta, "line", 0) or 0), int(getattr(meta, "end_line", 0) or 0)


def _body(body: BodyRule, block_type: str = "", labels: tuple[str, ...] = (), lines: tuple[int, int] = (0, 0)) -> Block:
    block = Block(type=block_type, labels=labels, line=lines[0], end_line=lines[1])
    for child in body.children:
        if isinstance(child, AttributeRule):
            name = str(child.identifier.serialize(_OPTIONS))
            block.attributes[name] = Attribute(name, child.expression.serialize(_OPTIONS), _lines(child)[0])
        elif isinstance(child, BlockRule):
            type_name, *rest = (str(label.serialize(_OPTIONS)) for label in child.labels)
            block.blocks.append(_body(child.body, type_name, tuple(rest), _lines(child)))
    return block
