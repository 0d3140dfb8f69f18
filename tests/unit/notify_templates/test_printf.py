"""printf follows Go's fmt.Sprintf (pkg.go.dev/fmt), including its inline reports of bad verbs."""

import pytest

from tests.unit.notify_templates.payloads import go


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param('{{ printf "%q" "x" }}', '"x"', id="q"),
        pytest.param('{{ printf "%q" "a\\"b\\n" }}', '"a\\"b\\n"', id="q-escapes"),
        pytest.param("""{{ printf "%q %q %q" 97 39 'x' }}""", "'a' '\\'' 'x'", id="q-runes"),
        pytest.param('{{ printf "%s" "x" }}', "x", id="s"),
        pytest.param('{{ printf "[%5s]" "ab" }}', "[   ab]", id="s-width"),
        pytest.param('{{ printf "[%-5s]" "ab" }}', "[ab   ]", id="s-left"),
        pytest.param('{{ printf "%.2s" "abc" }}', "ab", id="s-precision"),
        pytest.param('{{ printf "%d" 42 }}', "42", id="d"),
        pytest.param('{{ printf "[%5d]" 42 }}', "[   42]", id="d-width"),
        pytest.param('{{ printf "[%-5d]" 42 }}', "[42   ]", id="d-left"),
        pytest.param('{{ printf "%05d" -42 }}', "-0042", id="d-zero-pad"),
        pytest.param('{{ printf "%+d" 5 }}', "+5", id="d-plus"),
        pytest.param('{{ printf "%+v|%+.1f" 5 2.0 }}', "5|+2.0", id="plus-v-is-not-a-sign"),
        pytest.param('{{ printf "%v" .list }}', "[x y z]", id="v-list"),
        pytest.param('{{ printf "%v" .m }}', "map[a:1 b:x]", id="v-map"),
        pytest.param('{{ printf "%v %v %v" true 1.5 7 }}', "true 1.5 7", id="v-scalars"),
        pytest.param('{{ printf "%f" 3.14159 }}', "3.141590", id="f"),
        pytest.param('{{ printf "%.2f" 3.14159 }}', "3.14", id="f-precision"),
        pytest.param('{{ printf "[%8.3f]" 3.14159 }}', "[   3.142]", id="f-width-precision"),
        pytest.param('{{ printf "%.2f" .count }}', "3.00", id="f-accepts-json-integer"),
        pytest.param('{{ printf "%e" 1234.5678 }}', "1.234568e+03", id="e"),
        pytest.param('{{ printf "%g %g" 1e6 100000.0 }}', "1e+06 100000", id="g"),
        pytest.param('{{ printf "%x %X %#x" 255 255 255 }}', "ff FF 0xff", id="x-int"),
        pytest.param('{{ printf "%x" "hi" }}', "6869", id="x-string"),
        pytest.param('{{ printf "%o %b %c" 8 5 65 }}', "10 101 A", id="o-b-c"),
        pytest.param('{{ printf "%t" true }}', "true", id="t"),
        pytest.param('{{ printf "%T %T %T %T" "s" 1 1.5 .list }}', "string int float64 []interface {}", id="T"),
        pytest.param('{{ printf "100%%" }}', "100%", id="percent"),
        pytest.param('{{ printf "%t" "x" }}', "%!t(string=x)", id="bad-verb-t"),
        pytest.param('{{ printf "%d" "x" }}', "%!d(string=x)", id="bad-verb-d"),
        pytest.param('{{ printf "%s" 5 }}', "%!s(int=5)", id="bad-verb-s"),
        pytest.param('{{ printf "%s %s" "a" }}', "a %!s(MISSING)", id="missing-arg"),
        pytest.param('{{ printf "%s" "a" "b" }}', "a%!(EXTRA string=b)", id="extra-arg"),
        pytest.param('{{ printf "[%s]" .nope }}', "[]", id="missing-value-is-empty"),
        pytest.param('{{ .s | printf "%s!" }}', "hi!", id="piped"),
    ],
)
def test_printf(source: str, expected: str) -> None:
    data = {"list": ["x", "y", "z"], "m": {"b": "x", "a": 1}, "count": 3, "s": "hi"}
    assert go(source, data) == expected
