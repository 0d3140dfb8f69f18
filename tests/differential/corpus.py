# ruff: noqa: E501 (each template stays on one line, as written in a template file)
"""The differential corpus: Go templates, each rendered with one payload, by Go and by Versus.

Constructs and edge cases are written here; the seed guide's template, the built-in default and the
templates the Go Versus Incident ships (upstream/, MIT) are rendered with every real payload.
"""

from dataclasses import dataclass
from pathlib import Path

from versus.notify.templates.default import DEFAULT_SOURCE

HERE = Path(__file__).parent
SEED_TEMPLATE = HERE.parent.parent / "config" / "slack_message.tmpl"
UPSTREAM = sorted((HERE / "upstream").glob("*.tmpl"))
REAL_PAYLOADS = ("alertmanager", "grafana", "seed")


@dataclass(frozen=True)
class Case:
    name: str
    template: str
    payload: str = "edge"
    functions: str = "versus"


CONSTRUCTS: dict[str, str] = {
    # text, trim markers, comments
    "text-only": "plain text, no actions\n",
    "trim-both": "a  {{- .s -}}  b",
    "trim-newlines": "x\n\n{{- .s }}\n\n{{ .s -}}\n\ny",
    "comment": "a{{/* note */}}b{{- /* trimmed */ -}} c",
    "braces-in-text": "{ {{ .s }} } {% raw %} {# #}",
    "crlf-text": "a\r\nb{{ .s }}\r\n",
    "minus-number": "{{-3}} {{ -3 }}",
    # fields and printing
    "field": "{{ .s }}|{{ .nested.a.b.c }}|{{ .missing }}|{{ .null }}",
    "print-types": "{{ .n }} {{ .f }} {{ .t }} {{ .list }} {{ .map }} {{ .mixed }} {{ .nested }}",
    "print-floats": "{{ .half }} {{ .tiny }} {{ .huge }} {{ .whole }} {{ .big }} {{ .neg }}",
    "dot": "{{ with .nested.a }}{{ . }}{{ end }}",
    "root-variable": "{{ range .list }}{{ $.s }}-{{ . }} {{ end }}",
    "literals": '{{ 1 }} {{ 1.5 }} {{ 0x1F }} {{ 0o17 }} {{ 1e3 }} {{ true }} {{ "q\\t\\u00e9" }} {{ `raw\\n` }}',
    "char-constant": "{{ 'a' }} {{ '\\n' }} {{ printf \"%c\" 'é' }}",
    "hostile-escaped": "{{ .hostile }} <{{ .url }}|link>",
    "raw-function": "{{ raw .hostile }} {{ .hostile | raw }} {{ raw .hostile | upper }}",
    # variables and scope
    "variables": '{{ $x := .s }}{{ $x }} {{ $x = "re" }}{{ $x }}',
    "variable-in-range": "{{ $n := 0 }}{{ range .list }}{{ $n = . }}{{ end }}{{ $n }}",
    "variable-shadow": "{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ $x }}{{ end }}{{ $x }}",
    "range-key-value": "{{ range $i, $v := .list }}{{ $i }}={{ $v }};{{ end }}",
    "range-map-sorted": "{{ range $k, $v := .map }}{{ $k }}:{{ $v }} {{ end }}",
    "range-single-var": "{{ range $v := .nums }}{{ $v }}{{ end }}",
    # control flow
    "if-else-chain": "{{ if .empty }}a{{ else if .zero }}b{{ else if .n }}c{{ else }}d{{ end }}",
    "if-truthiness": "{{ if .list }}L{{ end }}{{ if .map }}M{{ end }}{{ if .no }}F{{ end }}{{ if .null }}N{{ end }}{{ if .half }}H{{ end }}",
    "with-else": "{{ with .missing }}x{{ else }}none{{ end }} {{ with .s }}{{ . }}{{ end }}",
    "range-else-empty": "{{ range .nope }}x{{ else }}empty{{ end }}",
    "range-else-all-break": "{{ range .list }}{{ break }}{{ else }}ELSE{{ end }}end",
    "range-else-all-continue": "{{ range .list }}{{ continue }}{{ else }}ELSE{{ end }}end",
    "range-break-continue": "{{ range .nums }}{{ if eq . 1 }}{{ continue }}{{ end }}{{ if eq . 2 }}{{ break }}{{ end }}{{ . }}{{ end }}",
    "range-nested": "{{ range .nested.l }}{{ range $k, $v := . }}{{ $k }}{{ $v }}{{ end }}{{ end }}",
    "range-dot-inside": "{{ range .nested.l }}{{ .k }},{{ end }}",
    # pipelines and parentheses
    "pipeline-chain": '{{ .s | upper | printf "[%s]" }}',
    "pipeline-last-arg": '{{ "world" | printf "%s, %s" "hello" }}',
    "parens": '{{ printf "%d-%s" (len .list) (index .list 1) }}',
    "parens-field": "{{ (index .nested.l 1).k }}",
    # comparison and logic
    "eq-family": '{{ eq .n 3 }} {{ eq .s "x" "hello" }} {{ ne .n 4 }} {{ lt .n 4 }} {{ le .f 3.2 }} {{ gt .s "a" }} {{ ge .zero 0 }}',
    "eq-int-float": "{{ eq .whole 2 }} {{ lt .n 3.5 }}",
    "and-or": "{{ and .s .n }} {{ and .s .empty .n }} {{ or .empty .zero .s }} {{ or .empty .zero }} {{ not .s }}",
    "or-default-idiom": '{{ or .missing .null "fallback" }}',
    "len-index": '{{ len .list }} {{ len .s }} {{ len .unicode }} {{ len .map }} {{ index .list 2 }} {{ index .nested "a" "b" "c" }} {{ index .map "Mid" }}',
    # builtin printing functions
    "print": '{{ print 1 2 "a" 3 }}|{{ print .s .n }}|{{ println .s 1 }}',
    "html-urlquery": "{{ html .hostile }} {{ urlquery .url }}",
    # printf verbs and flags
    "printf-basic": '{{ printf "%s|%v|%d|%q|%x|%X|%o|%b|%c|%U|%t" .s .n .n .s .n .n .n .n 65 65 .t }}',
    "printf-floats": '{{ printf "%f|%.2f|%e|%E|%g|%G|%8.3f|%-8.2f|%08.3f|%+08.2f" .f .f .f .f .f .huge .f .f .f .f }}',
    "printf-width": '{{ printf "[%5s][%-5s][%05d][%-5d][%5.1s][%.2s]" .s .s .n .n .s .s }}',
    "printf-plus-space": '{{ printf "%+d|% d|%+d|% d|%+.1f|% .1f|%+v" .n .n .neg .neg .f .f .n }}',
    "printf-sharp": '{{ printf "%#x|%#X|%#o|%#b|%#v|%#q|%#U" .n .n .n .n .s .s 65 }}',
    "printf-sharp-float": '{{ printf "%#g|%#.3g|%#.0f|%#e" .f .f .f .f }}',
    "printf-string-flags": '{{ printf "% x|%# x|%#x|% X|%+q|%q" .s .s .s .s .unicode .unicode }}',
    "printf-star": '{{ printf "[%*d][%-*d][%.*f][%*.*f]" .width .n .width .n 2 .f 9 3 .f }}',
    "printf-star-negative": '{{ printf "[%*d]" -4 .n }}',
    "printf-arg-index": '{{ printf "%[2]s %[1]s|%[1]d %d %d" .s .list 1 2 }}',
    "printf-arg-index-star": '{{ printf "%[3]*.[2]*[1]f|%[2]d" .f 2 8 }}',
    "printf-bad-index": '{{ printf "%[5]d|%[0]d|%[x]d|%[2]" 1 2 }}',
    "printf-missing-extra": '{{ printf "%s %s" "a" }}|{{ printf "%s" "a" "b" 3 }}',
    "printf-bad-verb": '{{ printf "%d|%s|%z|%!|%" .s .n .s }}',
    "printf-percent": '{{ printf "100%%|%5%|%d%%" 3 }}',
    "printf-width-cap": '{{ printf "[%*d]" 10000000 1 }}|{{ printf "[%.*f]" 2000000 1.5 }}',
    "printf-width-literal-overflow": '{{ printf "%99999999d|after" 1 }}',
    "printf-lists": '{{ printf "%v|%d|%s|%q" .nums .nums .list .list }}',
    "printf-maps": '{{ printf "%v|%d" .map .map }}',
    "printf-missing-arg": '{{ printf "[%5s][%s]" .missing .null }}',
    "printf-nil-in-list": '{{ printf "%v" .mixed }}',
    "printf-T": '{{ printf "%T %T %T %T %T %T" .s .n .f .t .list .map }}',
    "printf-zero-precision": '{{ printf "%.0d|%.0s|%.3d|%5.3d|%-05d" .zero .s .n .n .n }}',
    "printf-unicode-width": '{{ printf "[%8s][%-8.3s]" .unicode .unicode }}',
    # sprig and upstream functions (versus set)
    "upper-lower": "{{ upper .unicode }} {{ lower .mixed_case }} {{ .s | upper }}",
    "title-versus": "{{ title .mixed_case }}",
    "trim": "[{{ trim .spaces }}]",
    "date-layouts": '{{ date "Jan 02, 2006 15:04:05 MST" .time }}|{{ date "2006-01-02T15:04:05.000Z07:00" .time }}|{{ date "Mon Jan _2 3:04PM" .unix }}|{{ .time | date ".999999999 -0700" }}',
    "date-missing-and-text": '[{{ date "2006" .missing }}][{{ date "2006" .s }}]',
    "toJson": "{{ toJson .map }} {{ toJson .mixed }} {{ toJson .hostile }} {{ toJson .nested }} {{ toJson .missing }} {{ toJson .tiny }} {{ toJson .huge }}",
    "toJson-dot-alone": "{{ toJson . }}",
    "default-versus": '{{ default .missing "d1" }} {{ default .empty "d2" }} {{ default .zero "d3" }} {{ default .s "d4" }} {{ .missing | default "piped" }}',
    "join-versus": '{{ join .list ", " }} {{ join .mixed "-" }} {{ join (split .csv ",") "|" }}',
    "replace-versus": '{{ replace .s "l" "L" }} {{ replaceAll .csv "," ";" }} {{ replace .s "" "." }}',
    "contains-trim-versus": '{{ contains .s "ell" }} {{ contains .s "x" }} {{ trimPrefix .s "he" }} {{ trimSuffix .s "lo" }}',
    "split-versus": '{{ split .csv "," }} {{ len (split .csv ",") }} {{ index (split .csv ",") 3 }} {{ split .s "" }}',
    "slice-versus": "{{ slice .s 1 3 }} {{ slice .s 3 1 }} {{ slice .s 0 99 }} [{{ slice .n 0 1 }}] {{ slice .unicode 0 5 }}",
    "truncate": "{{ truncate .s 3 }} {{ truncate .s 10 }} {{ truncate .unicode 4 }} [{{ truncate .s 0 }}]",
    "toString": "{{ toString .n }} {{ toString .f }} {{ toString .list }} {{ toString .null }} {{ toString .t }}",
    "escapeHTML": '{{ escapeHTML .hostile }} {{ escapeHTML "\'\\"" }} {{ escapeHTML .n }}',
    "formatTime": "{{ formatTime .time }} {{ formatTime .s }} {{ formatTime .n }}",
    "format": '{{ format "2006-01-02 15:04" .time }} {{ format "Jan 2" "2026-03-04" }} {{ format "15:04" "2026/03/04 05:06:07" }} {{ format "2006" .s }} {{ format "2006" .n }}',
    "dict-list-append": '{{ $d := dict "a" 1 "b" .list }}{{ $d.a }} {{ $d.b }} {{ $l := list 1 "x" }}{{ $l = append $l 3 }}{{ $l }} {{ len $l }}',
    "dict-range": '{{ range $k, $v := dict "z" 1 "a" 2 }}{{ $k }}{{ $v }}{{ end }}',
    "stringSlice-join": '{{ join (stringSlice .mixed) "," }}',
    "add": "{{ add .n 1 }} {{ add .f 1 }} {{ add .s 1 }} {{ add .n .neg }}",
    "regexMatch": '{{ regexMatch "^h.l+o$" .s }} {{ regexMatch "(?i)HELLO" .s }} {{ regexMatch "[" .s }}',
    "env": '[{{ env "VERSUS_TEST_TEAM" }}][{{ env "HOME" }}]',
    "repeat": "{{ repeat 3 .s }}",
}

