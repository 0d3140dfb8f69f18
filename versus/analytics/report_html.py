"""The report as one self-contained HTML file: inline CSS and SVG charts, no script, nothing fetched."""

from importlib import resources

from jinja2 import Environment, StrictUndefined, select_autoescape
from markupsafe import Markup

from versus.analytics.durations import human_duration, percent, utc_text
from versus.analytics.percentiles import Spread
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
                [(g, _median_and_p90(r.acknowledge)) for g, r in zip(groups, s.response, strict=True)],
                ["median", "p90"],
                human_duration,
            )
        ),
        resolve_chart=_svg(
            bar_chart(
                "Time to resolve",
                [(g, _median_and_p90(r.resolve)) for g, r in zip(groups, s.response, strict=True)],
                ["median", "p90"],
                human_duration,
            )
        ),
        rows=[
            [
                row.team,
                row.severity,
                row.incidents,
                *map(human_duration, _median_and_p90(row.acknowledge)),
                *map(human_duration, _median_and_p90(row.resolve)),
            ]
            for row in s.response
        ],
        person_chart=_svg(
            bar_chart(
                "Time to acknowledge by on-call person",
                [(f"{r.person} ({r.team})", _median_and_p90(r.acknowledge)) for r in s.by_on_call],
                ["median", "p90"],
                human_duration,
            )
        ),
        person_rows=[
            [
                row.person,
                row.team,
                row.incidents,
                row.acknowledged,
                *map(human_duration, _median_and_p90(row.acknowledge)),
            ]
            for row in s.by_on_call
        ],
        burden=[{"team": team.team, "chart": _svg(_burden_chart(team))} for team in s.burden],
        note=PERCENTILE_NOTE,
    )


def _median_and_p90(value: Spread | None) -> list[float | None]:
    return [value.median, value.p90] if value else [None, None]


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
