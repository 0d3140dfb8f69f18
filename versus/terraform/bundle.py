"""Writing a generated root module together with the modules it uses.

The generated root references its modules by a relative path (`./modules/...`), so the directory
`versus-gen terraform -o DIR` writes is self-contained: it can be reviewed, committed and applied as is.
"""

import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from versus.terraform.render import render_root_module
from versus.terraform.tree import TfFile

MODULES_ENV = "VERSUS_TERRAFORM_MODULES"
MODULES_SOURCE = "./modules"
PACKAGED_MODULES = Path(__file__).resolve().parent / "modules"
"""`terraform/modules` as the package sees it: a symlink in the source tree, real files in a wheel or sdist."""
_SHIPPED = ("*.tf", "README.md")


def modules_dir() -> Path:
    """The bundled modules: VERSUS_TERRAFORM_MODULES if set, else the copy shipped inside this package."""
    configured = os.environ.get(MODULES_ENV)
    directory = Path(configured) if configured else PACKAGED_MODULES
    if not directory.is_dir():
        raise FileNotFoundError(f"Terraform modules not found at {directory}; set {MODULES_ENV}")
    return directory


@dataclass(frozen=True)
class RootModule:
    """What `write_root_module` wrote: every path, and the generated files as the offline checks read them."""

    written: list[Path]
    generated: list[TfFile]


def write_root_module(spec: Mapping[str, Any], out_dir: Path, **options: Any) -> RootModule:
    """Write the root module for `spec` into `out_dir` and copy the modules to `out_dir/modules`.

    `options` go to render_root_module (runtime, resolve_on_alert_resolved). A stale copy of the modules
    is replaced, so the output depends only on the spec and this version of Versus.
    """
    files = render_root_module(spec, MODULES_SOURCE, **options)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = [_copy_modules(modules_dir(), out_dir / "modules")]
    generated = []
    for name, rendered in sorted(files.items()):
        path = out_dir / name
        path.write_text(rendered.text, encoding="utf-8")
        written.append(path)
        generated.append(TfFile(path, rendered.blocks))
    return RootModule(written, generated)


def _copy_modules(source: Path, target: Path) -> Path:
    if target.exists():
        shutil.rmtree(target)
    for module in sorted(p for p in source.iterdir() if p.is_dir()):
        (target / module.name).mkdir(parents=True)
        for pattern in _SHIPPED:
            for file in sorted(module.glob(pattern)):
                shutil.copyfile(file, target / module.name / file.name)
    return target