DELIBERATE: dict[str, str] = {
    "printf-f-of-int": '{{ printf "%.1f|%d" .n .whole }}',
    "else-with": "{{ with .empty }}a{{ else with .s }}{{ . }}{{ end }}",
    "field-of-null": "[{{ .null.x }}]",
    "field-of-string": "[{{ .s.x }}]",
    "range-over-number": "{{ range .n }}{{ . }}{{ end }}",
    "range-over-number-limit": "{{ range 20000 }}.{{ end }}",
    "define-template": '{{ define "x" }}hi{{ end }}{{ template "x" }}',
    "output-limit": '{{ printf "%999999d" 1 }}',
}
"""Cases where Versus differs from Go on purpose; the test checks each difference is the documented one."""

SPRIG_CONSTRUCTS: dict[str, str] = {
    "default-sprig": '{{ .missing | default "d1" }} {{ default "d2" .empty }} {{ default "d3" .zero }} {{ default "d4" .s }} {{ default "d5" .no }}',
    "join-sprig": '{{ join ", " .list }} {{ .mixed | join "-" }} {{ join "," .s }}',
    "replace-sprig": '{{ .s | replace "l" "L" }} {{ replace "," ";" .csv }}',
    "contains-trim-sprig": '{{ contains "ell" .s }} {{ .s | trimPrefix "he" }} {{ trimSuffix "lo" .s }}',
    "split-sprig": '{{ $p := split "," .csv }}{{ $p._0 }} {{ $p._3 }} {{ len $p }}',
    "title-sprig": "{{ title .mixed_case }}",
}


def cases() -> list[Case]:
    out = [Case(name, source) for name, source in (CONSTRUCTS | DELIBERATE).items()]
    out += [Case(name, source, functions="sprig") for name, source in SPRIG_CONSTRUCTS.items()]
    whole = {"seed-template": SEED_TEMPLATE.read_text(encoding="utf-8"), "default-template": DEFAULT_SOURCE}
    whole |= {f"upstream-{path.stem}": path.read_text(encoding="utf-8") for path in UPSTREAM}
    for name, source in whole.items():
        out += [Case(f"{name}-{payload}", source, payload) for payload in REAL_PAYLOADS]
    return out
