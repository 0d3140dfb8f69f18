"""Renderings of computed shifts: terminal table, iCalendar feed and a self-contained HTML page."""
