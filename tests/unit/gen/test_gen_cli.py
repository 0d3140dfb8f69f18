"""The CLI: one module per command, exit codes that scripts can rely on."""

import subprocess
import sys

import pytest

from versus.gen.cli import COMMANDS, build_parser, main


def test_every_listed_command_is_registered(capsys):
    """`--help` works for every shape of command: one spec argument, required options, or sub-actions."""
    parser = build_parser()
    for name in COMMANDS:
        with pytest.raises(SystemExit) as exit_info:
            parser.parse_args([name, "--help"])
        assert exit_info.value.code == 0
        assert capsys.readouterr().out.startswith(f"usage: versus-gen {name} ")


def test_a_bad_spec_exits_2_and_says_why(tmp_path, capsys):
    spec = tmp_path / "spec.yaml"
    spec.write_text("version: 2\n", encoding="utf-8")
    assert main(["alertmanager", str(spec)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"{spec}: aws: error: required key is missing"
    assert f"{spec}: version: error: 1 was expected" in err


def test_unusable_input_files_exit_2(tmp_path, capsys, seed_spec):
    not_a_config = tmp_path / "alertmanager.yml"
    not_a_config.write_text("- just a list\n", encoding="utf-8")
    missing = tmp_path / "missing.yml"
    assert main(["alertmanager", seed_spec, "--merge-into", str(not_a_config)]) == 2
    assert main(["check", seed_spec, "--alertmanager", str(missing)]) == 2
    outputs = tmp_path / "outputs.json"
    outputs.write_text("{}", encoding="utf-8")
    assert main(["config", seed_spec, "--terraform-outputs", str(outputs)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{not_a_config}: error: not an Alertmanager config (no mapping at the top)",
        f"{missing}: error: cannot read: No such file or directory",
        f"{outputs}: response_plan_arns: error: missing output (a map of alias to ARN)",
    ]


def test_an_unchanged_output_file_is_not_rewritten(tmp_path, seed_spec):
    target = tmp_path / "alertmanager.yml"
    assert main(["alertmanager", seed_spec, "-o", str(target)]) == 0
    before = target.stat().st_mtime_ns
    assert main(["alertmanager", seed_spec, "-o", str(target)]) == 0
    assert target.stat().st_mtime_ns == before


def test_a_command_loads_only_its_own_module(tmp_path, seed_spec) -> None:
    """`versus-gen config` must not pay for boto3, which only override and apply need."""
    script = (
        "import sys\n"
        "from versus.gen.cli import main\n"
        f"code = main(['config', {seed_spec!r}, '-o', {str(tmp_path / 'config.yaml')!r}])\n"
        "print(code, 'boto3' in sys.modules, 'versus.gen.commands.override' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["0", "False", "False"]
