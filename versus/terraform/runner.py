"""Applying a generated root module with python-terraform and reading back the response plan ARNs.

The receiver's config needs the response plan ARNs that only exist after apply, so `apply` ends by reading
`terraform output -json`. The plan is always saved and shown before anything changes; without
auto_approve, `confirm` sees the plan text and decides.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any

from python_terraform import IsFlagged, Terraform

PLAN_FILE = "versus.tfplan"


class TerraformFailed(RuntimeError):
    """A terraform command exited non-zero; the message holds its output."""


class ApplyDeclined(RuntimeError):
    """The plan was shown and not approved, so nothing was applied."""


def apply(
    out_dir: Path,
    auto_approve: bool,
    *,
    confirm: Callable[[str], bool] | None = None,
    show: Callable[[str], None] = print,
    terraform_bin: str = "terraform",
    variables: dict[str, str] | None = None,
) -> dict[str, str]:
    """init, plan (shown), apply and `output -json` in `out_dir`; the `response_plan_arns` output by alias.

    Without auto_approve, `confirm(plan_text)` must return True (the default asks on the terminal).
    Raises TerraformFailed on a failed command and ApplyDeclined when the plan is not approved.
    """
    tf = Terraform(working_dir=str(out_dir), terraform_bin_path=terraform_bin)
    _run(tf, "init", input=False, no_color=IsFlagged)
    _run(tf, "plan", input=False, no_color=IsFlagged, out=PLAN_FILE, var=variables or None)
    plan_text = _run(tf, "show", PLAN_FILE, no_color=IsFlagged)
    show(plan_text)
    approve = confirm or _ask
    if not auto_approve and not approve(plan_text):
        raise ApplyDeclined("plan not approved; nothing applied")
    _run(tf, "apply", PLAN_FILE, input=False, no_color=IsFlagged)
    outputs = _outputs(tf)
    arns = outputs.get("response_plan_arns", {}).get("value") or {}
    return {str(alias): str(arn) for alias, arn in sorted(arns.items())}


def output_value(out_dir: Path, name: str, terraform_bin: str = "terraform") -> Any:
    """One output of the applied root (such as `service_url`), or None when the root has no such output."""
    tf = Terraform(working_dir=str(out_dir), terraform_bin_path=terraform_bin)
    return _outputs(tf).get(name, {}).get("value")


def _run(tf: Terraform, command: str, *args: str, **options: Any) -> str:
    code, out, err = tf.cmd(command, *args, **options)
    if code != 0:
        raise TerraformFailed(f"terraform {command} failed ({code}):\n{out}{err}")
    return str(out)


def _outputs(tf: Terraform) -> dict[str, Any]:
    outputs = tf.output(no_color=IsFlagged)
    if outputs is None:
        raise TerraformFailed("terraform output -json failed")
    return dict(outputs)


def _ask(plan_text: str) -> bool:
    return input("Apply this plan? Only 'yes' is accepted: ").strip() == "yes"
