"""The HCL writer lays files out as `terraform fmt` does (checked against real fmt in integration tests)."""

from versus.terraform.hcl import Blank, Block, Expr, render_file


def test_consecutive_single_line_attributes_align_their_equals_signs() -> None:
    text = render_file([Block("module", ("m",), [("source", "./x"), ("impact", 1), ("enabled", True)])]).text
    assert text == 'module "m" {\n  source  = "./x"\n  impact  = 1\n  enabled = true\n}\n'


def test_a_multi_line_value_stands_alone_and_restarts_alignment() -> None:
    body = [("a", 1), ("object", {"k": "v", "longer": None}), ("bb", 2)]
    text = render_file([Block("module", ("m",), body)]).text
    assert text == ('module "m" {\n  a = 1\n  object = {\n    k      = "v"\n    longer = null\n  }\n  bb = 2\n}\n')


def test_lists_of_scalars_are_inline_and_lists_of_objects_have_trailing_commas() -> None:
    body = [("names", ["a", Expr("var.b")]), ("stages", [{"minutes": 5}])]
    text = render_file([Block("x", (), body)]).text
    assert '  names = ["a", var.b]\n' in text
    assert "  stages = [\n    {\n      minutes = 5\n    },\n  ]\n" in text


def test_keys_that_are_not_identifiers_are_quoted() -> None:
    text = render_file([Block("x", (), [("m", {"platform-rotation": 1, "ok_key": 2})])]).text
    assert '"platform-rotation" = 1' in text
    quoted = '"platform-rotation"'
    assert f"{'ok_key'.ljust(len(quoted))} = 2" in text


def test_spec_text_can_never_become_an_interpolation() -> None:
    text = render_file([Block("x", (), [("title", 'Outage ${var.x} %{if} "q"')])]).text
    assert r'title = "Outage $${var.x} %%{if} \"q\""' in text


def test_blocks_are_separated_by_one_empty_line_and_blanks_break_groups() -> None:
    text = render_file([Block("a", (), [("x", 1), Blank(), ("long", 2)]), Block("b", ("l",), [])]).text
    assert text == "a {\n  x = 1\n\n  long = 2\n}\n\n" + 'b "l" {}\n'
