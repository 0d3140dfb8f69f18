"""The report as one self-contained HTML file: inline CSS and SVG charts, no script, nothing fetched."""

from importlib import resources

from jinja2 import Environment, StrictUndefined, select_autoescape
from markupsafe import Markup

from versus.analytics.durations import human_duration, percent, utc_text
from versus.analytics.report_markdown import PERCENTILE_NOTE
from versus.analytics.summary import ReportSummary, TeamBurden
from versus.analytics.svg_charts import bar_chart


def render_html(summary: ReportSummary, top_services: int = 10) -> str:
    s = summary
    template = _environment().from_string(
        resources.files("versus.analytics").joinpath("templates/report.html.j2").read_text(encoding="utf-8")
    )
    groups = [f"{row.team} / {row.severity}" for row in s.response]
    return template.render(
        s=s,
        since=utc_text(s.since_ms),
        until=utc_text(s.until_ms),
        escalation_rate=percent(s.escalated, s.incidents),
        severity_chart=_svg(bar_chart("Incidents by severity", [(n, [c]) for n, c in s.by_severity], ["incidents"])),
        service_chart=_svg(
            bar_chart(f"Top {top_services} services", [(n, [c]) for n, c in s.by_service[:top_services]], ["incidents"])
        ),
        acknowledge_chart=_svg(
            bar_chart(
                "Time to acknowledge",
                [
                    (g, [r.acknowledge.median, r.acknowledge.p90] if r.acknowledge else [None, None])
                    for g, r in zip(groups, s.response, strict=True)
                ],
                ["median", "p90"],
                human_duration,
            )
        ),
        resolve_chart=_svg(
            bar_chart(
                "Time to resolve",
                [
                    (g, [r.resolve.median, r.resolve.p90] if r.resolve else [None, None])
                    for g, r in zip(groups, s.response, strict=True)
                ],
                ["median", "p90"],
                human_duration,
            )
        ),
        rows=[
            [
                row.team,
                row.severity,
                row.incidents,
                human_duration(row.acknowledge.median if row.acknowledge else None),
                human_duration(row.acknowledge.p90 if row.acknowledge else None),
                human_duration(row.resolve.median if row.resolve else None),
                human_duration(row.resolve.p90 if row.resolve else None),
            ]
            for row in s.response
        ],
        burden=[{"team": team.team, "chart": _svg(_burden_chart(team))} for team in s.burden],
        note=PERCENTILE_NOTE,
    )


def _burden_chart(team: TeamBurden) -> str:
    rows = [(team.names.get(b.alias, b.alias), [b.business_hours, b.off_hours, b.sleep_hours]) for b in team.people]
    return bar_chart(
        "On-call hours per person", rows, ["business hours", "off hours", "sleep hours"], lambda v: f"{v or 0:.1f} h"
    )


def _svg(markup: str) -> Markup:
    """Chart markup is built from escaped text in `svg_charts`, so it is safe to insert as it is."""
    return Markup(markup)


def _environment() -> Environment:
    return Environment(autoescape=select_autoescape(default=True), undefined=StrictUndefined)
