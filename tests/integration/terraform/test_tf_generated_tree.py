"""The generator checks its own output from the blocks it wrote, not by parsing the text back: those blocks must
be exactly what python-hcl2 reads from the written files, line numbers included."""

import copy
from pathlib import Path
from typing import Any

from versus.terraform.bundle import write_root_module
from versus.terraform.parse import parse_file


def _many_teams(seed_spec: dict[str, Any], count: int) -> dict[str, Any]:
    """The seed spec with its teams repeated under new names, so every generator path writes several blocks."""
    spec = copy.deepcopy(seed_spec)
    for index in range(1, count):
        for team in copy.deepcopy(seed_spec["teams"]):
            team["name"] = f"{team['name']}-{index}"
            for plan in team.get("response_plans", []):
                plan["alias"], plan["name"] = f"{plan['alias']}-{index}", f"{plan['name']}{index}"
            for route in team.get("routes", []):
                if "response_plan" in route:
                    route["response_plan"] = f"{route['response_plan']}-{index}"
            spec["teams"].append(team)
    return spec


def test_generated_blocks_are_what_the_parser_reads_back(tmp_path: Path, seed_spec: dict[str, Any]) -> None:
    module = write_root_module(_many_teams(seed_spec, 2), tmp_path)
    assert [tf.path.name for tf in module.generated] == ["main.tf", "outputs.tf", "versions.tf"]
    for generated in module.generated:
        parsed = parse_file(generated.path)
        assert generated.blocks, generated.path
        assert generated.blocks == parsed.blocks, generated.path


def test_strings_that_look_like_templates_are_described_as_the_parser_reads_them(
    tmp_path: Path, seed_spec: dict[str, Any]
) -> None:
    spec = copy.deepcopy(seed_spec)
    spec["teams"][0]["display_name"] = 'Ops ${var.x} %{if} "quoted" \\ back'
    module = write_root_module(spec, tmp_path)
    for generated in module.generated:
        assert generated.blocks == parse_file(generated.path).blocks, generated.path
