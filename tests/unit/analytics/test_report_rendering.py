"""Rendering: durations people read, SVG that escapes alert text, HTML with no script and no external asset."""

import re
from xml.etree import ElementTree

from versus.analytics.durations import human_duration, percent
from versus.analytics.percentiles import Spread
from versus.analytics.report_html import render_html
from versus.analytics.report_markdown import render_markdown
from versus.analytics.summary import ReportSummary, ResponseRow, TeamBurden
from versus.analytics.svg_charts import bar_chart
from versus.schedule.burden import Burden

SUMMARY = ReportSummary(
    since_ms=1_767_571_200_000,
    until_ms=1_768_176_000_000,
    incidents=3,
    drills_excluded=1,
    by_severity=[("critical", 2), ("warning", 1)],
    by_service=[("<script>alert(1)</script>", 2), ("db", 1)],
    response=[ResponseRow("platform", "critical", 2, Spread(2, 60.0, 300.0), None)],
    paging=2,
    escalated=1,
    escalation_failed=0,
    acknowledged_late=1,
    resolved_before_ack=1,
    burden=[TeamBurden("platform", [Burden("alice", 1, 168.0, 45.0, 60.0, 63.0)], {"alice": "Alice Nguyen"})],
)


def test_durations_read_like_people_write_them():
    cases = [(None, "–"), (0.4, "0s"), (45, "45s"), (250, "4m 10s"), (7500, "2h 05m"), (200_000, "2d 07h")]
    assert [human_duration(seconds) for seconds, _ in cases] == [text for _, text in cases]
    assert (percent(1, 3), percent(0, 0)) == ("33.3 %", "–")


def test_charts_are_well_formed_svg_with_escaped_labels():
    svg = bar_chart("Top <services>", [("<b>&", [3.0]), ("db", [None])], ["incidents"])
    root = ElementTree.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "Top <services>" in texts and "<b>&" in texts and "–" in texts
    assert ElementTree.fromstring(bar_chart("empty", [], ["x"])) is not None


def test_markdown_has_the_headline_numbers_and_the_burden():
    text = render_markdown(SUMMARY)
    assert "• Incidents: 3 (drills excluded: 1)" in text
    assert "• Escalation rate: 1 of 3 paged (33.3 %); 2 could page, 0 page(s) failed" in text
    assert "platform       critical     2    1m 00s    5m 00s         –         –" in text
    assert "Alice Nguyen              1   168.0    63.0" in text


def test_html_is_self_contained_and_escapes_alert_text():
    html = render_html(SUMMARY)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert html.count("<svg") == 5
