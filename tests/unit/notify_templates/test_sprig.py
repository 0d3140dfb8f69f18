"""The sprig string functions, with sprig's argument order (pipe-friendly): `template_functions: sprig`."""

import pytest

from tests.unit.notify_templates.payloads import go

DATA = {"s": "hello", "list": ["x", "y", "z"], "mixed": [1, None, 2.5, "a"], "m": {"k": "v", "n": {"deep": 42}}}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param('{{ upper "straße" }} {{ .s | upper }}', "STRAßE HELLO", id="upper-rune-by-rune"),
        pytest.param('{{ lower "HeLLo" }}', "hello", id="lower"),
        pytest.param('{{ "hello world-wide_web" | title }}', "Hello World-Wide_web", id="title"),
        pytest.param('{{ title "hELLO wORLD" }}', "HELLO WORLD", id="title-keeps-the-rest"),
        pytest.param('{{ .s | replace "l" "L" }}', "heLLo", id="replace-piped"),
        pytest.param('{{ replace "a" "b" "banana" }}', "bbnbnb", id="replace-all"),
        pytest.param('[{{ trim "  x y \\n\\t" }}]', "[x y]", id="trim"),
        pytest.param("{{ toJson .m }}", '{"k":"v","n":{"deep":42}}', id="toJson-map"),
        pytest.param("{{ toJson .mixed }}", '[1,null,2.5,"a"]', id="toJson-list"),
        pytest.param('{{ toJson "<a&b>" }}', '"\\u003ca\\u0026b\\u003e"', id="toJson-escapes-html"),
        pytest.param(
            "{{ toJson .nope }} {{ toJson 1.0 }} {{ toJson 0.000001 }}", "null 1 0.000001", id="toJson-scalars"
        ),
        pytest.param('{{ .nope | default "none" }}', "none", id="default-missing"),
        pytest.param('{{ default "none" .s }}', "hello", id="default-present"),
        pytest.param('{{ 0 | default 5 }} {{ default "d" false }} {{ default "d" "" }}', "5 d d", id="default-empty"),
        pytest.param('{{ join ", " .list }}', "x, y, z", id="join"),
        pytest.param('{{ .list | join "-" }}', "x-y-z", id="join-piped"),
        pytest.param('{{ join "," .mixed }}', "1,2.5,a", id="join-skips-nil"),
        pytest.param('{{ join "," .s }}|{{ join "," .nope }}', "hello|", id="join-non-list"),
    ],
)
def test_sprig_functions(source: str, expected: str) -> None:
    assert go(source, DATA, functions="sprig") == expected
