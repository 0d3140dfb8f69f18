"""The report as Markdown for a weekly Slack post: short bullets, tables in code blocks that Slack keeps aligned."""

from versus.analytics.durations import human_duration, percent, utc_text
from versus.analytics.percentiles import Spread
from versus.analytics.summary import ReportSummary

PERCENTILE_NOTE = "Median and p90 are nearest-rank percentiles (always an observed time)."


def render_markdown(summary: ReportSummary, top_services: int = 5) -> str:
    s = summary
    lines = [
        f"*Versus on-call report* {utc_text(s.since_ms)} → {utc_text(s.until_ms)}",
        f"• Incidents: {s.incidents} (drills excluded: {s.drills_excluded})",
        f"• By severity: {_inline(s.by_severity)}",
        f"• Top services: {_inline(s.by_service[:top_services])}",
        f"• Escalation rate: {s.escalated} of {s.incidents} paged ({percent(s.escalated, s.incidents)}); "
        f"{s.paging} could page, {s.escalation_failed} page(s) failed",
        f"• Acknowledged late (after the page started): {s.acknowledged_late}",
        f"• Resolved before any ack (false-positive signal): {s.resolved_before_ack}",
        "",
        "*Time to acknowledge (MTTA) and resolve (MTTR)*",
        "```",
        _response_table(s),
        "```",
    ]
    if s.by_on_call:
        lines += [
            "",
            "*Time to acknowledge by on-call person* (the team's primary rotation when the incident came in)",
            "```",
            _person_table(s),
            "```",
        ]
    for team in s.burden:
        lines += [
            "",
            f"*On-call burden, {team.team}*",
            "```",
            f"{'Person':<20} {'Shifts':>6} {'Hours':>7} {'Sleep h':>7}",
            *(
                f"{team.names.get(b.alias, b.alias):<20} {b.shifts:>6} {b.hours:>7.1f} {b.sleep_hours:>7.1f}"
                for b in team.people
            ),
            "```",
        ]
    lines += ["", f"_{PERCENTILE_NOTE} Drills are not counted._"]
    return "\n".join(lines) + "\n"


def _inline(counts: list[tuple[str, int]]) -> str:
    return " · ".join(f"{name} {count}" for name, count in counts) or "none"


def _response_table(summary: ReportSummary) -> str:
    header = f"{'Team':<14} {'Severity':<10} {'N':>3} {'MTTA p50':>9} {'p90':>9} {'MTTR p50':>9} {'p90':>9}"
    rows = [header]
    for row in summary.response:
        rows.append(
            f"{row.team[:14]:<14} {row.severity[:10]:<10} {row.incidents:>3} "
            f"{_median(row.acknowledge):>9} {_p90(row.acknowledge):>9} "
            f"{_median(row.resolve):>9} {_p90(row.resolve):>9}"
        )
    if not summary.response:
        rows.append("no incidents in this window")
    return "\n".join(rows)


def _person_table(summary: ReportSummary) -> str:
    rows = [f"{'Person':<20} {'Team':<14} {'N':>3} {'Acked':>5} {'MTTA p50':>9} {'p90':>9}"]
    for row in summary.by_on_call:
        rows.append(
            f"{row.person[:20]:<20} {row.team[:14]:<14} {row.incidents:>3} {row.acknowledged:>5} "
            f"{_median(row.acknowledge):>9} {_p90(row.acknowledge):>9}"
        )
    return "\n".join(rows)


def _median(value: Spread | None) -> str:
    return human_duration(value.median if value else None)


def _p90(value: Spread | None) -> str:
    return human_duration(value.p90 if value else None)
