"""The CLI: one module per command, exit codes that scripts can rely on."""

from versus.gen.cli import COMMANDS, build_parser, main


def test_every_listed_command_is_registered():
    parser = build_parser()
    for name in COMMANDS:
        assert parser.parse_args([name, "spec.yaml"]).command == name


def test_a_bad_spec_exits_2_and_says_why(tmp_path, capsys):
    spec = tmp_path / "spec.yaml"
    spec.write_text("version: 2\n", encoding="utf-8")
    assert main(["alertmanager", str(spec)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"{spec}: aws: error: required key is missing"
    assert f"{spec}: version: error: 1 was expected" in err
