"""Terraform for AWS Incident Manager: the bundled modules, a root module rendered from the team spec, offline
checks against the provider schema, and running Terraform through python-terraform.

Importing this package needs only the runtime dependencies; the offline checker (`versus.terraform.check`)
also needs python-hcl2 and is imported on its own.
"""

from versus.terraform.bundle import write_root_module
from versus.terraform.render import RenderError, render_root_module
from versus.terraform.runner import ApplyDeclined, TerraformFailed, apply

__all__ = [
    "ApplyDeclined",
    "RenderError",
    "TerraformFailed",
    "apply",
    "render_root_module",
    "write_root_module",
]
