"""User errors on the command lines are one line saying what and where, exit code 2, never a traceback:
missing paths, directories instead of files, invalid UTF-8, wrong YAML types, unusable output paths."""

from pathlib import Path

import pytest

from versus import cli as versus_cli
from versus.gen import cli as gen_cli

SPEC = Path(__file__).resolve().parents[2] / "examples" / "seed-teams.yaml"


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "a-directory").mkdir()
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    (tmp_path / "latin1.yaml").write_bytes(b"name: caf\xe9\n")
    (tmp_path / "list.yaml").write_text("- a\n- b\n", encoding="utf-8")
    (tmp_path / "wrong-type.yaml").write_text("port: [1]\n", encoding="utf-8")
    (tmp_path / "teams-number.yaml").write_text("teams: 5\n", encoding="utf-8")
    return tmp_path


def one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("missing.yaml", "missing.yaml: cannot read config: No such file or directory"),
        ("a-directory", "a-directory: cannot read config: Is a directory"),
        ("latin1.yaml", "latin1.yaml: cannot read config: not UTF-8 text (byte 0xe9 at offset 9)"),
        ("list.yaml", "list.yaml: the top level must be a mapping, got list"),
    ],
)
@pytest.mark.parametrize("command", ["serve", "report"])
def test_versus_config_errors(files, capsys, monkeypatch, command, config, expected) -> None:
    monkeypatch.chdir(files)
    assert versus_cli.main([command, "--config", config]) == 2
    assert one_line_error(capsys) == expected


def test_versus_config_of_the_wrong_type_names_the_key(files, capsys, monkeypatch) -> None:
    monkeypatch.chdir(files)
    assert versus_cli.main(["serve", "--config", "wrong-type.yaml"]) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == ["wrong-type.yaml: invalid configuration:", "  - port: [1] is not of type 'integer'"]


def test_a_bad_log_level_is_a_usage_error(capsys, monkeypatch) -> None:
    monkeypatch.setenv("VERSUS_LOG_LEVEL", "loud")
    with pytest.raises(SystemExit) as exit_:
        versus_cli.main(["serve"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.splitlines()[-1] == (
        "versus: error: --log-level (or $VERSUS_LOG_LEVEL) 'LOUD': use one of DEBUG, INFO, WARNING, ERROR"
    )


@pytest.mark.parametrize("command", ["alertmanager", "config", "terraform"])
@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("missing.yaml", "missing.yaml: error: cannot read: No such file or directory"),
        ("a-directory", "a-directory: error: cannot read: Is a directory"),
        ("latin1.yaml", "latin1.yaml: error: not UTF-8 text (byte 0xe9 at offset 9)"),
    ],
)
def test_versus_gen_spec_errors(files, capsys, monkeypatch, command, spec, expected) -> None:
    monkeypatch.chdir(files)
    assert gen_cli.main([command, spec, "-o", "out"]) == 2
    assert one_line_error(capsys) == expected


@pytest.mark.parametrize("command", ["alertmanager", "config", "check"])
def test_versus_gen_spec_of_the_wrong_type_names_the_key(files, capsys, monkeypatch, command) -> None:
    monkeypatch.chdir(files)
    assert gen_cli.main([command, "teams-number.yaml"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "teams-number.yaml: teams: error: 5 is not of type 'array'" in err.splitlines()


@pytest.mark.parametrize(
    ("command", "out", "expected"),
    [
        ("alertmanager", "a-directory", "a-directory: error: cannot write (a-directory: Is a directory);"),
        ("config", "a-file/config.yaml", "a-file/config.yaml: error: cannot write (a-file: File exists);"),
        ("terraform", "a-file/root", "versus-gen terraform: a-file/root: Not a directory"),
    ],
)
def test_versus_gen_output_path_errors(files, capsys, monkeypatch, command, out, expected) -> None:
    monkeypatch.chdir(files)
    assert gen_cli.main([command, str(SPEC), "-o", out]) == 2
    assert one_line_error(capsys).startswith(expected)
