"""The provider schemas (`terraform providers schema -json`) that offline checks compare configurations to.

No provider can be downloaded where the checks run, so the schema JSON ships inside the package, one folder per
provider family under `provider_schemas/` (`aws/` holds hashicorp/aws and hashicorp/awscc; its README says where
the data comes from). VERSUS_AWS_PROVIDER_SCHEMA names another folder instead.
"""

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA_ENV = "VERSUS_AWS_PROVIDER_SCHEMA"
PROVIDER_SCHEMAS = Path(__file__).resolve().parent / "provider_schemas"
PACKAGED_AWS = PROVIDER_SCHEMAS / "aws"


def schema_dir() -> Path | None:
    """Where the AWS schema JSON lives: the env var if set, else the copy packaged with Versus.

    None when the env var names no folder, so callers can say why a check cannot run instead of failing obscurely.
    """
    configured = os.environ.get(SCHEMA_ENV)
    candidate = Path(configured) if configured else PACKAGED_AWS
    return candidate if candidate.is_dir() else None


@dataclass(frozen=True)
class ProviderSchemas:
    """Resource and data source block schemas by type name, merged across the provider files."""

    resources: Mapping[str, Mapping[str, Any]]
    data_sources: Mapping[str, Mapping[str, Any]]

    @classmethod
    def load(cls, directory: Path) -> "ProviderSchemas":
        resources: dict[str, Mapping[str, Any]] = {}
        data_sources: dict[str, Mapping[str, Any]] = {}
        files = sorted(directory.glob("*.json"))
        if not files:
            raise FileNotFoundError(f"no provider schema JSON in {directory}")
        for path in files:
            document = json.loads(path.read_text(encoding="utf-8"))
            for provider in document["provider_schemas"].values():
                for name, schema in (provider.get("resource_schemas") or {}).items():
                    resources[name] = schema["block"]
                for name, schema in (provider.get("data_source_schemas") or {}).items():
                    data_sources[name] = schema["block"]
        return cls(resources=resources, data_sources=data_sources)

    def block(self, kind: str, type_name: str) -> Mapping[str, Any] | None:
        """The schema of a `resource` or `data` block type, or None if the providers do not have it."""
        table = self.resources if kind == "resource" else self.data_sources
        return table.get(type_name)
