"""The PagerDuty root module versus-gen writes: formatted as `terraform fmt` would, loadable by Terraform core,
and clean against the pagerduty provider schema shipped in the package, a check that does catch mistakes."""

from pathlib import Path

import pytest
import yaml

from tests.conftest import SEED_SPEC
from versus.gen.commands.terraform import PAGERDUTY_SCHEMA
from versus.gen.spec import load_spec
from versus.terraform.check import check_paths
from versus.terraform.pagerduty import render_pagerduty_module
from versus.terraform.schema import ProviderSchemas


@pytest.fixture
def pagerduty_root(tmp_path: Path) -> Path:
    data = yaml.safe_load(SEED_SPEC.read_text(encoding="utf-8"))
    data["teams"][1]["backend"] = "pagerduty"
    spec_path = tmp_path / "spec.yaml"
    spec_path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    root = tmp_path / "pagerduty"
    root.mkdir()
    for name, rendered in render_pagerduty_module(load_spec(spec_path)).items():
        (root / name).write_text(rendered.text, encoding="utf-8")
    return root


def test_it_is_formatted_and_loads_in_terraform_core(terraform, pagerduty_root: Path) -> None:
    code, out, err = terraform("fmt", "-check", "-recursive", "-diff", "-no-color", ".", cwd=pagerduty_root)
    assert code == 0, f"generated files differ from terraform fmt:\n{out}{err}"
    code, out, err = terraform("providers", "-no-color", cwd=pagerduty_root)
    assert code == 0, out + err
    assert "provider[registry.terraform.io/pagerduty/pagerduty] >= 3.32.4, < 4.0.0" in out


def test_it_passes_the_schema_check_and_the_check_has_teeth(pagerduty_root: Path) -> None:
    schemas = ProviderSchemas.load(PAGERDUTY_SCHEMA)
    assert check_paths([pagerduty_root], schemas) == []
    main = pagerduty_root / "main.tf"
    main.write_text(
        main.read_text()
        .replace('  alert_creation    = "create_alerts_and_incidents"\n', "  urgency = 1\n", 1)
        .replace('  name    = "Versus"\n', '  name    = "Versus"\n  integration_key = "x"\n  html_url = "y"\n', 1)
    )
    findings = [str(finding) for finding in check_paths([pagerduty_root], schemas)]
    assert len(findings) == 2, findings
    assert findings[0].endswith("pagerduty_service.app.urgency: unsupported argument 'urgency'")
    assert findings[1].endswith("pagerduty_service_integration.app.html_url: 'html_url' is read-only (computed)")
